package org.hbft.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec/conform-many.sh}, which checks a directory of traces in parallel: one line a run,
 * the two files of a two-process run checked together, and an exit code that says whether
 * every run conformed.
 */
class ConformManyScriptTest {
    @TempDir
    Path dir;

    @Test
    void checksEveryTraceOfADirectoryAndPairsAPrimarysFileWithItsBackups() throws Exception {
        Path traces = Scenarios.root().resolve("traces");
        Files.copy(traces.resolve("good/cpu-revised.ndjson"), dir.resolve("cpu-revised.ndjson"));
        Files.copy(traces.resolve("bad/backup-starts-epoch-early.ndjson"), dir.resolve("early.ndjson"));
        // A two-process run: the corpus's crash run, split into the files its two processors would write.
        List<String> run = Files.readAllLines(traces.resolve("good/disk-read-revised-failover.ndjson"));
        Files.write(dir.resolve("run-primary.ndjson"), renumbered(run.stream()
                .filter(l -> l.contains("\"replica\":\"primary\"") && !l.contains("\"PrimaryCrash\"")).toList()));
        Files.write(dir.resolve("run-backup.ndjson"),
                renumbered(run.stream().filter(l -> l.contains("\"replica\":\"backup\"")).toList()));

        Process p = new ProcessBuilder("bash", Scenarios.root().resolve("spec/conform-many.sh").toString(), "-j", "2",
                dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out.lines().toList()).as(out).hasSize(3).containsExactlyInAnyOrder(
                "conforms          " + dir.resolve("cpu-revised.ndjson"),
                "conforms          " + dir.resolve("run-primary.ndjson") + " " + dir.resolve("run-backup.ndjson"),
                "DOES NOT CONFORM  " + dir.resolve("early.ndjson") + ": does not conform: event 239 of 1882 cannot be"
                        + " taken by any behaviour of the spec (mode revised)");
    }

    /** The lines with {@code seq} 1, 2, ...: each file of a two-process run counts its own. */
    private static List<String> renumbered(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(l.replaceFirst("\"seq\":[0-9]+", "\"seq\":" + (out.size() + 1)));
        }
        return out;
    }
}
