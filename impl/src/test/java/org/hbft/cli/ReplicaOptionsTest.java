package org.hbft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaOptionsTest extends StderrCapture {
    @TempDir
    Path dir;

    private int primary(String... extra) {
        String[] base = {"primary", "--disk", dir.resolve("shared.img").toString(), "--replication", "127.0.0.1:9",
            "--key", dir.resolve("key").toString(), "--workload", "cpu"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Main.execute(args);
    }

    @Test
    void anAckPollOutOfRangeIsRefusedBeforeAnythingStarts() {
        assertThat(primary("--ack-poll-us", "-1")).isEqualTo(2);
        assertThat(stderr()).contains("--ack-poll-us must be between 0 and 100000");
        assertThat(primary("--ack-poll-us", "100001")).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("shared.img"))).isFalse();
    }

    @Test
    void nonsenseTimingIsRefusedWithTheRuleItBreaks() {
        assertThat(primary("--epoch", "0")).isEqualTo(2);
        assertThat(stderr()).contains("--epoch must be at least 1");
        assertThat(primary("--heartbeat-ms", "200", "--timeout-ms", "150")).isEqualTo(2);
        assertThat(stderr()).contains("--heartbeat-ms must be positive and smaller than --timeout-ms");
        assertThat(primary("--connect-timeout-ms", "0")).isEqualTo(2);
        assertThat(stderr()).contains("--connect-timeout-ms must be positive");
    }

    @Test
    void aNegativeIterationCountIsRefusedBeforeAnythingStarts() {
        assertThat(primary("--iterations", "-5", "--create-disk", "16")).isEqualTo(2);
        assertThat(stderr()).contains("--iterations must not be negative");
        assertThat(Files.exists(dir.resolve("shared.img"))).isFalse();
    }

    @Test
    void aNegativeWarmupOrOneForTheKvWorkloadIsRefusedBeforeAnythingStarts() {
        assertThat(primary("--warmup", "-1", "--create-disk", "16")).isEqualTo(2);
        assertThat(stderr()).contains("--warmup must not be negative");
        assertThat(Main.execute("backup", "--disk", dir.resolve("shared.img").toString(), "--replication", "127.0.0.1:9",
                "--key", dir.resolve("key").toString(), "--warmup", "10", "--create-disk", "16")).isEqualTo(2);
        assertThat(stderr()).contains("--warmup applies to the cpu, disk-write, disk-read workloads, not kv");
        assertThat(Files.exists(dir.resolve("shared.img"))).isFalse();
    }

    @Test
    void aDiskSizeOutOfRangeIsRefusedEvenWhenTheImageExists() throws Exception {
        Files.writeString(dir.resolve("shared.img"), "not looked at");
        assertThat(primary("--create-disk", "0")).isEqualTo(2);
        assertThat(stderr()).contains("--create-disk must be between 1 and 16777216 blocks, not 0");
        assertThat(Files.readString(dir.resolve("shared.img"))).isEqualTo("not looked at");
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsReportedBeforeTheRunAndBeforeAnyDiskIsCreated() throws Exception {
        Path key = keyFile();
        Path missing = dir.resolve("no-such-dir");
        String kernel = kernel();
        assertThat(primary("--kernel", kernel, "--create-disk", "16", "--trace", missing.resolve("t.ndjson").toString()))
                .isEqualTo(2);
        assertThat(primary("--kernel", kernel, "--create-disk", "16", "--stats-json", missing.resolve("s.json").toString()))
                .isEqualTo(2);
        assertThat(primary("--kernel", kernel, "--create-disk", "16", "--console-out", missing.resolve("console").toString()))
                .isEqualTo(2);
        assertThat(primary("--kernel", kernel, "--create-disk", "16", "--trace", dir.toString())).isEqualTo(2);
        assertThat(stderr().lines().toList()).containsExactly(
                "hbft: cannot write the trace to " + missing.resolve("t.ndjson") + ": no such directory",
                "hbft: cannot write statistics to " + missing.resolve("s.json") + ": no such directory",
                "hbft: cannot write console output to " + missing.resolve("console") + ": no such directory",
                "hbft: cannot write the trace to " + dir + ": it is a directory");
        assertThat(Files.exists(dir.resolve("shared.img"))).isFalse();
    }

    @Test
    void aRunRefusedForItsDiskLeavesTheOutputFilesOfAnEarlierRunAsTheyWere() throws Exception {
        Path key = keyFile();
        Path trace = Files.writeString(dir.resolve("t.ndjson"), "an earlier run's trace\n");
        Path stats = Files.writeString(dir.resolve("s.json"), "{}\n");
        String kernel = kernel();
        // No --create-disk and no image: refused for the disk after the output files were checked.
        assertThat(primary("--kernel", kernel, "--trace", trace.toString(), "--stats-json", stats.toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("no such shared disk image");
        assertThat(Files.readString(trace)).isEqualTo("an earlier run's trace\n");
        assertThat(Files.readString(stats)).isEqualTo("{}\n");
    }

    @Test
    void aProcessorThatCannotStartLeavesTheOutputFilesOfAnEarlierRunAsTheyWere() throws Exception {
        Path key = keyFile();
        Path trace = Files.writeString(dir.resolve("t.ndjson"), "an earlier run's trace\n");
        Path console = Files.writeString(dir.resolve("console"), "an earlier run's console\n");
        String kernel = kernel();
        String disk = dir.resolve("shared.img").toString();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            // A backup whose replication port is taken...
            assertThat(Main.execute("backup", "--kernel", kernel, "--workload", "cpu", "--disk", disk, "--create-disk", "16",
                    "--replication", address, "--key", key.toString(), "--trace", trace.toString(),
                    "--console-out", console.toString())).isEqualTo(2);
            assertThat(stderr()).contains("cannot listen for the primary on 127.0.0.1:" + taken.getLocalPort());
            assertThat(Files.readString(trace)).isEqualTo("an earlier run's trace\n");
            assertThat(Files.readString(console)).isEqualTo("an earlier run's console\n");
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        // ...and a primary that finds no backup.
        assertThat(Main.execute("primary", "--kernel", kernel, "--workload", "cpu", "--disk", disk,
                "--replication", "127.0.0.1:" + closed, "--key", key.toString(), "--connect-timeout-ms", "300",
                "--trace", trace.toString(), "--console-out", console.toString())).isEqualTo(2);
        assertThat(stderr()).contains("primary: ");
        assertThat(Files.readString(trace)).isEqualTo("an earlier run's trace\n");
        assertThat(Files.readString(console)).isEqualTo("an earlier run's console\n");
    }

    /** A fresh key file at {@code dir/key}, the one {@link #primary} names. */
    private Path keyFile() {
        Path key = dir.resolve("key");
        assertThat(Main.execute("keygen", key.toString())).isZero();
        return key;
    }

    private static String kernel() {
        return RepoPaths.guests().resolve("kernel/kernel.elf").toString();
    }
}
