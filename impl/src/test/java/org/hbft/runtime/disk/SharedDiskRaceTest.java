package org.hbft.runtime.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.BlockStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The generation test-and-set under contention: threads, objects and processes; exactly one wins. */
class SharedDiskRaceTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void threadsOnTwoObjectsRacingTestAndSetHaveExactlyOneWinnerEachRound() throws Exception {
        Path p = dir.resolve("race.disk");
        int threads = 8;
        int rounds = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SharedDisk a = SharedDisk.create(p, 1); SharedDisk b = SharedDisk.open(p)) {
            CyclicBarrier start = new CyclicBarrier(threads);
            for (int round = 0; round < rounds; round++) {
                long expected = 1 + round;
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    SharedDisk d = t % 2 == 0 ? a : b;
                    String owner = "thread " + t;
                    results.add(pool.submit(() -> {
                        start.await();
                        return d.testAndSet(expected, owner);
                    }));
                }
                int wins = 0;
                String winner = null;
                for (int t = 0; t < threads; t++) {
                    if (results.get(t).get(10, TimeUnit.SECONDS)) {
                        wins++;
                        winner = "thread " + t;
                    }
                }
                assertThat(wins).as("winners in round %d", round).isEqualTo(1);
                assertThat(b.generation()).isEqualTo(expected + 1);
                assertThat(a.owner()).isEqualTo(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(30)
    void aFencedWriterNeverLandsAWriteAfterTheTakeover() throws Exception {
        Path p = dir.resolve("fence.disk");
        try (SharedDisk primary = SharedDisk.create(p, 2); SharedDisk backup = SharedDisk.open(p)) {
            BlockStore old = primary.storeFor(1);
            AtomicReference<Throwable> stoppedBy = new AtomicReference<>();
            long[] lastCompleted = {-1};
            Thread writer = new Thread(() -> {
                byte[] block = new byte[BlockDevice.BLOCK_SIZE];
                try {
                    for (long n = 0;; n++) {
                        putLong(block, n);
                        old.write(0, block);
                        lastCompleted[0] = n;
                    }
                } catch (Throwable t) {
                    stoppedBy.set(t);
                }
            });
            writer.start();
            Thread.sleep(50);
            assertThat(backup.testAndSet(1, "backup")).isTrue();
            byte[] atTakeover = new byte[BlockDevice.BLOCK_SIZE];
            backup.storeFor(2).read(0, atTakeover);
            writer.join(10_000);

            assertThat(stoppedBy.get()).isInstanceOf(FencedException.class);
            assertThat(lastCompleted[0]).as("writes before the takeover").isGreaterThanOrEqualTo(0);
            // The last write the old primary saw complete is exactly what the disk holds: nothing after it landed.
            assertThat(getLong(atTakeover)).isEqualTo(lastCompleted[0]);
            byte[] now = new byte[BlockDevice.BLOCK_SIZE];
            backup.storeFor(2).read(0, now);
            assertThat(now).isEqualTo(atTakeover);
        }
    }

    @Test
    @Timeout(60)
    void twoProcessesRacingTestAndSetHaveExactlyOneWinnerEachRound() throws Exception {
        Path p = dir.resolve("xproc.disk");
        int rounds = 100;
        SharedDisk.create(p, 1).close();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SharedDiskRacer.class.getName(), p.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = pb.start();
        try (SharedDisk disk = SharedDisk.open(p);
                BufferedReader fromChild = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Writer toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(fromChild.readLine()).isEqualTo("READY");
            for (int round = 0; round < rounds; round++) {
                long expected = 1 + round;
                long startAt = SharedDiskRacer.nowMicros() + 3_000;
                toChild.write("GO " + expected + " " + startAt + "\n");
                toChild.flush();
                SharedDiskRacer.spinUntil(startAt);
                boolean parentWon = disk.testAndSet(expected, "parent");
                String childResult = fromChild.readLine();
                assertThat(childResult).as("child's answer in round %d", round).isIn("WON", "LOST");
                boolean childWon = childResult.equals("WON");
                assertThat(parentWon ^ childWon).as("exactly one winner in round %d (parent %s, child %s)", round,
                        parentWon, childWon).isTrue();
                assertThat(disk.generation()).isEqualTo(expected + 1);
                assertThat(disk.owner()).isEqualTo(childWon ? "child" : "parent");
            }
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertThat(child.exitValue()).isZero();
    }

    private static void putLong(byte[] b, long v) {
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static long getLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
