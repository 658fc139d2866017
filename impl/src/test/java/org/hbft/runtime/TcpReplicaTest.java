package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.hbft.machine.ElfImage;
import org.hbft.replication.Message;
import org.hbft.replication.MessageCodec;
import org.hbft.replication.OutputMode;
import org.hbft.runtime.disk.SharedDisk;
import org.hbft.runtime.net.ReplicationLink;
import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A processor of the two-process runtime against a hand-driven peer. */
class TcpReplicaTest {
    static final byte[] KEY = "a shared key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void backupTakesNothingFromALinkAfterAMalformedBatchAndClosesIt() throws Exception {
        ReplicationLink.Settings settings = settings(Duration.ofSeconds(2));
        TcpReplica.Options options = options(false, "workload=cpu iterations=1000", 4096, settings);
        InetSocketAddress replication = options.replication();
        List<String> log = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<TcpReplica.Outcome> backup = pool.submit(() -> new TcpReplica(options, log::add).run());
            CountDownLatch closed = new CountDownLatch(1);
            try (ReplicationLink peer = ReplicationLink.connect(replication, KEY, "primary", settings,
                    new ReplicationLink.Listener() {
                        @Override
                        public void onPayload(byte[] payload) {
                            // The backup's acknowledgements, if any: not what this test is about.
                        }

                        @Override
                        public void onFailure(String reason) {
                            closed.countDown();
                        }
                    }, line -> { })) {
                // Authenticated, so only the batch decoder can object: a message kind that does not exist.
                byte[] malformed = {0, 0, 0, 1, 0, 0, 0, 5, (byte) 0x7f, 1, 2, 3, 4};
                // A well-formed batch right behind it must not be taken in. Both go in one write: sent
                // separately, the second could find the link already closed by the backup.
                byte[] wellFormed = MessageCodec.encodeBatch(List.of(new Message.Ack(1)));
                peer.sendBatch(List.of(malformed, wellFormed));
                assertThat(closed.await(5, TimeUnit.SECONDS)).as("the backup closes the link: " + log).isTrue();
            }
            TcpReplica.Outcome outcome = backup.get(60, TimeUnit.SECONDS);
            assertThat(log).anyMatch(l -> l.contains("malformed message"));
            assertThat(outcome.summary()).contains(" 0 received");
            assertThat(log).anyMatch(l -> l.contains("promoted to primary"));
            assertThat(outcome.exitCode()).as(outcome.summary()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void primaryStopsWhenItsBackupReportsNoProgressAndGoesOnAfterAReport() throws Exception {
        ReplicationLink.Settings settings = settings(Duration.ofSeconds(5));
        // Epochs of 2^20 instructions: the bound is 2^26 / 2^20 = 64 epochs; the run is about 250 epochs long.
        int epochLength = 1 << 20;
        int bound = new LagBound(TcpReplica.MAX_LAG_INSTRUCTIONS, epochLength).maxLagEpochs();
        TcpReplica.Options options = options(true, "workload=cpu iterations=300000", epochLength, settings);
        InetSocketAddress replication = options.replication();
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicInteger lastEnded = new AtomicInteger(-1);
        AtomicLong received = new AtomicLong();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(replication);
            Future<TcpReplica.Outcome> primary = pool.submit(() -> new TcpReplica(options, log::add).run());
            // A backup that acknowledges everything at once but reports progress only when told to.
            try (ReplicationLink backup = ReplicationLink.accept(server, KEY, "backup", settings,
                    new ReplicationLink.Listener() {
                        @Override
                        public void onPayload(byte[] payload) {
                            for (Message m : MessageCodec.decodeBatch(payload)) {
                                if (m instanceof Message.End end) {
                                    lastEnded.accumulateAndGet(end.epoch(), Math::max);
                                }
                                if (!(m instanceof Message.Ack)) {
                                    received.incrementAndGet();
                                }
                            }
                        }

                        @Override
                        public void onFailure(String reason) {
                            // The primary's goodbye at the end; the outcome says whether the run went well.
                        }
                    }, line -> { })) {
                Runnable acknowledge = () -> {
                    long acked = 0;
                    while (!Thread.currentThread().isInterrupted() && backup.isUp()) {
                        long n = received.get();
                        if (n != acked) {
                            try {
                                backup.send(MessageCodec.encodeBatch(List.of(new Message.Ack(n))));
                            } catch (IOException e) {
                                return;
                            }
                            acked = n;
                        }
                        LockSupport.parkNanos(1_000_000);
                    }
                };
                Thread acknowledger = new Thread(acknowledge, "acknowledger");
                acknowledger.start();
                try {
                    int stopped = awaitStop(lastEnded);
                    assertThat(stopped).as("where the primary stopped, with no report").isBetween(bound - 8, bound + 1);

                    backup.send(MessageCodec.encodeProgress(bound / 2));
                    int stoppedAgain = awaitStop(lastEnded);
                    assertThat(stoppedAgain).as("where it stopped after a report of epoch " + bound / 2)
                            .isBetween(bound / 2 + bound - 8, bound / 2 + bound + 1);

                    backup.send(MessageCodec.encodeProgress(Integer.MAX_VALUE / 2));
                    TcpReplica.Outcome outcome = primary.get(60, TimeUnit.SECONDS);
                    assertThat(outcome.exitCode()).as(outcome.summary() + " " + log).isZero();
                    assertThat(lastEnded.get()).as("the whole run").isGreaterThan(2 * bound);
                } finally {
                    acknowledger.interrupt();
                    acknowledger.join();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Waits until no epoch has ended for a whole second, and returns the last that did. An epoch takes a few
     * milliseconds; a second leaves room for a pause of the JVM or of a busy host without mistaking it for a stop.
     */
    private static int awaitStop(AtomicInteger lastEnded) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int seen = lastEnded.get();
        int quietSamples = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            int now = lastEnded.get();
            quietSamples = now == seen && now >= 0 ? quietSamples + 1 : 0;
            if (quietSamples == 4) {
                return now;
            }
            seen = now;
        }
        throw new AssertionError("the primary never stopped; last epoch ended: " + seen);
    }

    static ReplicationLink.Settings settings(Duration failureTimeout) {
        return new ReplicationLink.Settings(Duration.ofMillis(20), failureTimeout, Duration.ofSeconds(10));
    }

    /** A processor on a fresh shared disk, with free loopback ports for the link and the clients. */
    TcpReplica.Options options(boolean primary, String bootArgs, int epochLength, ReplicationLink.Settings settings)
            throws Exception {
        Path disk = dir.resolve("disk.img");
        SharedDisk.create(disk, 64).close();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new TcpReplica.Options(primary, ElfImage.read(RepoPaths.guests().resolve("kernel/kernel.elf")), bootArgs,
                16, disk, new InetSocketAddress(loopback, freePort()), new InetSocketAddress(loopback, freePort()), KEY,
                epochLength, OutputMode.REVISED, settings, 0, null, OutputStream.nullOutputStream(), null);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
