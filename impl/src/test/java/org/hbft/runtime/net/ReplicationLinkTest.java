package org.hbft.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two links over loopback: delivery, authentication, rejection and failure detection. */
class ReplicationLinkTest {
    static final byte[] KEY = "a shared key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_KEY = "some other key of thirty-two b.!".getBytes(StandardCharsets.US_ASCII);
    /** Generous failure timeout: a noisy machine must not fail links these tests expect to stay up. */
    static final ReplicationLink.Settings SETTINGS = new ReplicationLink.Settings(Duration.ofMillis(10),
            Duration.ofMillis(300), Duration.ofSeconds(5));
    static final long FAILURE_BOUND_MS = 2000;

    ServerSocket server;
    final List<AutoCloseable> toClose = new ArrayList<>();
    final List<String> backupLog = new CopyOnWriteArrayList<>();
    final List<String> primaryLog = new CopyOnWriteArrayList<>();

    /** Records what a link delivers, and whether anything arrived after the failure report. */
    static class Recorder implements ReplicationLink.Listener {
        final List<String> payloads = new CopyOnWriteArrayList<>();
        final CountDownLatch failed = new CountDownLatch(1);
        volatile String reason;
        volatile long failedAtNanos;
        volatile int failures;
        volatile List<String> deliveredBeforeFailure;
        volatile boolean payloadAfterFailure;

        @Override
        public void onPayload(byte[] payload) {
            if (failures > 0) {
                payloadAfterFailure = true;
            }
            payloads.add(new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void onFailure(String why) {
            failedAtNanos = System.nanoTime();
            deliveredBeforeFailure = List.copyOf(payloads);
            reason = why;
            failures++;
            failed.countDown();
        }

        boolean awaitFailure() throws InterruptedException {
            return failed.await(5, TimeUnit.SECONDS);
        }
    }

    record Pair(ReplicationLink backup, ReplicationLink primary) {
    }

    @BeforeEach
    void bind() throws IOException {
        server = listen(0);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        server.close();
    }

    /** A listening socket the link can accept on: one with a channel. */
    static ServerSocket listen(int port) throws IOException {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50).socket();
    }

    InetSocketAddress serverAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    static <T> FutureTask<T> async(Callable<T> body) {
        FutureTask<T> task = new FutureTask<>(body);
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        t.start();
        return task;
    }

    FutureTask<ReplicationLink> acceptAsync(byte[] key, ReplicationLink.Settings settings, Recorder rec) {
        return async(() -> track(ReplicationLink.accept(server.getChannel(), key, "backup", settings, rec, backupLog::add)));
    }

    ReplicationLink connect(InetSocketAddress to, byte[] key, Recorder rec) throws IOException {
        return track(ReplicationLink.connect(to, key, "primary", SETTINGS, rec, primaryLog::add));
    }

    <T extends AutoCloseable> T track(T c) {
        synchronized (toClose) {
            toClose.add(c);
        }
        return c;
    }

    /** A backup accepting on {@link #server} and a primary connecting to {@code via}. */
    Pair open(InetSocketAddress via, Recorder backup, Recorder primary) throws Exception {
        FutureTask<ReplicationLink> accepted = acceptAsync(KEY, SETTINGS, backup);
        ReplicationLink p = connect(via, KEY, primary);
        return new Pair(accepted.get(5, TimeUnit.SECONDS), p);
    }

    /** A daemon thread named "test-poller" that reads {@code link} itself, without pause, until {@code done}. */
    static Thread startPoller(ReplicationLink link, BooleanSupplier done) {
        Thread poller = new Thread(() -> {
            while (!done.getAsBoolean()) {
                link.pollIncoming();
            }
        }, "test-poller");
        poller.setDaemon(true);
        poller.start();
        return poller;
    }

