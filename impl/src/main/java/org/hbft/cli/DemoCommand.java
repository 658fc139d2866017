package org.hbft.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hbft.machine.ElfException;
import org.hbft.machine.ElfImage;
import org.hbft.runtime.KvConnection;
import org.hbft.runtime.disk.SharedDisk;
import org.hbft.runtime.net.KeyFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hbft demo}: the main job. A primary and a backup as two OS processes running the kv
 * workload on one shared disk, a client writing to it, the primary killed with SIGKILL part-way,
 * and the backup taking over.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Start a primary and a backup (two processes,"
        + " kv workload, shared disk, authenticated replication link), write keys through a client, kill the primary"
        + " with SIGKILL part-way, and show the backup taking over: every acknowledged write still readable."
        + " Leaves both replicas' traces, logs and statistics in --out. Exit code 0 if every check held, 1 if not"
        + " (or if the run failed), 2 if it could not start.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "where to leave traces, logs and the disk (default: ${DEFAULT-VALUE})")
    Path out = Path.of("hbft-demo");

    @Option(names = "--writes", paramLabel = "N", description = "keys the client writes (default: ${DEFAULT-VALUE})")
    int writes = 200;

    @Option(names = "--kill-after", paramLabel = "N", description = "SIGKILL the primary after N acknowledged writes (default: ${DEFAULT-VALUE})")
    int killAfter = 100;

    @Mixin
    ProtocolOptions protocol;

    @Option(names = "--kernel", paramLabel = "ELF", description = "guest kernel ELF (default: ${DEFAULT-VALUE})")
    Path kernel = Install.file("guests/kernel/kernel.elf");

    private final List<Process> children = new ArrayList<>();

    @Override
    public Integer call() {
        if (writes < 1 || killAfter < 0 || killAfter >= writes) {
            return ReplicaOptions.fail("need --writes >= 1 and 0 <= --kill-after < --writes");
        }
        // The replicas would refuse these too, but only after the demo had started them and waited for them.
        String problem = protocol.problem();
        if (problem != null) {
            return ReplicaOptions.fail(problem);
        }
        try {
            ElfImage.read(kernel);
        } catch (ElfException e) {
            return ReplicaOptions.fail(e.getMessage());
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return ReplicaOptions.fail("--out " + out + " exists and is not a directory");
        }
        try {
            return demo();
        } catch (IOException | org.hbft.machine.device.DiskImageException e) {
            if (children.isEmpty()) {
                return ReplicaOptions.fail("demo: " + e.getMessage()); // it could not start: bad input (2)
            }
            // The replicas were running: the run failed, like a check that did not hold.
            System.err.println("hbft: demo failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReplicaOptions.fail("demo interrupted");
        } finally {
            for (Process p : children) {
                p.destroyForcibly();
            }
        }
    }

    private int demo() throws IOException, InterruptedException, org.hbft.machine.device.DiskImageException {
        Files.createDirectories(out);
        for (String f : List.of("key", "disk.img", "primary.ndjson", "backup.ndjson", "primary.log", "backup.log",
                "primary.console", "backup.console", "primary.json", "backup.json")) {
            Files.deleteIfExists(out.resolve(f));
        }
        Path key = out.resolve("key");
        KeyFile.generate(key);
        Path disk = out.resolve("disk.img");
        SharedDisk.create(disk, 1024).close();
        int replPort = freePort(), primaryNet = freePort(), backupNet = freePort();
        InetSocketAddress primaryAddr = new InetSocketAddress("127.0.0.1", primaryNet);
        InetSocketAddress backupAddr = new InetSocketAddress("127.0.0.1", backupNet);
        say("demo: output in " + out.toAbsolutePath());
        say("demo: starting the backup (replication link on 127.0.0.1:" + replPort + ", clients on :" + backupNet
                + " once promoted) and the primary (clients on :" + primaryNet + "), mode " + protocol.mode + ", epochs of "
                + protocol.epoch + " instructions");
        Process backup = start("backup", replPort, backupNet, key, disk);
        Process primary = start("primary", replPort, primaryNet, key, disk);

        Map<String, String> acked = new LinkedHashMap<>();
        KvConnection conn = connect(primaryAddr, 30_000, primary, backup);
        if (conn == null) {
            return failed("the primary's kv service did not come up" + exited(primary, "primary")
                    + exited(backup, "backup") + "; see "
                    + out.resolve("primary.log") + " and " + out.resolve("backup.log"));
        }
        long killedAt = 0;
        long failoverNanos = -1;
        int retried = 0;
        for (int i = 0; i < writes; i++) {
            String k = "key" + i;
            String v = "value-" + i + "-" + Integer.toHexString(i * 40503);
            if (i == killAfter) {
                say("demo: " + acked.size() + " writes acknowledged; killing the primary (pid " + primary.pid()
                        + ") with SIGKILL");
                killedAt = System.nanoTime();
                primary.destroyForcibly();
                primary.waitFor(5, TimeUnit.SECONDS);
            }
            String reply = null;
            boolean reconnected = false;
            while (reply == null) {
                try {
                    reply = conn.request("PUT " + k + " " + v);
                    if (reconnected) {
                        resynchronise(conn, i);
                    }
                } catch (IOException e) {
                    conn.close();
                    if (killedAt == 0) {
                        return failed("the primary did not answer a request before it was killed (" + e.getMessage() + ")"
                                + exited(primary, "primary") + "; see " + out.resolve("primary.log"));
                    }
                    retried++;
                    conn = connect(backupAddr, 20_000, backup);
                    if (conn == null) {
                        return failed("the backup never served clients" + exited(backup, "backup") + "; see "
                                + out.resolve("backup.log"));
                    }
                    reconnected = true;
                    reply = null;
                }
            }
            if (killedAt != 0 && failoverNanos < 0) {
                failoverNanos = System.nanoTime() - killedAt;
                say(String.format("demo: the backup answered %.1f ms after the SIGKILL", failoverNanos / 1e6));
            }
            if (reply.equals("OK")) {
                acked.put(k, v);
            } else {
                say("demo: PUT " + k + " answered " + reply);
            }
        }
        int lost = 0;
        for (Map.Entry<String, String> e : acked.entrySet()) {
            String reply = conn.request("GET " + e.getKey());
            if (!reply.equals("VALUE " + e.getValue())) {
                lost++;
                say("demo: LOST " + e.getKey() + ": " + reply);
            }
        }
        say("demo: read back all " + acked.size() + " acknowledged writes from the new primary: " + (lost == 0 ? "all there" : lost + " lost"));
        conn.request("SHUTDOWN");
        conn.close();
        if (!backup.waitFor(30, TimeUnit.SECONDS)) {
            return failed("the backup did not power off after SHUTDOWN");
        }
        JsonNode b = readStats(out.resolve("backup.json"));
        if (b == null) {
            return failed("no statistics from the backup; see " + out.resolve("backup.log"));
        }
        long epochs = b.get("epochs").asLong();
        long msgs = b.get("messagesReceived").asLong();
        long bytes = b.get("bytesReceived").asLong();
        int fepoch = b.get("failoverEpoch").asInt();
        long detected = b.get("failureDetectedNanos").asLong();
        long promoted = b.get("promotedNanos").asLong();
        say("");
        say("summary");
        say(String.format("  epochs run by the backup      %d (failover epoch %d, %d instructions per epoch)", epochs, fepoch, protocol.epoch));
        say(String.format("  messages primary -> backup    %d (%d bytes with framing, %.1f bytes per epoch before failover)",
                msgs, bytes, fepoch > 0 ? bytes / (double) fepoch : 0.0));
        say(String.format("  failure detected after        %.1f ms (heartbeat %d ms, timeout %d ms)",
                detected > killedAt ? (detected - killedAt) / 1e6 : Double.NaN, protocol.heartbeatMs, protocol.timeoutMs));
        // Both processes' monotonic clocks are the host's, so the backup's instants compare with the kill's.
        say(String.format("  promoted after                %.1f ms (%s)", promoted > killedAt ? (promoted - killedAt) / 1e6 : Double.NaN,
                promotionSteps(b, detected, fepoch)));
        say(String.format("  failover time                 %.1f ms (SIGKILL to the first reply from the new primary)", failoverNanos / 1e6));
        say(String.format("  uncertain interrupts (P8)     %d (I/O the backup's drivers repeated)", b.get("uncertain").asLong()));
        say(String.format("  client requests re-sent       %d", retried));
        say(String.format("  acknowledged writes           %d, all readable: %s", acked.size(), lost == 0 ? "yes" : "NO"));
        say("  traces                        " + out.resolve("primary.ndjson") + ", " + out.resolve("backup.ndjson"));
        boolean conforms = checkTraces();
        return lost == 0 && fepoch > 0 && conforms ? 0 : 1;
    }

    /**
     * What the backup did between detecting the failure and promoting itself: the epochs it had
     * received but not yet run, its failover epoch (P7), then the fence's test-and-set.
     */
    private static String promotionSteps(JsonNode b, long detected, int failoverEpoch) {
        long fenceStarted = b.path("fenceStartedNanos").asLong();
        long fenceDone = b.path("fenceDoneNanos").asLong();
        if (fenceStarted == 0 || fenceDone < fenceStarted || fenceStarted < detected) {
            return "the backup's last epochs, the failover epoch, the fence";
        }
        long behind = failoverEpoch - b.path("failureDetectedEpoch").asLong();
        return String.format("%d epoch%s left to run and the failover epoch %.1f ms, the fence's test-and-set %.1f ms",
                behind, behind == 1 ? "" : "s", (fenceStarted - detected) / 1e6, (fenceDone - fenceStarted) / 1e6);
    }

    /**
     * After a failover the new primary may send a reply twice: P8 makes its driver repeat a
     * transmit whose fate was unknown, and the client sent the request again too. The kv
     * protocol has no request ids, so the client re-aligns: it asks for a key that cannot
     * exist and drops every reply before that one's NOTFOUND.
     */
    private static void resynchronise(KvConnection conn, int i) throws IOException {
        String marker = "GET __sync_" + i;
        String r = conn.request(marker);
        while (!r.equals("NOTFOUND")) {
            r = conn.receive();
        }
    }

    /** Checks both replicas' traces against the spec with TLC, as `hbft conform` does. */
    private boolean checkTraces() {
        try {
            org.hbft.spec.trace.TraceCheck.Outcome o = org.hbft.spec.trace.TraceCheck.check(
                    List.of(out.resolve("primary.ndjson"), out.resolve("backup.ndjson")), protocol.mode, true,
                    org.hbft.spec.SpecSource.find());
            if (!o.problems().isEmpty()) {
                say("  trace check                   malformed lines, first: " + o.problems().get(0));
                return false;
            }
            if (o.result().conforms()) {
                say(String.format("  trace check (TLC, TraceHBFT)  conforms: %d events, %.1f s", o.result().events(),
                        o.result().millis() / 1000.0));
                return true;
            }
            org.hbft.spec.trace.TraceMerge.Origin bad = o.badEvent();
            say("  trace check (TLC, TraceHBFT)  DOES NOT CONFORM at " + bad.file() + ":" + bad.line() + " ("
                    + o.result().action() + ")");
            return false;
        } catch (IOException e) {
            say("  trace check                   could not run: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process start(String role, int replPort, int netPort, Path key, Path disk) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        String home = System.getProperty("hbft.home");
        if (home != null) {
            cmd.add("-Dhbft.home=" + home);
        }
        cmd.addAll(List.of(Main.class.getName(), role, "--kernel", kernel.toString(), "--workload", "kv", "--disk",
                disk.toString(), "--replication", "127.0.0.1:" + replPort, "--net", "127.0.0.1:" + netPort, "--key",
                key.toString(), "--epoch", Integer.toString(protocol.epoch), "--mode", protocol.mode,
                "--heartbeat-ms", Integer.toString(protocol.heartbeatMs), "--timeout-ms",
                Integer.toString(protocol.timeoutMs), "--trace",
                out.resolve(role + ".ndjson").toString(), "--stats-json", out.resolve(role + ".json").toString(),
                "--console-out", out.resolve(role + ".console").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolve(role + ".log").toFile()).start();
        children.add(p);
        return p;
    }

    /**
     * Connects to a kv service, trying for up to {@code waitMillis}; null if none answered or one
     * of {@code needed} exited first (a replica that refused its options ends at once).
     */
    private static KvConnection connect(InetSocketAddress address, long waitMillis, Process... needed)
            throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            for (Process p : needed) {
                if (!p.isAlive()) {
                    return null;
                }
            }
            try {
                return new KvConnection(address, 5_000);
            } catch (IOException e) {
                Thread.sleep(2);
            }
        }
        return null;
    }

    /** For a failure message: that the replica exited, with its exit code ("" while it runs). */
    private static String exited(Process p, String role) {
        return p.isAlive() ? "" : " (the " + role + " exited with code " + p.exitValue() + ")";
    }

    private static JsonNode readStats(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private int failed(String why) {
        System.err.println("hbft: demo failed: " + why);
        return 1;
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
