package org.hbft.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.hbft.hypervisor.Hypervisor;
import org.hbft.machine.ElfImage;
import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.ClockDevice;
import org.hbft.machine.device.ConsoleDevice;
import org.hbft.machine.device.NetDevice;
import org.hbft.machine.device.NetEndpoint;
import org.hbft.machine.device.TcpNetEndpoint;
import org.hbft.machine.system.SystemMachine;
import org.hbft.replication.Message;
import org.hbft.replication.MessageCodec;
import org.hbft.replication.OutputMode;
import org.hbft.replication.Protocol;
import org.hbft.runtime.disk.SharedDisk;
import org.hbft.runtime.net.ReplicationLink;

/**
 * One processor of a replicated pair as an OS process: the emulated computer with the guest
 * kernel, the hypervisor and the protocol, the shared disk, the clients' network address, and
 * the authenticated replication link to the other process. The backup listens on the
 * replication address, the primary connects to it.
 */
public final class TcpReplica {
    /**
     * Everything a processor needs.
     *
     * @param ackPollNanos how long a primary waiting for acknowledgements reads the link itself
     *     ({@link ReplicationLink#pollIncoming()}) before it leaves that to the link's reader
     *     thread: every wake-up of a sleeping thread on an acknowledgement's way costs tens of
     *     microseconds on a virtual machine, as much as the loopback round trip itself; polling
     *     keeps this processor's CPU busy for at most this long per wait. 0: never.
     * @param trace the trace file, created only once the link is up (a processor that cannot
     *     start leaves an earlier run's trace as it was), or null
     * @param console where the guest's console output goes; a {@link DeferredFileOutput} is
     *     begun once the link is up, for the same reason
     */
    public record Options(boolean primary, ElfImage kernel, String bootArgs, int memoryMiB, Path disk,
            InetSocketAddress replication, InetSocketAddress clients, byte[] key, int epochLength, OutputMode mode,
            ReplicationLink.Settings link, long ackPollNanos, Path trace, OutputStream console, Path statsFile) {}

    /** The end of a run. */
    public record Outcome(int exitCode, String summary) {}

    /**
     * How long a replication message may wait to be sent with later ones, unless the primary
     * waits for its acknowledgement (then the batch goes at once). Every frame costs the primary
     * a write and the backup a wake-up of its reader, on CPUs the guests share: with 4 ms instead
     * of 1 ms the primary spent about half the time sending, and was faster in pinned runs.
     */
    static final long MAX_BATCH_DELAY_NANOS = 4_000_000;
    /** How many encoded bytes may wait (a few dozen blocks read from the disk). */
    static final int MAX_BATCH_BYTES = 64 << 10;
    /**
     * How long a backup may leave batches unacknowledged that its primary does not wait for
     * ({@link EarlyAcknowledger}); a primary about to wait marks its batch and is answered at once.
     */
    static final long LAZY_ACK_NANOS = 10_000_000;
    /**
     * Flow control ({@link LagBound}): how far, in instructions of the primary's epochs (about a
     * tenth of a second of emulation), a backup may be behind before its primary stops for its
     * next progress report. Without it a backup slower than its primary (at 1K epochs: more work
     * per epoch to receive) fell further behind for as long as the run lasted, its memory grew by
     * hundreds of megabytes, garbage collection stopped it for up to 1.6 s at a time, and a
     * failover would have had all of that to catch up first.
     */
    static final long MAX_LAG_INSTRUCTIONS = 1L << 26;
    /**
     * A backstop against a primary that ignores the reports: a backup takes batches off its inbox
     * only while it is less than {@link #BACKSTOP_FACTOR} times the bound behind, and its link's
     * reader waits when {@link #MAX_QUEUED_BATCHES} are queued, so that TCP holds the primary's
     * sends. With a primary that honours the reports neither ever comes into play; if one did, the
     * reader would read (and acknowledge) nothing while it waits.
     */
    static final int BACKSTOP_FACTOR = 4;
    static final int MAX_QUEUED_BATCHES = 1024;
    /**
     * How long a primary stopped by the flow control waits at a time; whatever arrives (the report,
     * an acknowledgement, a failure) ends the wait at once.
     */
    static final long LAG_WAIT_MILLIS = 10;
    /** How long an idle primary holding outputs waits for an acknowledgement before running its guest on. */
    static final long IDLE_ACK_WAIT_MILLIS = 1;