    /** Has the proxy change a DATA payload's leading 'T' to 't' on the way, which the MAC then rejects. */
    static void lowerCaseEveryLeadingT(FrameProxy proxy) {
        proxy.tamperToListener(f -> {
            if (FrameProxy.kind(f) == FrameKind.DATA && f[FrameCodec.HEADER_LENGTH] == 'T') {
                byte[] g = f.clone();
                g[FrameCodec.HEADER_LENGTH] = 't';
                return g;
            }
            return f;
        });
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @Test
    void tenThousandPayloadsArriveInOrderBothWaysAtOnce() throws Exception {
        Recorder backup = new Recorder();
        Recorder primary = new Recorder();
        Pair pair = open(serverAddress(), backup, primary);
        assertThat(pair.backup().peerRole()).isEqualTo("primary");
        assertThat(pair.primary().peerRole()).isEqualTo("backup");
        List<String> down = numbered("p->b ", 10_000);
        List<String> up = numbered("b->p ", 10_000);
        FutureTask<Void> fromBackup = async(() -> {
            for (String s : up) {
                pair.backup().send(utf8(s));
            }
            return null;
        });
        long bytes = 0;
        for (String s : down) {
            pair.primary().send(utf8(s));
            bytes += s.length() + FrameCodec.OVERHEAD;
        }
        fromBackup.get(5, TimeUnit.SECONDS);
        await(() -> backup.payloads.size() >= down.size() && primary.payloads.size() >= up.size(), "all payloads");
        assertThat(backup.payloads).containsExactlyElementsOf(down);
        assertThat(primary.payloads).containsExactlyElementsOf(up);
        assertThat(pair.primary().framesSent()).isEqualTo(10_000);
        assertThat(pair.primary().bytesSent()).isEqualTo(bytes);
        assertThat(pair.primary().isUp()).isTrue();
        assertThat(backup.failures + primary.failures).isZero();
        assertThat(backupLog).isEmpty();
    }

    @Test
    void aThreadPollingTheLinkTakesPayloadsInOrderAlongsideItsReader() throws Exception {
        List<String> pollerGot = new CopyOnWriteArrayList<>();
        Recorder primary = new Recorder() {
            @Override
            public void onPayload(byte[] payload) {
                super.onPayload(payload);
                if (Thread.currentThread().getName().equals("test-poller")) {
                    pollerGot.add(new String(payload, StandardCharsets.UTF_8));
                }
            }
        };
        Pair pair = open(serverAddress(), new Recorder(), primary);
        List<String> up = numbered("b->p ", 10_000);
        Thread poller = startPoller(pair.primary(), () -> primary.payloads.size() >= up.size() || !pair.primary().isUp());
        // In bursts, each delivered before the next is sent: a burst that arrives while the
        // reader waits in select() meets the poller already spinning, which may take it first.
        // (Sent at once, the reader can drain them all in one go and leave the poller nothing.)
        for (int i = 0; i < up.size(); i++) {
            pair.backup().send(utf8(up.get(i)));
            if (i % 100 == 99) {
                int sent = i + 1;
                await(() -> primary.payloads.size() >= sent, "a burst delivered");
            }
        }
        poller.join(5_000);
        await(() -> primary.payloads.size() >= up.size(), "all payloads");
        assertThat(primary.payloads).containsExactlyElementsOf(up);
        assertThat(pollerGot).isNotEmpty();
        assertThat(primary.failures).isZero();
    }

    @Test
    void aTamperedFrameFoundByAPollingThreadIsRejectedLoggedAndReportedOnce() throws Exception {
        Recorder backup = new Recorder();
        try (FrameProxy proxy = new FrameProxy(serverAddress())) {
            Pair pair = open(proxy.address(), backup, new Recorder());
            lowerCaseEveryLeadingT(proxy);
            Thread poller = startPoller(pair.backup(), () -> backup.failures > 0);
            pair.primary().sendBatch(List.of(utf8("ok 1"), utf8("Tampered"), utf8("ok 2")));

            assertThat(backup.awaitFailure()).isTrue();
            poller.join(5_000);
            assertThat(backup.payloads).containsExactly("ok 1");
            assertThat(backup.reason).contains("bad HMAC");
            assertThat(backup.failures).isEqualTo(1);
            assertThat(backupLog).hasSize(1);
        }
    }

    @Test
    void aCrashSeenByAPollingThreadIsReportedOnceAfterEveryPayload() throws Exception {
        Recorder backup = new Recorder();
        try (FrameProxy proxy = new FrameProxy(serverAddress())) {
            Pair pair = open(proxy.address(), backup, new Recorder());
            Thread poller = startPoller(pair.backup(), () -> backup.failures > 0);
            List<String> sent = numbered("update ", 500);
            for (String s : sent) {
                pair.primary().send(utf8(s));
            }
            await(() -> proxy.dataPayloadsToListener().size() == sent.size(), "proxy forwarding everything");
            proxy.killConnectorSide();

            assertThat(backup.awaitFailure()).isTrue();
            poller.join(5_000);
            assertThat(backup.deliveredBeforeFailure).containsExactlyElementsOf(sent);
            assertThat(backup.payloadAfterFailure).isFalse();
            assertThat(backup.failures).isEqualTo(1);
            assertThat(backup.reason).contains("closed the connection without BYE");
        }
    }

    @Test
    void payloadsLargerThanTheReceiveBufferArriveWhole() throws Exception {
        List<byte[]> got = new CopyOnWriteArrayList<>();
        Recorder backup = new Recorder() {
            @Override
            public void onPayload(byte[] payload) {
                got.add(payload);
            }
        };
        Pair pair = open(serverAddress(), backup, new Recorder());
        byte[] big = new byte[3 << 20];
        byte[] medium = new byte[100_000];
        new java.util.Random(7).nextBytes(big);
        new java.util.Random(8).nextBytes(medium);
        pair.primary().sendBatch(List.of(medium, big, utf8("small")));
        await(() -> got.size() >= 3, "three payloads");
        assertThat(got.get(0)).isEqualTo(medium);
        assertThat(got.get(1)).isEqualTo(big);
        assertThat(got.get(2)).isEqualTo(utf8("small"));
        assertThat(backup.failures).isZero();
    }

    @Test
    void aBatchIsDeliveredInOrderAfterEarlierSends() throws Exception {
        Recorder backup = new Recorder();
        Pair pair = open(serverAddress(), backup, new Recorder());
        pair.primary().send(utf8("first"));
        pair.primary().sendBatch(List.of(utf8("b0"), utf8("b1"), utf8("b2")));
        pair.primary().send(utf8("last"));
        await(() -> backup.payloads.size() >= 5, "five payloads");
        assertThat(backup.payloads).containsExactly("first", "b0", "b1", "b2", "last");
        assertThat(pair.primary().framesSent()).isEqualTo(5);
    }

    @Test
    void anIdleLinkStaysUpOnHeartbeatsAlone() throws Exception {
        Recorder backup = new Recorder();
        Recorder primary = new Recorder();
        Pair pair = open(serverAddress(), backup, primary);
        Thread.sleep(4 * SETTINGS.failureTimeout().toMillis());
        assertThat(pair.backup().isUp()).isTrue();
        assertThat(pair.primary().isUp()).isTrue();
        assertThat(backup.failures + primary.failures).isZero();
        assertThat(pair.primary().framesSent()).as("heartbeats are not data").isZero();
    }

    @Test
    void heartbeatsGoOutOnlyWhileTheLinkHasNothingElseToSend() throws Exception {
        Pair pair = open(serverAddress(), new Recorder(), new Recorder());
        ReplicationLink p = pair.primary();
        // 200 ms of a send every millisecond: no 10 ms interval passes without one (a stall of the
        // host may let one heartbeat through); a link that beat regardless would send about 20.
        long before = p.heartbeatsSent();
        long until = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < until) {
            p.send(utf8("x"));
            Thread.sleep(1);
        }
        assertThat(p.heartbeatsSent() - before).as("heartbeats while sending").isLessThanOrEqualTo(2);
        long idleFrom = p.heartbeatsSent();
        Thread.sleep(200);
        assertThat(p.heartbeatsSent() - idleFrom).as("heartbeats in 200 ms of silence (about 20 due)")
                .isGreaterThanOrEqualTo(5);
        assertThat(pair.backup().isUp()).isTrue();
    }

