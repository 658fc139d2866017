package org.hbft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary that is alive but silent past the failure timeout - here stopped with SIGSTOP, as a
 * long pause of its JVM or host would - is taken for dead: its backup fails over and takes the
 * shared disk. When the primary goes on it must find itself superseded and halt, never write,
 * and the two processes' traces must still be a behaviour the spec allows.
 */
class SuspectedPrimaryTest extends StderrCapture {
    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aPausedPrimaryWhoseBackupTookOverHaltsAndTheTracesConform() throws Exception {
        Path key = dir.resolve("key");
        assertThat(Main.execute("keygen", key.toString())).isZero();
        String kernel = RepoPaths.guests().resolve("kernel/kernel.elf").toString();
        Path disk = dir.resolve("shared.img");
        int replication = freePort(), backupNet = freePort(), primaryNet = freePort();
        List<String> common = List.of("--kernel", kernel, "--workload", "kv", "--disk", disk.toString(),
                "--replication", "127.0.0.1:" + replication, "--key", key.toString());

        Process backup = start("backup", common, "--create-disk", "256", "--net", "127.0.0.1:" + backupNet);
        await(() -> Files.size(disk) > 0, backup);
        Process primary = start("primary", common, "--net", "127.0.0.1:" + primaryNet);
        Path backupLog = dir.resolve("backup.log");
        await(() -> Files.readString(dir.resolve("backup.ndjson")).contains("\"BackupEpochEnd\""), backup);

        signal("STOP", primary);
        try {
            await(() -> Files.readString(backupLog).contains("promoted to primary"), backup);
        } finally {
            signal("CONT", primary);
        }
        assertThat(primary.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(primary.exitValue()).as(Files.readString(dir.resolve("primary.log"))).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("primary.log"))).contains("halted");

        assertThat(Main.execute("kv-client", "--connect", "127.0.0.1:" + backupNet, "SHUTDOWN")).isZero();
        assertThat(backup.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("backup.ndjson")))
                .contains("\"event\":\"BackupFailoverEnd\"").contains("\"promoted\":true");
        assertThat(Main.execute("conform", dir.resolve("primary.ndjson").toString(), dir.resolve("backup.ndjson").toString()))
                .as(stderr()).isZero();
    }

    private Process start(String role, List<String> common, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), role));
        cmd.addAll(common);
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("--trace", dir.resolve(role + ".ndjson").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(role + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    private static void signal(String name, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    /** Waits up to 60 s for {@code c}, failing at once if {@code p} exits first. */
    private static void await(Condition c, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (c.holds()) {
                    return;
                }
            } catch (IOException e) {
                // not there yet
            }
            assertThat(p.isAlive()).as("the process exited (%s)", p.info()).isTrue();
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
