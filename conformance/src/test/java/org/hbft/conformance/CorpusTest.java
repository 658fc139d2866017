package org.hbft.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hbft.spec.trace.TraceValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed corpus ({@code traces/corpus.json}): every good trace conforms, every bad one
 * is rejected exactly at the line its manifest entry names.
 */
class CorpusTest {
    static List<JsonNode> entries() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(Scenarios.root().resolve("traces/corpus.json").toFile());
        List<JsonNode> l = new ArrayList<>();
        manifest.forEach(l::add);
        return l;
    }

    static Stream<String> files() throws Exception {
        return entries().stream().map(e -> e.get("file").asText());
    }

    @Test
    void corpusHasGoodTracesOfEveryWorkloadAndAtLeastTenBadOnes() throws Exception {
        List<JsonNode> e = entries();
        assertThat(e.stream().filter(x -> x.get("expect").asText().equals("rejected")).count()).isGreaterThanOrEqualTo(10);
        for (String w : List.of("kv-", "cpu-", "disk-write-", "disk-read-")) {
            assertThat(e).anyMatch(x -> x.get("file").asText().startsWith("good/" + w));
        }
        assertThat(e).allMatch(x -> !x.get("reason").asText().isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void corpusTraceGetsTheVerdictItsManifestStates(String file) throws Exception {
        JsonNode entry = entries().stream().filter(e -> e.get("file").asText().equals(file)).findFirst().orElseThrow();
        Path path = Scenarios.root().resolve("traces").resolve(file);
        TraceValidator.Result r = Validation.validate(path, entry.get("mode").asText());
        if (entry.get("expect").asText().equals("conforms")) {
            assertThat(r.conforms()).as(file + " stuck at " + (r.badIndex() + 1) + " (" + r.action() + ") " + r.state()).isTrue();
        } else {
            assertThat(r.conforms()).as(file + " (" + entry.get("reason").asText() + ") must be rejected").isFalse();
            assertThat(r.badIndex() + 1).as(file + ": first bad line; state " + r.state() + "\n"
                    + Files.readAllLines(path).get(r.badIndex())).isEqualTo(entry.get("line").asInt());
        }
    }
}