    private final Options o;
    private final Consumer<String> log;
    /**
     * What the link's reader hands to the replica's thread: a {@link Batch} per frame (one queue
     * operation, not one per message: the two threads would otherwise contend for the queue's lock
     * hundreds of thousands of times a second) or a {@link Failure}.
     */
    private final Inbox inbox;
    private volatile ReplicationLink link;
    /**
     * Set by the link's listener on a malformed batch: nothing after it is taken in, and the link is
     * closed by whichever comes second, the listener or the hand-over of the link (the listener can
     * run before the process holds the link).
     */
    private volatile boolean rejected;
    private long messagesReceived;
    private volatile long bytesReceived;
    /** The backup's acknowledgements, sent by the link's reader. */
    private final EarlyAcknowledger acks = new EarlyAcknowledger(LAZY_ACK_NANOS, System::nanoTime);
    /** Host time the replica spent unable to run its VM, waiting for the other processor. */
    private long waitedNanos;
    /** The same waits one by one ({@code waits} in the statistics file). */
    private final WaitHistogram waits = new WaitHistogram();
    /**
     * Host time spent handing frames to the link: the frame's MAC and write, any time the thread
     * lost its CPU meanwhile (on a machine the backup shares, to the thread its write woke), and
     * any time TCP held it (the backup's backstop, {@link #BACKSTOP_FACTOR}).
     */
    private long sendingNanos;
    private long failureDetectedNanos;
    /** The epoch this processor was in when it detected the failure: a backup's catch-up starts there. */
    private int failureDetectedEpoch;
    private final LagBound lag;
    /** The backstop's bound in epochs, {@link #BACKSTOP_FACTOR} times the flow control's. */
    private final long backstopEpochs;

    public TcpReplica(Options options, Consumer<String> log) {
        this.o = options;
        this.log = log;
        // A primary's own thread takes acknowledgements in (pollIncoming) and must never wait for room.
        this.inbox = o.primary() ? Inbox.unbounded() : Inbox.bounded(MAX_QUEUED_BATCHES);
        this.lag = new LagBound(MAX_LAG_INSTRUCTIONS, o.epochLength());
        this.backstopEpochs = (long) BACKSTOP_FACTOR * lag.maxLagEpochs();
    }

    private record Failure(String reason) {}

    /** A backup's progress report. */
    private record Progress(int epoch) {}

    /** The messages of one frame, in order. */
    private record Batch(List<Message> messages) {}

    /** Runs until the VM powers off, this processor halts, or setting up fails (IOException). */
    public Outcome run() throws IOException, Exception {
        try {
            return runReplica();
        } finally {
            inbox.close(); // a link reader waiting for room gives up
        }
    }

