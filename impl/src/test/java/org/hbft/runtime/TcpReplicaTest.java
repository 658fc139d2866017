package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
        Path disk = dir.resolve("disk.img");
        SharedDisk.create(disk, 64).close();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        InetSocketAddress replication = new InetSocketAddress(loopback, freePort());
        ReplicationLink.Settings settings = new ReplicationLink.Settings(Duration.ofMillis(20), Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        TcpReplica.Options options = new TcpReplica.Options(false, ElfImage.read(RepoPaths.guests().resolve("kernel/kernel.elf")),
                "workload=cpu iterations=1000", 16, disk, replication, new InetSocketAddress(loopback, freePort()), KEY,
                4096, OutputMode.REVISED, settings, 0, null, OutputStream.nullOutputStream(), null);
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
                peer.send(new byte[] {0, 0, 0, 1, 0, 0, 0, 5, (byte) 0x7f, 1, 2, 3, 4});
                // A well-formed batch right behind it must not be taken in.
                peer.send(MessageCodec.encodeBatch(List.of(MessageCodec.encode(new Message.Ack(1)))));
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

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
