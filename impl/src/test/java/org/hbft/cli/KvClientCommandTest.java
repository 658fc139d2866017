package org.hbft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hbft kv-client} against {@code hbft machine --workload kv} over TCP, across a restart. */
class KvClientCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private CompletableFuture<Integer> startKv(Path disk, int port, boolean create) {
        String kernel = RepoPaths.guests().resolve("kernel/kernel.elf").toString();
        String[] args = create
                ? new String[] {"machine", "--kernel", kernel, "--workload", "kv", "--disk", disk.toString(),
                    "--create-disk", "64", "--net", "127.0.0.1:" + port, "--console-out", dir.resolve("c.txt").toString()}
                : new String[] {"machine", "--kernel", kernel, "--workload", "kv", "--disk", disk.toString(),
                    "--net", "127.0.0.1:" + port, "--console-out", dir.resolve("c.txt").toString()};
        return CompletableFuture.supplyAsync(() -> Main.execute(args));
    }

    private int client(int port, String... request) {
        String[] args = new String[request.length + 3];
        args[0] = "kv-client";
        args[1] = "--connect";
        args[2] = "127.0.0.1:" + port;
        System.arraycopy(request, 0, args, 3, request.length);
        return Main.execute(args);
    }

    /** Retries the first request until the machine is listening. */
    private int clientWhenUp(int port, String... request) throws Exception {
        for (int i = 0; i < 200; i++) {
            err.reset();
            int code = client(port, request);
            if (code != 2 || !err.toString(StandardCharsets.UTF_8).contains("cannot reach")) {
                return code;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("kv never came up: " + err);
    }

    @Test
    void acknowledgedPutsAreThereAfterTheMachineRestarts() throws Exception {
        Path disk = dir.resolve("kv.img");
        int port = freePort();
        CompletableFuture<Integer> machine = startKv(disk, port, true);
        assertThat(clientWhenUp(port, "PUT", "city", "Ithaca")).isZero();
        assertThat(client(port, "FROB")).isEqualTo(1);
        assertThat(client(port, "SHUTDOWN")).isZero();
        assertThat(machine.get(60, TimeUnit.SECONDS)).isZero();

        out.reset();
        int port2 = freePort();
        CompletableFuture<Integer> again = startKv(disk, port2, false);
        assertThat(clientWhenUp(port2, "GET", "city")).isZero();
        assertThat(client(port2, "SHUTDOWN")).isZero();
        assertThat(again.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VALUE Ithaca");
    }

    @Test
    void unreachableServiceIsExitCode2WithOneLine() throws Exception {
        assertThat(client(freePort(), "GET", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach").hasLineCount(1);
    }

    @Test
    void badAddressIsExitCode2() {
        assertThat(Main.execute("kv-client", "--connect", "nonsense", "GET", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--connect must be HOST:PORT");
    }

    @Test
    void kvWithoutANetworkIsRefusedByMachine() {
        assertThat(Main.execute("machine", "--workload", "kv", "--disk", dir.resolve("d.img").toString(),
                "--create-disk", "4")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs a network");
    }
}