    private Outcome runReplica() throws IOException, Exception {
        String name = o.primary() ? "primary" : "backup";
        try (SharedDisk disk = SharedDisk.open(o.disk());
                DeferredFileOutput traceFile = o.trace() == null ? null : new DeferredFileOutput(o.trace());
                NdjsonTrace trace = traceFile == null ? null : NdjsonTrace.over(traceFile)) {
            long generation = disk.generation();
            Protocol protocol = new Protocol(o.primary(), o.mode(), generation);
            // A backup's acknowledgements go out from the link's reader as batches arrive (EarlyAcknowledger).
            protocol.setAcknowledging(o.primary());
            SystemMachine machine = new SystemMachine((long) o.memoryMiB() << 20, SystemMachine.DEFAULT_QUANTUM);
            // The hypervisor is in place before any device can post: a client's first frame may come at once.
            Hypervisor hv = new Hypervisor(machine, o.epochLength());
            machine.attach(SystemMachine.SLOT_CONSOLE, new ConsoleDevice(o.console()));
            LongSupplier clock = ClockDevice::hostMicros;
            machine.attach(SystemMachine.SLOT_CLOCK, new ClockDevice(clock));
            machine.attach(SystemMachine.SLOT_DISK, new BlockDevice(new GenerationStore(disk, protocol::generation)));
            DeferredEndpoint deferred = null;
            NetEndpoint endpoint;
            if (o.primary()) {
                endpoint = new TcpNetEndpoint(o.clients());
            } else {
                deferred = new DeferredEndpoint(() -> new TcpNetEndpoint(o.clients()));
                endpoint = deferred;
            }
            machine.attach(SystemMachine.SLOT_NET, new NetDevice(endpoint));
            machine.boot(o.kernel(), o.bootArgs());
            // Tenure the guest's RAM and the page tables now, before the link and its failure
            // detector start: otherwise the first young collection copies them (about 46 MB in a
            // demo replica), a pause of 40-180 ms on a busy 2-CPU host, and a peer that hears
            // nothing for the default 150 ms declares this processor failed.
            System.gc();
            DeferredEndpoint toActivate = deferred;
            Runnable promoted = () -> {
                log.accept(name + ": promoted to primary in epoch " + protocol.epoch() + "; serving clients on "
                        + o.clients().getHostString() + ":" + o.clients().getPort());
                if (toActivate != null) {
                    try {
                        toActivate.activate();
                    } catch (IOException e) {
                        log.accept(name + ": cannot open the clients' address: " + e.getMessage());
                    }
                }
            };
            BatchingLink out = new BatchingLink(MAX_BATCH_DELAY_NANOS, MAX_BATCH_BYTES);
            TraceSink sink = trace == null ? TraceSink.NONE : trace;
            Replica replica = new Replica(name, hv, protocol, out, new SharedDiskFence(disk), sink, clock,
                    promoted, log);
            replica.setIdleWaitMillis(1);
            connect(name);
            // The run has begun: only now are its output files created (or an earlier run's emptied).
            if (traceFile != null) {
                traceFile.begin();
            }
            if (o.console() instanceof DeferredFileOutput consoleFile) {
                consoleFile.begin();
            }
            ReplicationLink connected = link;
            BatchingLink.Sink toPeer = new BatchingLink.Sink() {
                @Override
                public boolean isUp() {
                    return connected.isUp();
                }

                @Override
                public void send(byte[] payload) throws IOException {
                    long t0 = System.nanoTime();
                    try {
                        connected.send(payload);
                    } finally {
                        sendingNanos += System.nanoTime() - t0;
                    }
                }
            };
            out.connect(toPeer);
            if (!o.primary()) {
                // The link's reader may have taken in the primary's first batches already, before the link was ours.
                acks.linkReady(toPeer);
            }
            if (trace != null) {
                out.beforeSend(() -> {
                    try {
                        trace.flush();
                    } catch (IOException e) {
                        log.accept(name + ": cannot write the trace: " + e.getMessage());
                    }
                });
            }
            long start = System.nanoTime();
            while (!replica.done()) {
                drain(replica);
                if (replica.done()) {
                    break;
                }
                if (o.primary() && protocol.replicating() && !lag.mayRun(protocol.epoch())) {
                    out.flush(); // the backup needs these to get on
                    // For its next progress report, without reading the link itself: the backup is the
                    // slower one now, and a primary spinning on the link would take a CPU it could use.
                    awaitPeer(replica, LAG_WAIT_MILLIS, false);
                    continue;
                }
                Replica.Status s = replica.advance();
                if (!o.primary() && protocol.role() == Protocol.Role.BACKUP && lag.reportDue(protocol.epoch())) {
                    reportProgress(protocol.epoch());
                }
                if (s == Replica.Status.BLOCKED) {
                    out.flushAwaitingAck(); // the replica may be waiting for acknowledgements of these
                    awaitPeer(replica, 100, true);
                } else if (replica.takeOutputHeld() || replica.idleAwaitingAcks()) {
                    out.flushAwaitingAck(); // an output waits for acknowledgements of these
                    if (replica.idleAwaitingAcks()) {
                        // The guest only waits for that output: wait for the acknowledgement, not in its idle loop.
                        // Device interrupts arriving meanwhile wait for the next epoch's end as always.
                        awaitPeer(replica, IDLE_ACK_WAIT_MILLIS, true);
                    }
                } else {
                    out.flushIfDue();
                }
            }
            out.flush();
            long elapsed = System.nanoTime() - start;
            if (!o.primary() && failureDetectedNanos == 0 && replica.haltReason() == null) {
                // A backup that finished with its primary lets the primary hang up first: the primary
                // may still be waiting for the last acknowledgements and must not take a goodbye for a failure.
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (failureDetectedNanos == 0 && System.nanoTime() < deadline) {
                    Object item = inbox.poll(50);
                    if (item instanceof Failure) {
                        failureDetectedNanos = -1; // the primary's goodbye, not a failure
                    }
                }
                failureDetectedNanos = 0;
            }
            ReplicationLink l = link;
            long bytes = l == null ? 0 : l.bytesSent();
            if (l != null) {
                l.close();
            }
            if (trace != null) {
                trace.flush();
            }
            machine.close();
            String summary = summary(name, replica, hv, elapsed, bytes);
            writeStats(replica, hv, elapsed, bytes);
            if (replica.haltReason() != null) {
                return new Outcome(3, summary + "; halted: " + replica.haltReason());
            }
            return new Outcome(machine.exitStatus() & 0xff, summary);
        }
    }

