package org.hbft.spec.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schema accepts what hbft writes and agrees with traces/SCHEMA.md. */
class TraceSchemaTest {

    static Path resource(String name) {
        URL url = TraceSchemaTest.class.getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Excerpts of a real two-process run: a primary's start, a backup's start, the backup's failover. */
    @ParameterizedTest
    @ValueSource(strings = {"primary-head.ndjson", "backup-head.ndjson", "backup-failover.ndjson"})
    void everyLineOfARealTraceIsValid(String name) throws IOException {
        Path file = resource(name);
        TraceFile trace = TraceFile.read(file);

        assertThat(trace.problems()).isEmpty();
        assertThat(trace.isValid()).isTrue();
        assertThat(trace.truncatedTail()).isFalse();
        long lines = Files.readAllLines(file).size();
        assertThat(trace.events()).hasSize((int) lines);
        assertThat(trace.lineCount()).isEqualTo((int) lines);
        for (int i = 0; i < trace.events().size(); i++) {
            assertThat(trace.events().get(i).line()).isEqualTo(i + 1);
        }
        long first = trace.events().get(0).seq();
        assertThat(trace.events()).extracting(TraceLine::seq)
                .containsExactlyElementsOf(LongStream.range(first, first + lines).boxed().toList());
    }

    @Test
    void aLineOfEveryEventWithItsOptionalFieldsPresentAndAbsentIsValid() throws IOException {
        TraceFile trace = TraceFile.read(resource("every-event.ndjson"));

        assertThat(trace.problems()).isEmpty();
        assertThat(trace.events()).extracting(TraceLine::event).containsAll(TraceSchema.get().events());
    }

    @Test
    void theAccessorsReadTheCommonFields() throws IOException {
        TraceLine first = TraceFile.read(resource("every-event.ndjson")).events().get(0);

        assertThat(first.line()).isEqualTo(1);
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.event()).isEqualTo("PrimaryReadClock");
        assertThat(first.replica()).isEqualTo("primary");
        assertThat(first.epoch()).isEqualTo(3);
        assertThat(first.json().get("value").asLong()).isEqualTo(1200);
    }

    @Test
    void theSchemaListsExactlyTheEventsOfSchemaMd() throws IOException {
        assertThat(TraceSchema.get().events()).containsExactlyInAnyOrderElementsOf(eventsOfSchemaMd());
    }

    @Test
    void theSchemaOnTheClasspathIsTheOneInTraces() throws IOException {
        Path onClasspath = resource(TraceSchema.RESOURCE);
        Path inTraces = tracesDir().resolve("trace.schema.json");

        assertThat(Files.readString(onClasspath)).isEqualTo(Files.readString(inTraces));
    }

    /** The first column of every table of SCHEMA.md whose header's first column is "event". */
    private static Set<String> eventsOfSchemaMd() throws IOException {
        List<String> lines = Files.readAllLines(tracesDir().resolve("SCHEMA.md"));
        Pattern row = Pattern.compile("^\\|\\s*`(\\w+)`\\s*\\|");
        Set<String> events = new LinkedHashSet<>();
        boolean inEventTable = false;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                inEventTable = false;
            } else if (line.matches("^\\|\\s*event\\s*\\|.*")) {
                inEventTable = true;
            } else if (inEventTable) {
                Matcher m = row.matcher(line);
                if (m.find()) {
                    events.add(m.group(1));
                }
            }
        }
        assertThat(events).as("events found in SCHEMA.md").hasSizeGreaterThan(10);
        return events;
    }

    private static Path tracesDir() {
        String root = System.getProperty("hbft.root");
        Path base = root == null || root.isBlank() || root.startsWith("${")
                ? Path.of("").toAbsolutePath().getParent()   // running from spec/
                : Path.of(root);
        Path traces = base.resolve("traces");
        if (!Files.isRegularFile(traces.resolve("SCHEMA.md"))) {
            throw new IllegalStateException("cannot find traces/SCHEMA.md from " + base);
        }
        return traces;
    }
}