    @Test
    void aFrameReplayedWithinTheSessionIsRejectedLoggedAndNotDelivered() throws Exception {
        Recorder backup = new Recorder();
        try (FrameProxy proxy = new FrameProxy(serverAddress())) {
            Pair pair = open(proxy.address(), backup, new Recorder());
            for (String s : numbered("m", 10)) {
                pair.primary().send(utf8(s));
            }
            await(() -> backup.payloads.size() == 10, "ten payloads");
            byte[] replay = proxy.framesToListener().stream()
                    .filter(f -> FrameProxy.kind(f) == FrameKind.DATA).skip(3).findFirst().orElseThrow();
            proxy.injectToListener(replay);

            assertThat(backup.awaitFailure()).isTrue();
            assertThat(backup.payloads).containsExactlyElementsOf(numbered("m", 10));
            assertThat(backup.reason).contains("out of order");
            assertThat(backupLog).singleElement().asString()
                    .startsWith("replication link: rejected frame " + FrameProxy.seq(replay) + " from 127.0.0.1:")
                    .contains("sequence number " + FrameProxy.seq(replay) + " out of order")
                    .endsWith("; closing the link");
            assertThat(pair.backup().isUp()).isFalse();
            assertThatThrownBy(() -> pair.backup().send(utf8("x"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("is down");
        }
    }

    @Test
    void aFrameFromAnEarlierSessionFailsAuthentication() throws Exception {
        byte[] captured;
        try (FrameProxy first = new FrameProxy(serverAddress())) {
            Recorder backup = new Recorder();
            Pair pair = open(first.address(), backup, new Recorder());
            pair.primary().send(utf8("from session one"));
            await(() -> backup.payloads.size() == 1, "session one payload");
            captured = first.framesToListener().stream()
                    .filter(f -> FrameProxy.kind(f) == FrameKind.DATA).findFirst().orElseThrow();
            pair.primary().close();
            pair.backup().close();
        }
        try (FrameProxy second = new FrameProxy(serverAddress())) {
            Recorder backup = new Recorder();
            open(second.address(), backup, new Recorder());
            second.injectToListener(captured);

            assertThat(backup.awaitFailure()).isTrue();
            assertThat(backup.payloads).isEmpty();
            assertThat(backup.reason).contains("bad HMAC");
            assertThat(backupLog).singleElement().asString()
                    .startsWith("replication link: rejected frame " + FrameProxy.seq(captured) + " from 127.0.0.1:")
                    .contains("bad HMAC (unauthenticated or corrupted)");
        }
    }

    @Test
    void aFrameTamperedWithInFlightIsRejectedAndNothingAfterItIsDelivered() throws Exception {
        Recorder backup = new Recorder();
        try (FrameProxy proxy = new FrameProxy(serverAddress())) {
            Pair pair = open(proxy.address(), backup, new Recorder());
            lowerCaseEveryLeadingT(proxy);
            // One batch: the backup drops the link on the bad frame, and a later send could find it down.
            pair.primary().sendBatch(List.of(utf8("ok 1"), utf8("Tampered"), utf8("ok 2")));

            assertThat(backup.awaitFailure()).isTrue();
            assertThat(backup.payloads).containsExactly("ok 1");
            assertThat(backup.reason).contains("bad HMAC");
            assertThat(backupLog).hasSize(1);
        }
    }

    @Test
    void aPeerWithTheWrongKeyCannotConnectAndAcceptKeepsWaitingForTheRightOne() throws Exception {
        Recorder backup = new Recorder();
        FutureTask<ReplicationLink> accepted = acceptAsync(KEY, SETTINGS, backup);

        assertThatThrownBy(() -> connect(serverAddress(), OTHER_KEY, new Recorder()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("replication link: handshake with ")
                .hasMessageContaining(":" + server.getLocalPort() + " failed: HELLO rejected")
                .hasMessageContaining("bad HMAC")
                .hasMessageContaining("is the key the same on both sides?");
        assertThat(accepted.isDone()).isFalse();

        Recorder primary = new Recorder();
        ReplicationLink p = connect(serverAddress(), KEY, primary);
        ReplicationLink b = accepted.get(5, TimeUnit.SECONDS);
        p.send(utf8("hello"));
        await(() -> backup.payloads.size() == 1, "payload");
        assertThat(b.isUp()).isTrue();
        assertThat(backupLog).singleElement().asString()
                .startsWith("replication link: rejected connection from 127.0.0.1:")
                .contains("bad HMAC")
                .endsWith("; still waiting");
    }

    @Test
    void aConnectionSpeakingAnotherProtocolIsRejectedAndAcceptKeepsWaiting() throws Exception {
        FutureTask<ReplicationLink> accepted = acceptAsync(KEY, SETTINGS, new Recorder());
        try (Socket junk = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            OutputStream out = junk.getOutputStream();
            out.write(utf8("GET / HTTP/1.1\r\nHost: backup\r\n\r\n"));
            out.flush();
            await(() -> !backupLog.isEmpty(), "rejection");
        }
        assertThat(backupLog).singleElement().asString().contains("bad magic");
        connect(serverAddress(), KEY, new Recorder());
        assertThat(accepted.get(5, TimeUnit.SECONDS).isUp()).isTrue();
    }

    @Test
    void aCrashedPeerIsReportedPromptlyAndOnlyAfterEveryPayloadItSent() throws Exception {
        int n = 2000;
        CountDownLatch firstPayload = new CountDownLatch(1);
        Recorder backup = new Recorder() {
            @Override
            public void onPayload(byte[] payload) {
                super.onPayload(payload);
                if (firstPayload.getCount() > 0) {
                    firstPayload.countDown();
                    // A slow consumer, so that the crash arrives while payloads are still queued.
                    sleep(200);
                }
            }
        };
        try (FrameProxy proxy = new FrameProxy(serverAddress())) {
            Pair pair = open(proxy.address(), backup, new Recorder());
            List<String> sent = numbered("update ", n);
            for (String s : sent) {
                pair.primary().send(utf8(s));
            }
            await(() -> proxy.dataPayloadsToListener().size() == n, "proxy forwarding everything");
            long crashed = System.nanoTime();
            proxy.killConnectorSide();

            assertThat(backup.awaitFailure()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(backup.failedAtNanos - crashed)).isLessThan(FAILURE_BOUND_MS);
            assertThat(backup.deliveredBeforeFailure).containsExactlyElementsOf(sent);
            assertThat(backup.payloadAfterFailure).isFalse();
            assertThat(backup.failures).isEqualTo(1);
            assertThat(backup.reason).contains("closed the connection without BYE");
            assertThat(backupLog).isEmpty();
        }
    }

    @Test
    void aPeerThatFallsSilentIsDeclaredFailedAfterTheFailureTimeout() throws Exception {
        Recorder backup = new Recorder();
        try (FrameProxy proxy = new FrameProxy(serverAddress())) {
            Pair pair = open(proxy.address(), backup, new Recorder());
            pair.primary().send(utf8("before"));
            await(() -> backup.payloads.size() == 1, "payload");
            long frozen = System.nanoTime();
            proxy.freeze();

            assertThat(backup.awaitFailure()).isTrue();
            long elapsed = TimeUnit.NANOSECONDS.toMillis(backup.failedAtNanos - frozen);
            assertThat(elapsed).isLessThan(FAILURE_BOUND_MS);
            assertThat(backup.reason).startsWith("no frame for 300 ms");
            assertThat(pair.backup().isUp()).isFalse();
            assertThat(backup.payloads).containsExactly("before");
        }
    }

    @Test
    void closeSaysByeSoThePeerReportsItWhileTheCloserHearsNothing() throws Exception {
        Recorder backup = new Recorder();
        Recorder primary = new Recorder();
        Pair pair = open(serverAddress(), backup, primary);
        pair.primary().send(utf8("last words"));
        pair.primary().close();
        pair.primary().close();

        assertThat(backup.awaitFailure()).isTrue();
        assertThat(backup.reason).contains("closed the link (BYE)");
        assertThat(backup.deliveredBeforeFailure).containsExactly("last words");
        assertThat(pair.primary().isUp()).isFalse();
        assertThatThrownBy(() -> pair.primary().send(utf8("more"))).isInstanceOf(IOException.class)
                .hasMessageContaining("is closed");
        Thread.sleep(50);
        assertThat(primary.failures).isZero();
    }

    @Test
    void connectRetriesUntilTheBackupStartsListening() throws Exception {
        int port = server.getLocalPort();
        server.close();
        FutureTask<ReplicationLink> connecting = async(() -> connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), KEY, new Recorder()));
        Thread.sleep(150);
        assertThat(connecting.isDone()).isFalse();
        server = listen(port);
        ReplicationLink b = track(ReplicationLink.accept(server.getChannel(), KEY, "backup", SETTINGS, new Recorder(),
                backupLog::add));
        assertThat(connecting.get(5, TimeUnit.SECONDS).isUp()).isTrue();
        assertThat(b.isUp()).isTrue();
    }

    @Test
    void connectAndAcceptGiveUpAfterTheConnectTimeoutWithAClearMessage() throws Exception {
        ReplicationLink.Settings quick = new ReplicationLink.Settings(Duration.ofMillis(10), Duration.ofMillis(300),
                Duration.ofMillis(200));
        assertThatThrownBy(() -> ReplicationLink.accept(server.getChannel(), KEY, "backup", quick, new Recorder(), backupLog::add))
                .isInstanceOf(IOException.class)
                .hasMessage("replication link: no peer authenticated on port " + server.getLocalPort()
                        + " within 200 ms");
        int port = server.getLocalPort();
        server.close();
        assertThatThrownBy(() -> ReplicationLink.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                KEY, "primary", quick, new Recorder(), primaryLog::add))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("replication link: no peer accepted a connection at ")
                .hasMessageEndingWith(":" + port + " within 200 ms");
    }

    @Test
    void defaultSettingsDetectFailureWellUnderTwoHundredMillisecondsAndNonsenseIsRefused() {
        ReplicationLink.Settings d = ReplicationLink.Settings.defaults();
        assertThat(d.heartbeatInterval()).isEqualTo(Duration.ofMillis(15));
        assertThat(d.failureTimeout()).isEqualTo(Duration.ofMillis(150));
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> new ReplicationLink.Settings(Duration.ofMillis(60), Duration.ofMillis(60),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplicationLink.Settings(Duration.ZERO, Duration.ofMillis(60),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