    private void connect(String name) throws IOException {
        ReplicationLink.Listener listener = new ReplicationLink.Listener() {
            @Override
            public void onPayload(byte[] payload) {
                if (rejected) {
                    return; // the link is being closed after a malformed batch; nothing from it reaches the guest
                }
                bytesReceived += payload.length + org.hbft.runtime.net.FrameCodec.OVERHEAD;
                if (o.primary() && MessageCodec.isProgress(payload)) {
                    inbox.put(new Progress(MessageCodec.decodeProgress(payload)));
                    return;
                }
                try {
                    List<Message> batch = MessageCodec.decodeBatch(payload);
                    if (!o.primary()) {
                        // Before the hand-off: waking the replica's thread is then not on the primary's critical path.
                        acks.received(batch, MessageCodec.senderWaits(payload));
                    }
                    inbox.put(new Batch(batch));
                } catch (IllegalArgumentException e) {
                    log.accept(name + ": replication link: malformed message (" + e.getMessage()
                            + "); treating the link as failed");
                    rejected = true;
                    ReplicationLink l = link;
                    if (l != null) {
                        l.close();
                    }
                    inbox.put(new Failure("malformed message"));
                }
            }

            @Override
            public void onFailure(String reason) {
                inbox.put(new Failure(reason));
            }
        };
        if (o.primary()) {
            link = ReplicationLink.connect(o.replication(), o.key(), name, o.link(), listener, log);
        } else {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.socket().setReuseAddress(true);
                try {
                    server.bind(o.replication());
                } catch (IOException e) {
                    throw new IOException("cannot listen for the primary on " + o.replication().getHostString() + ":"
                            + o.replication().getPort() + ": " + e.getMessage(), e);
                }
                link = ReplicationLink.accept(server, o.key(), name, o.link(), listener, log);
            }
        }
        if (rejected) {
            link.close(); // a malformed batch came before the link was ours
        }
    }

    /**
     * Waits up to {@code millis} for something from the peer (time counted as waiting for the
     * other processor), then handles it and whatever came with it. With {@code pollLink}, a
     * primary first reads the link itself for {@link Options#ackPollNanos()}: an acknowledgement
     * it waits for is then taken in without waking a thread.
     */
    private void awaitPeer(Replica replica, long millis, boolean pollLink) throws InterruptedException {
        long waitStart = System.nanoTime();
        Object item = null;
        ReplicationLink l = link;
        if (pollLink && o.primary() && l != null && o.ackPollNanos() > 0) {
            // Read the acknowledgement off the link here rather than wait for the reader to hand it over.
            long until = waitStart + o.ackPollNanos();
            do {
                l.pollIncoming();
                item = inbox.poll();
            } while (item == null && System.nanoTime() < until);
        }
        if (item == null) {
            item = inbox.poll(millis);
        }
        long waited = System.nanoTime() - waitStart;
        waitedNanos += waited;
        waits.add(waited);
        if (item != null) {
            handle(replica, item);
            drain(replica);
        }
    }

    /** Backup: tells the primary which epoch it executes now (flow control, {@link LagBound}). */
    private void reportProgress(int epoch) {
        ReplicationLink l = link;
        if (l == null || !l.isUp()) {
            return;
        }
        try {
            l.send(MessageCodec.encodeProgress(epoch));
            lag.sent(epoch);
        } catch (IOException e) {
            // The failure reaches the replica through the link's listener.
        }
    }

    /**
     * Handles what arrived, as far as a backup's lag allows ({@link #BACKSTOP_FACTOR}).
     */
    private void drain(Replica replica) {
        while (replica.protocol().epochsReceivedAhead() < backstopEpochs) {
            Object item = inbox.poll();
            if (item == null) {
                return;
            }
            handle(replica, item);
        }
    }

    private void handle(Replica replica, Object item) {
        if (item instanceof Batch b) {
            messagesReceived += b.messages().size();
            replica.receive(b.messages());
        } else if (item instanceof Progress p) {
            lag.reported(p.epoch());
        } else if (item instanceof Failure f) {
            if (failureDetectedNanos == 0) {
                failureDetectedNanos = System.nanoTime();
                failureDetectedEpoch = replica.protocol().epoch();
                log.accept(replica.name() + ": the peer failed: " + f.reason());
            }
            replica.peerFailed(f.reason());
        }
    }

    private String summary(String name, Replica r, Hypervisor hv, long elapsedNanos, long bytes) {
        Replica.Stats s = r.stats();
        return String.format("%s: %d epochs of %d instructions, %d instructions, %d messages sent (%d bytes on the link),"
                + " %d received, %d operations performed, %d suppressed, %d uncertain interrupts, %.2f s"
                + " (%.2f s of it waiting for the other processor, %.2f s sending to it)",
                name, s.epochs, hv.epochLength(), hv.instructions(), s.messagesSent, bytes, messagesReceived,
                s.performed, s.suppressed, s.uncertainDelivered, elapsedNanos / 1e9, waitedNanos / 1e9,
                sendingNanos / 1e9);
    }

    private void writeStats(Replica r, Hypervisor hv, long elapsedNanos, long bytes) throws IOException {
        if (o.statsFile() == null) {
            return;
        }
        Replica.Stats s = r.stats();
        String json = String.format("{\"replica\":\"%s\",\"epochs\":%d,\"instructions\":%d,"
                + "\"idleInstructionsSkipped\":%d,\"messagesSent\":%d,"
                + "\"bytesSent\":%d,\"bytesReceived\":%d,\"messagesReceived\":%d,\"performed\":%d,\"suppressed\":%d,\"uncertain\":%d,"
                + "\"elapsedNanos\":%d,\"waitedNanos\":%d,\"sendingNanos\":%d,\"failureDetectedNanos\":%d,"
                + "\"failureDetectedEpoch\":%d,\"fenceStartedNanos\":%d,\"fenceDoneNanos\":%d,"
                + "\"promotedNanos\":%d,\"failoverEpoch\":%d,\"waits\":%s,\"finishedAt\":\"%s\"}%n",
                r.name(), s.epochs, hv.instructions(), hv.machine().cpu().idleInstructionsSkipped(), s.messagesSent,
                bytes, bytesReceived, messagesReceived, s.performed, s.suppressed, s.uncertainDelivered, elapsedNanos,
                waitedNanos, sendingNanos, failureDetectedNanos, failureDetectedEpoch, s.fenceStartedNanos,
                s.fenceDoneNanos, s.promotedAtNanos,
                r.protocol().failoverEpoch(), waits.toJson(), Instant.now());
        Files.writeString(o.statsFile(), json, StandardCharsets.UTF_8);
    }
}
