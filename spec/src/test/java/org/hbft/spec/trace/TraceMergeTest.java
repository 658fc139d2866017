package org.hbft.spec.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two processes write a file each and never log their link's end; the merge must find an order
 * the spec accepts. The runs here are the simulated ones of the corpus, split into the two
 * files two processes would have written (the fault injector's own events left out).
 */
class TraceMergeTest {
    /**
     * A primary that is only suspected - a long pause, a cut link - goes on after its backup took
     * over, and then finds itself superseded: its test-and-set to go on alone fails. That step
     * can only follow the backup's promotion, and the backup's failover needs the link gone: the
     * merge puts a {@code Partition} there.
     */
    @Test
    void aPrimarySupersededByItsBackupsTakeoverIsMergedWithTheLinkLost() throws IOException {
        Split run = split("kv-output-rule-partition-backup-wins.ndjson");
        JsonNode last = run.primary.get(run.primary.size() - 1).json();
        ObjectNode lost = JsonNodeFactory.instance.objectNode();
        lost.put("v", 1).put("seq", last.path("seq").asLong() + 1).put("replica", "primary").put("event", "PrimaryGoSolo")
                .put("epoch", last.path("epoch").asInt()).put("won", false);
        run.primary.add(new TraceLine(0, lost));

        List<JsonNode> merged = events(TraceMerge.merge(run.primary, "p", run.backup, "b"));

        assertThat(names(merged))
                .containsSubsequence("Partition", "BackupFailover", "BackupFailoverEnd", "PrimaryGoSolo")
                .doesNotContain("PrimaryCrash");
        assertThat(FastTraceChecker.check(merged, "output-rule").conforms()).isTrue();
    }

    /**
     * A primary file with no sign that it outlived the link - it just ends, however far the
     * merge got into it - reads as a crash: in a run whose primary did crash, and in one whose
     * link was cut but whose primary logged nothing about it.
     */
    @ParameterizedTest
    @CsvSource({"disk-read-revised-failover.ndjson, revised", "kv-output-rule-partition-backup-wins.ndjson, output-rule"})
    void aPrimaryFileWithNoSignOfOutlivingTheLinkReadsAsACrash(String corpusFile, String mode) throws IOException {
        Split run = split(corpusFile);

        List<JsonNode> merged = events(TraceMerge.merge(run.primary, "p", run.backup, "b"));

        assertThat(names(merged)).containsSubsequence("PrimaryCrash", "BackupFailover").doesNotContain("Partition");
        assertThat(FastTraceChecker.check(merged, mode).conforms()).isTrue();
    }

    private record Split(List<TraceLine> primary, List<TraceLine> backup) {}

    private static Split split(String corpusFile) throws IOException {
        TraceFile f = TraceFile.read(FastTraceCheckerTest.root().resolve("traces/good").resolve(corpusFile));
        assertThat(f.problems()).isEmpty();
        List<TraceLine> primary = new ArrayList<>();
        List<TraceLine> backup = new ArrayList<>();
        for (TraceLine t : f.events()) {
            String event = t.json().path("event").asText();
            if (event.equals("Partition") || event.equals("PrimaryCrash")) {
                continue; // the fault injector's: two processes do not log these
            }
            (t.json().path("replica").asText().equals("primary") ? primary : backup).add(t);
        }
        return new Split(primary, backup);
    }

    private static List<JsonNode> events(List<TraceMerge.Origin> merged) {
        List<JsonNode> l = new ArrayList<>();
        merged.forEach(o -> l.add(o.event()));
        return l;
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.path("event").asText()).toList();
    }
}
