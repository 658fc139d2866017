package org.hbft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hbft conform}: exit 0 for a conforming trace, 1 with a report for a bad one, 2 for bad input. */
class ConformCommandTest extends StderrCapture {
    @TempDir
    Path dir;

    static Path corpus(String file) {
        return RepoPaths.root().resolve("traces").resolve(file);
    }

    private int conform(ByteArrayOutputStream out, String... args) {
        PrintStream saved = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            return Main.execute(args);
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void conformingTraceExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(conform(out, "conform", corpus("good/kv-revised.ndjson").toString(), "--mode", "revised")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("conforms:");
    }

    @Test
    void badTraceExitsOneNamingTheFirstBadEventAndTheState() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path bad = corpus("bad/message-altered.ndjson");
        assertThat(conform(out, "conform", bad.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("does not conform").contains(bad + ":")
                .contains("action BackupReceive").contains("rcvd |->");
    }

    @Test
    void malformedLinesExitTwoWithTheirLineNumbers() throws Exception {
        Path f = dir.resolve("t.ndjson");
        Files.writeString(f, "{\"v\":1,\"seq\":1,\"replica\":\"primary\",\"event\":\"PrimarySendTme\",\"epoch\":1}\nnot json\n");
        assertThat(conform(new ByteArrayOutputStream(), "conform", f.toString())).isEqualTo(2);
        assertThat(stderr()).contains(":1:").contains(":2:");
    }

    @Test
    void missingFileAndUnknownModeExitTwo() {
        assertThat(conform(new ByteArrayOutputStream(), "conform", dir.resolve("none.ndjson").toString())).isEqualTo(2);
        assertThat(conform(new ByteArrayOutputStream(), "conform", corpus("good/kv-revised.ndjson").toString(), "--mode",
                "lockstep")).isEqualTo(2);
        assertThat(stderr()).contains("not found").contains("--mode");
    }
}
