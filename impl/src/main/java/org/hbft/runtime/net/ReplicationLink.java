package org.hbft.runtime.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The authenticated TCP link between a primary and a backup hypervisor: opaque payloads, in order, both
 * ways, with a heartbeat failure detector.
 *
 * <p><b>Wire.</b> Every message travels as a {@link Frame} encoded by {@link FrameCodec}. After the
 * {@link Handshake}, frames are MAC'd with keys derived from a per-connection session key, and each
 * direction's sequence numbers must go up by exactly one, so frames replayed from an earlier connection
 * or replayed, reordered or dropped within this one are rejected.
 *
 * <p><b>Failure detection.</b> Each side sends a HEARTBEAT whenever it has sent nothing for
 * {@link Settings#heartbeatInterval()}. A side that receives nothing for {@link Settings#failureTimeout()}
 * declares the peer failed. End of stream, a connection reset, a rejected frame, an I/O error and a BYE
 * from the peer are failures too. A rejected frame is also logged as one line; its payload is never
 * delivered.
 *
 * <p><b>Delivery before failure.</b> The connection is read in order, one thread at a time, each DATA
 * payload handed to {@link Listener#onPayload}, and {@link Listener#onFailure} reported only once reading stops
 * (EOF, reset, timeout, rejection). Since TCP delivers bytes in order and a failed send does not discard
 * what was already received, the listener gets every payload the peer managed to send before it hears
 * of the failure. The replication protocol relies on this: the backup has applied everything the dead
 * primary sent before it takes over.
 *
 * <p><b>Threads.</b> Per link: one reader thread and one heartbeat timer thread, both daemons. The
 * reader waits for the connection to become readable; a thread that waits for an answer can instead
 * read the link itself with {@link #pollIncoming()}, which spares the hand-off from the reader (a
 * thread wake-up costs tens of microseconds on a virtual machine, more than a loopback round trip).
 * Either way the listener is called by one thread at a time, under the link's receive lock.
 * {@code onFailure} is called at most once, after the last {@code onPayload}, and never for a local
 * {@link #close()}. {@link #send} may be called from any thread.
 */
public final class ReplicationLink implements AutoCloseable {

    /**
     * Receives what the link delivers: one call at a time, under the link's receive lock, on its reader
     * thread or on a thread in {@link #pollIncoming()}.
     */
    public interface Listener {
        /** A payload from the peer, in the order the peer sent them. The array belongs to the callee. */
        void onPayload(byte[] payload);

        /**
         * The link has failed (timeout, EOF, reset, rejected frame, I/O error, BYE from the peer) and is
         * closed. Called at most once, after every payload, and not after a local {@link #close()}.
         */
        void onFailure(String reason);
    }

    /**
     * Timing of the link.
     *
     * @param heartbeatInterval send a heartbeat after this long without sending anything
     * @param failureTimeout declare the peer failed after this long without receiving anything
     * @param connectTimeout how long {@link #accept} waits for a peer, and {@link #connect} keeps retrying
     */
    public record Settings(Duration heartbeatInterval, Duration failureTimeout, Duration connectTimeout) {
        public Settings {
            Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
            Objects.requireNonNull(failureTimeout, "failureTimeout");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || connectTimeout.isNegative()
                    || connectTimeout.isZero() || failureTimeout.compareTo(heartbeatInterval) <= 0) {
                throw new IllegalArgumentException("need 0 < heartbeatInterval < failureTimeout and connectTimeout > 0, got "
                        + heartbeatInterval + ", " + failureTimeout + ", " + connectTimeout);
            }
        }

        /**
         * Heartbeat every 15 ms, failure after 150 ms of silence, 10 s to connect. A peer process
         * that dies is seen at once (its socket closes); the timeout covers hung peers and cut
         * links, and is long enough that a busy two-core host does not fake a failure.
         */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(15), Duration.ofMillis(150), Duration.ofSeconds(10));
        }
    }

    /**
     * Longest a handshake may take in {@link #accept}, so that one stalled connection cannot use up the whole
     * wait; {@link #connect} allows at least this much.
     */
    private static final long HANDSHAKE_TIMEOUT_MS = 2000;
    private static final long RETRY_PAUSE_MS = 25;
    private static final int BUFFER_SIZE = 1 << 16;
    /** The timer looks again no sooner than this (after a send a moment before the interval ran out). */
    private static final long MIN_HEARTBEAT_DELAY_NANOS = 200_000;
    private static final byte[] EMPTY = new byte[0];

    private final Socket socket;
    private final SocketChannel channel;
    private final OutputStream out;
    private final FrameCodec sendCodec;
    private final FrameCodec recvCodec;
    private final String peerRole;
    private final String peerName;
    private final Settings settings;
    private final Listener listener;
    private final Consumer<String> log;

    /** Guards {@link #out}, {@link #sendCodec} and {@link #nextSendSeq}. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private long nextSendSeq = Handshake.FIRST_DATA_SEQ;
    private volatile long lastSendNanos = System.nanoTime();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong heartbeatsSent = new AtomicLong();

    private volatile boolean up = true;
    /** Why the link went down (first reason wins); null while up or after a clean local close. */
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();

    /**
     * Guards the receive side - {@link #received}, {@link #expectedSeq}, {@link #ended} - and every
     * listener call.
     */
    private final ReentrantLock receiveLock = new ReentrantLock();
    /** Bytes read but not yet delivered, in write mode: a partial frame, at most. */
    private ByteBuffer received;
    private long expectedSeq = Handshake.FIRST_DATA_SEQ;
    /** Whether reading has stopped for good (end of stream, BYE, a rejected frame, an error). */
    private boolean ended;
    private volatile long lastReceiveNanos = System.nanoTime();
    /** What the reader thread waits on: the connection becoming readable. */
    private final Selector readable;

    private final Thread reader;
    private final ScheduledExecutorService timer;
    /** The timer's next look at whether a heartbeat is due ({@link #scheduleHeartbeat}). */
    private volatile ScheduledFuture<?> heartbeats;

    private ReplicationLink(Socket socket, byte[] early, Handshake.Result hs, String role,
            Settings settings, Listener listener, Consumer<String> log) throws IOException {
        this.socket = socket;
        this.channel = socket.getChannel();
        channel.configureBlocking(false);
        this.out = new BufferedOutputStream(new ChannelOutputStream(channel, settings.failureTimeout().toNanos()),
                BUFFER_SIZE);
        this.received = ByteBuffer.allocate(Math.max(BUFFER_SIZE, early.length)).put(early);
        this.sendCodec = hs.out();
        this.recvCodec = hs.in();
        this.peerRole = hs.peerRole();
        this.peerName = describe(socket);
        this.settings = settings;
        this.listener = listener;
        this.log = log;
        this.readable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        this.reader = new Thread(this::readLoop, "hbft-link-reader-" + role);
        reader.setDaemon(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hbft-link-heartbeat-" + role);
            t.setDaemon(true);
            return t;
        });
    }

    private void start() {
        reader.start();
        scheduleHeartbeat(settings.heartbeatInterval().toNanos());
    }

    /**
     * The timer's next look at the link, for when it will have been silent for a heartbeat
     * interval unless something is sent meanwhile: a link that sends often is looked at about
     * once per interval, not on a fixed tick (every wake-up of the timer thread takes the CPU
     * from the emulator on a busy processor), and the longest silence is about one interval.
     */
    private void scheduleHeartbeat(long delayNanos) {
        try {
            heartbeats = timer.schedule(this::heartbeat, Math.max(MIN_HEARTBEAT_DELAY_NANOS, delayNanos),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The link is going down and its timer has stopped: no more heartbeats.
        }
    }

    /**
     * Backup side: waits on {@code bound} for one peer that completes the handshake. Connections that fail
     * it are logged, closed and waited past.
     *
     * @param key the long-term shared key, see {@link KeyFile}
     * @param role this side's name, sent to the peer (e.g. "backup")
     * @throws IOException if no peer authenticates within {@link Settings#connectTimeout()}, or accepting fails
     */
    public static ReplicationLink accept(ServerSocketChannel boundChannel, byte[] key, String role, Settings settings,
            Listener listener, Consumer<String> log) throws IOException {
        checkArguments(key, role, settings, listener, log);
        ServerSocket bound = boundChannel.socket();
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        int savedTimeout = bound.getSoTimeout();
        try {
            while (true) {
                long remaining = remainingMillis(deadline);
                if (remaining <= 0) {
                    throw noPeer(bound, settings);
                }
                bound.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
                Socket socket;
                try {
                    socket = bound.accept();
                } catch (SocketTimeoutException e) {
                    throw noPeer(bound, settings);
                }
                try {
                    long limit = Math.max(1, Math.min(HANDSHAKE_TIMEOUT_MS, remainingMillis(deadline)));
                    return establish(socket, key, role, false, limit, settings, listener, log);
                } catch (Handshake.Failed e) {
                    log.accept("replication link: rejected connection from " + describe(socket) + ": " + e.getMessage()
                            + "; still waiting");
                }
            }
        } finally {
            if (!bound.isClosed()) {
                bound.setSoTimeout(savedTimeout);
            }
        }
    }

    /**
     * Primary side: connects to {@code peer}, retrying refused connections until
     * {@link Settings#connectTimeout()} since the backup may start a moment later, and runs the handshake.
     *
     * @param key the long-term shared key, see {@link KeyFile}
     * @param role this side's name, sent to the peer (e.g. "primary")
     * @throws IOException if nothing accepts in time, or the handshake fails (e.g. the keys differ)
     */
    public static ReplicationLink connect(InetSocketAddress peer, byte[] key, String role, Settings settings,
            Listener listener, Consumer<String> log) throws IOException {
        checkArguments(key, role, settings, listener, log);
        if (peer.isUnresolved()) {
            throw new IOException("replication link: cannot resolve peer host " + peer.getHostString());
        }
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        while (true) {
            long remaining = remainingMillis(deadline);
            if (remaining <= 0) {
                throw new IOException("replication link: no peer accepted a connection at " + describe(peer) + " within "
                        + settings.connectTimeout().toMillis() + " ms");
            }
            // A channel's socket: the link reads it without blocking once connected.
            Socket socket = SocketChannel.open().socket();
            try {
                socket.connect(peer, (int) Math.min(Integer.MAX_VALUE, remaining));
            } catch (IOException e) {
                // Refused or unreachable: the backup may not be listening yet.
                closeQuietly(socket);
                pause(Math.min(RETRY_PAUSE_MS, remaining));
                continue;
            }
            try {
                // The backup may take a moment to get from bind to accept; allow the rest of the wait.
                long limit = Math.max(HANDSHAKE_TIMEOUT_MS, remainingMillis(deadline));
                return establish(socket, key, role, true, limit, settings, listener, log);
            } catch (Handshake.Failed e) {
                throw new IOException("replication link: handshake with " + describe(peer) + " failed: " + e.getMessage());
            }
        }
    }

    private static ReplicationLink establish(Socket socket, byte[] key, String role, boolean connector,
            long handshakeMillis, Settings settings, Listener listener, Consumer<String> log) throws Handshake.Failed {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, handshakeMillis));
            InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER_SIZE);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE);
            Handshake.Result hs = Handshake.run(in, out, key, role, connector);
            // Frames the peer sent right after its handshake may sit in the buffer already: they are the link's.
            byte[] early = in.readNBytes(in.available());
            ReplicationLink link = new ReplicationLink(socket, early, hs, role, settings, listener, log);
            link.start();
            return link;
        } catch (Handshake.Failed e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new Handshake.Failed("I/O error during the handshake: " + e.getMessage());
        }
    }

    /**
     * Sends one payload as a DATA frame and flushes it. Thread-safe; payloads sent from one thread arrive in
     * that order.
     *
     * @throws IOException if the link is down or closed, or the write fails (the link is then down)
     * @throws IllegalArgumentException if the payload exceeds {@link FrameCodec#MAX_PAYLOAD}
     */
    public void send(byte[] payload) throws IOException {
        sendBatch(List.of(payload));
    }

    /** Sends several payloads as consecutive DATA frames with a single flush; otherwise like {@link #send}. */
    public void sendBatch(List<byte[]> payloads) throws IOException {
        for (byte[] p : payloads) {
            // Checked up front so that a bad payload cannot leave half a batch buffered.
            if (p.length > FrameCodec.MAX_PAYLOAD) {
                throw new IllegalArgumentException("payload of " + p.length + " bytes exceeds the "
                        + FrameCodec.MAX_PAYLOAD + "-byte limit");
            }
        }
        writeLock.lock();
        try {
            checkUp();
            try {
                long bytes = 0;
                for (byte[] p : payloads) {
                    bytes += sendCodec.write(out, new Frame(FrameKind.DATA, nextSendSeq++, p));
                }
                out.flush();
                lastSendNanos = System.nanoTime();
                bytesSent.addAndGet(bytes);
                framesSent.addAndGet(payloads.size());
            } catch (IOException e) {
                if (!closed.get()) {
                    sendFailed(e);
                }
                checkUp(); // reports "closed" or "down: reason" rather than the bare socket error
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** HEARTBEAT frames sent: one for every heartbeat interval in which nothing else was. */
    public long heartbeatsSent() {
        return heartbeatsSent.get();
    }

    /** Whether the link is connected and has seen no failure and no close. */
    public boolean isUp() {
        return up;
    }

    /** The role the peer announced in its HELLO. */
    public String peerRole() {
        return peerRole;
    }

    /** Bytes of DATA frames sent, framing included. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** DATA frames sent. */
    public long framesSent() {
        return framesSent.get();
    }

    /**
     * Closes the link: sends BYE if it is up (waiting at most {@link Settings#failureTimeout()} for the
     * write), then closes the connection and stops its threads. Idempotent; the listener is not told.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean wasUp = up;
        up = false;
        heartbeats.cancel(false);
        if (wasUp) {
            long timeout = settings.failureTimeout().toMillis();
            // A peer that stopped reading can block the write forever; closing the socket unblocks it.
            ScheduledFuture<?> guard;
            try {
                guard = timer.schedule(() -> closeQuietly(socket), timeout, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The reader saw the link fail at this very moment and stopped the timer: nothing to say goodbye on.
                guard = null;
            }
            try {
                if (writeLock.tryLock(timeout, TimeUnit.MILLISECONDS)) {
                    try {
                        sendCodec.write(out, new Frame(FrameKind.BYE, nextSendSeq++, EMPTY));
                        out.flush();
                    } finally {
                        writeLock.unlock();
                    }
                }
            } catch (IOException e) {
                // The peer is gone already; nothing to say goodbye to.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (guard != null) {
                guard.cancel(false);
            }
        }
        timer.shutdownNow();
        closeQuietly(socket);
        readable.wakeup();
        // A listener that closes the link from pollIncoming holds the receive lock the reader may be waiting for.
        if (Thread.currentThread() != reader && !receiveLock.isHeldByCurrentThread()) {
            try {
                // So that no listener call is still running once close returns (unless it is stuck).
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "ReplicationLink[" + peerRole + " at " + peerName + (up ? ", up]" : ", down]");
    }

    /**
     * Reads and delivers, on the calling thread and without blocking, whatever the peer has sent; returns
     * at once if another thread is doing so. A thread waiting for an answer calls this in a loop instead
     * of waiting for the reader thread to hand the answer over. A failure found here is reported to
     * the listener as the reader would.
     */
    public void pollIncoming() {
        if (!up || !receiveLock.tryLock()) {
            return;
        }
        try {
            String reason = pump();
            if (reason != null) {
                fail(reason);
            }
        } finally {
            receiveLock.unlock();
        }
    }

    private void readLoop() {
        String reason = null;
        try {
            long timeout = settings.failureTimeout().toNanos();
            while (reason == null && !closed.get()) {
                long silent = System.nanoTime() - lastReceiveNanos;
                if (silent >= timeout) {
                    reason = "no frame for " + settings.failureTimeout().toMillis() + " ms from " + peerRole + " at "
                            + peerName;
                    break;
                }
                readable.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout - silent + 999_999)));
                readable.selectedKeys().clear();
                receiveLock.lock();
                try {
                    if (ended) {
                        return; // a thread in pollIncoming saw reading end and reported it
                    }
                    reason = pump();
                } finally {
                    receiveLock.unlock();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            reason = "I/O error on the link to " + peerName + ": " + e.getMessage();
        } finally {
            try {
                readable.close();
            } catch (IOException e) {
                // Nothing is registered with it any more that could leak.
            }
        }
        if (reason != null) {
            fail(reason);
        }
    }

    /**
     * Reads what the connection holds and delivers every whole frame in it; returns why reading has
     * ended, or null if it goes on. Under {@link #receiveLock}.
     */
    private String pump() {
        if (ended) {
            return null;
        }
        String reason;
        try {
            while (true) {
                int n = channel.read(received);
                if (n > 0) {
                    lastReceiveNanos = System.nanoTime();
                }
                reason = deliverWholeFrames();
                if (reason != null || n == 0) {
                    break;
                }
                if (n < 0) {
                    int held = received.position();
                    if (held > 0) {
                        throw new FrameException("truncated frame (stream ended after " + held + " bytes of it)");
                    }
                    reason = "peer " + peerRole + " at " + peerName + " closed the connection without BYE";
                    break;
                }
            }
        } catch (FrameException e) {
            reason = "rejected " + e.describeFrame() + " from " + peerName + ": " + e.getMessage();
            if (!closed.get()) {
                log.accept("replication link: " + reason + "; closing the link");
            }
        } catch (IOException e) {
            reason = "I/O error on the link to " + peerName + ": " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "payload listener failed: " + e;
        }
        if (reason != null) {
            ended = true;
        }
        return reason;
    }

    /** Delivers the whole frames in {@link #received}; returns why reading ends (BYE, local close), or null. */
    private String deliverWholeFrames() throws FrameException {
        received.flip();
        int needed = 0;
        try {
            while (received.remaining() >= FrameCodec.HEADER_LENGTH) {
                int at = received.position();
                int whole = FrameCodec.OVERHEAD + FrameCodec.payloadLength(received.array(), at);
                if (received.remaining() < whole) {
                    needed = whole;
                    break;
                }
                Frame f = recvCodec.decodeAt(received.array(), at);
                received.position(at + whole);
                String end = deliver(f);
                if (end != null) {
                    return end;
                }
            }
        } finally {
            received.compact();
        }
        if (needed > received.capacity()) {
            received = ByteBuffer.allocate(needed).put(received.flip());
        }
        return null;
    }

    /** Checks one authenticated frame's place in the sequence and hands on its payload. */
    private String deliver(Frame f) throws FrameException {
        if (f.seq() != expectedSeq) {
            throw new FrameException("sequence number " + f.seq() + " out of order, expected " + expectedSeq
                    + " (replayed, reordered or lost)", f.seq());
        }
        expectedSeq++;
        if (f.kind() == FrameKind.HELLO) {
            throw new FrameException("unexpected HELLO after the handshake", f.seq());
        }
        if (f.kind() == FrameKind.BYE) {
            return "peer " + peerRole + " at " + peerName + " closed the link (BYE)";
        }
        if (f.kind() == FrameKind.DATA) {
            if (closed.get()) {
                return "closed locally";
            }
            listener.onPayload(f.payload());
        }
        return null;
    }

    /** Ends the link after a failure seen by the reader, and tells the listener unless closed locally. */
    private void fail(String reason) {
        failure.compareAndSet(null, reason);
        up = false;
        timer.shutdownNow();
        closeQuietly(socket);
        readable.wakeup();
        if (!closed.get() && reported.compareAndSet(false, true)) {
            try {
                listener.onFailure(reason);
            } catch (RuntimeException e) {
                log.accept("replication link: failure listener threw " + e);
            }
        }
    }

    private void heartbeat() {
        long interval = settings.heartbeatInterval().toNanos();
        long next = interval;
        try {
            if (!up) {
                return;
            }
            long silent = System.nanoTime() - lastSendNanos;
            if (silent < interval) {
                next = interval - silent; // something was sent meanwhile: look again when it is an interval old
                return;
            }
            if (!writeLock.tryLock()) {
                return; // a send is under way, so the link is not idle; look again an interval on
            }
            try {
                if (up) {
                    sendCodec.write(out, new Frame(FrameKind.HEARTBEAT, nextSendSeq++, EMPTY));
                    out.flush();
                    lastSendNanos = System.nanoTime();
                    heartbeatsSent.incrementAndGet();
                }
            } finally {
                writeLock.unlock();
            }
        } catch (IOException e) {
            sendFailed(e);
        } catch (RuntimeException e) {
            // Reported like a failed write; the timer goes on looking while the link is up.
            sendFailed(new IOException(e.toString()));
        } finally {
            if (up) {
                scheduleHeartbeat(next);
            }
        }
    }

    /**
     * Marks the link down after a failed write. The socket stays open: the reader drains what the peer sent
     * and reports the failure when reading stops, which the read timeout bounds.
     */
    private void sendFailed(IOException e) {
        failure.compareAndSet(null, "send to " + peerName + " failed: " + e.getMessage());
        up = false;
    }

    private void checkUp() throws IOException {
        if (closed.get()) {
            throw new IOException("replication link to " + peerName + " is closed");
        }
        String why = failure.get();
        if (why != null) {
            throw new IOException("replication link to " + peerName + " is down: " + why);
        }
    }

    private static void checkArguments(byte[] key, String role, Settings settings, Listener listener,
            Consumer<String> log) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(log, "log");
        if (key.length < KeyFile.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("key has " + key.length + " bytes; at least " + KeyFile.MIN_KEY_BYTES
                    + " are needed");
        }
    }

    private static IOException noPeer(ServerSocket bound, Settings settings) {
        return new IOException("replication link: no peer authenticated on port " + bound.getLocalPort() + " within "
                + settings.connectTimeout().toMillis() + " ms");
    }

    private static long remainingMillis(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting");
        }
    }

    private static String describe(Socket s) {
        return s.getInetAddress().getHostAddress() + ":" + s.getPort();
    }

    private static String describe(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing is best effort; there is nothing left to do with this socket.
        }
    }
}
