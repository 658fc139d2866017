package org.hbft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end: two real OS processes, the primary killed with SIGKILL part-way,
 * the backup takes over and every acknowledged write is still there.
 */
class DemoCommandTest extends StderrCapture {
    @TempDir
    Path dir;

    @Test
    void backupTakesOverAfterSigkillAndKeepsEveryAcknowledgedWrite() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.execute("demo", "--out", dir.toString(), "--writes", "40", "--kill-after", "20",
                    "--kernel", org.hbft.testing.RepoPaths.guests().resolve("kernel/kernel.elf").toString());
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + stderr()).isZero();
        assertThat(text).contains("killing the primary").contains("all readable: yes")
                .containsPattern("promoted after +[0-9]+\\.[0-9] ms \\([0-9]+ epochs? left to run and the failover epoch"
                        + " [0-9]+\\.[0-9] ms, the fence's test-and-set [0-9]+\\.[0-9] ms\\)");
        List<String> backupTrace = Files.readAllLines(dir.resolve("backup.ndjson"));
        assertThat(backupTrace).anyMatch(l -> l.contains("\"event\":\"BackupFailoverEnd\"") && l.contains("\"promoted\":true"));
        assertThat(Files.readAllLines(dir.resolve("primary.ndjson"))).anyMatch(l -> l.contains("\"event\":\"PrimaryEpochEnd\""));
        // The backup's statistics break its waiting down wait by wait, and the buckets add up to the total.
        com.fasterxml.jackson.databind.JsonNode stats = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("backup.json").toFile());
        long count = 0;
        long nanos = 0;
        for (com.fasterxml.jackson.databind.JsonNode bucket : stats.get("waits")) {
            count += bucket.get("count").asLong();
            nanos += bucket.get("nanos").asLong();
        }
        assertThat(count).as("the backup waited for its primary").isPositive();
        assertThat(nanos).isEqualTo(stats.get("waitedNanos").asLong());
        // Promotion's steps, in order: the failure detected, the fence's test-and-set, the promotion.
        long detected = stats.get("failureDetectedNanos").asLong();
        long fenceStarted = stats.get("fenceStartedNanos").asLong();
        long fenceDone = stats.get("fenceDoneNanos").asLong();
        assertThat(detected).isPositive();
        assertThat(fenceStarted).isGreaterThanOrEqualTo(detected);
        assertThat(fenceDone).isGreaterThanOrEqualTo(fenceStarted);
        assertThat(stats.get("promotedNanos").asLong()).isGreaterThanOrEqualTo(fenceDone);
        assertThat(stats.get("failureDetectedEpoch").asInt()).isPositive()
                .isLessThan(stats.get("failoverEpoch").asInt());
        // The kv guest idles between requests, and the backup skipped part of its idle loops.
        assertThat(stats.get("idleInstructionsSkipped").asLong()).isPositive()
                .isLessThan(stats.get("instructions").asLong());
    }

    @Test
    void demoRejectsAKillPointPastTheLastWrite() {
        assertThat(Main.execute("demo", "--out", dir.toString(), "--writes", "5", "--kill-after", "5")).isEqualTo(2);
        assertThat(stderr()).contains("--kill-after");
    }

    @Test
    void demoRefusesWhatTheReplicasWouldRefuseBeforeStartingThem() throws Exception {
        String kernel = org.hbft.testing.RepoPaths.guests().resolve("kernel/kernel.elf").toString();
        Path out = dir.resolve("out");
        assertThat(Main.execute("demo", "--out", out.toString(), "--kernel", kernel, "--mode", "sometimes")).isEqualTo(2);
        assertThat(Main.execute("demo", "--out", out.toString(), "--kernel", kernel, "--epoch", "0")).isEqualTo(2);
        assertThat(Main.execute("demo", "--out", out.toString(), "--kernel", kernel, "--heartbeat-ms", "200"))
                .isEqualTo(2);
        assertThat(Main.execute("demo", "--out", out.toString(), "--kernel", dir.resolve("none.elf").toString()))
                .isEqualTo(2);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(Main.execute("demo", "--out", file.toString(), "--kernel", kernel)).isEqualTo(2);
        assertThat(stderr().lines().toList()).containsExactly(
                "hbft: unknown output mode 'sometimes' (expected original, revised, output-rule)",
                "hbft: --epoch must be at least 1",
                "hbft: --heartbeat-ms must be positive and smaller than --timeout-ms",
                "hbft: " + dir.resolve("none.elf") + ": no such file",
                "hbft: --out " + file + " exists and is not a directory");
        assertThat(out).doesNotExist();
    }

    @Test
    void demoSaysSoWhenThePrimaryLeavesARequestUnansweredBeforeTheKill() {
        // A user program given as the kernel: the replicas start, but no kv service ever answers.
        String notAKernel = org.hbft.testing.RepoPaths.guests().resolve("bin/crc32-O2").toString();
        PrintStream saved = System.out;
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            code = Main.execute("demo", "--out", dir.toString(), "--writes", "4", "--kill-after", "2", "--kernel",
                    notAKernel);
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isEqualTo(1);
        assertThat(stderr()).startsWith("hbft: demo failed: the primary did not answer a request before it was killed")
                .contains(dir.resolve("primary.log").toString()).doesNotContain("backup never served");
    }
}
