package org.hbft.runtime.sim;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hbft.hypervisor.Hypervisor;
import org.hbft.machine.ElfImage;
import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.ClockDevice;
import org.hbft.machine.device.ConsoleDevice;
import org.hbft.machine.device.MemoryNetPeer;
import org.hbft.machine.device.NetDevice;
import org.hbft.machine.system.SystemMachine;
import org.hbft.machine.device.DiskFaults;
import org.hbft.replication.Bug;
import org.hbft.replication.Message;
import org.hbft.replication.OutputMode;
import org.hbft.replication.Protocol;
import org.hbft.replication.TraceEvent;
import org.hbft.runtime.Link;
import org.hbft.runtime.Replica;
import org.hbft.runtime.TraceSink;

/**
 * Both replicas, the shared disk, the network, the clients and the faults in one process, on
 * simulated time, driven by one seeded random source: the same configuration and seed give the
 * same run, step for step. Time advances in ticks; in each tick every live replica receives the
 * messages due to it and runs at most one epoch.
 */
public final class Simulation {
    /** Thrown through a replica's stack to stop it dead, as a fail-stop processor stops. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    /**
     * Everything a run depends on.
     *
     * @param maxLinkDelay ticks a message may wait on the link (FIFO kept)
     * @param detectorTicks ticks after the link fell silent before the backup's detector fires
     * @param crashAtStep the primary crashes at its n-th protocol step (-1: never)
     * @param lostMessages messages the crash destroys on the link
     * @param partitionAtTick the link is cut for good at this tick (-1: never)
     * @param primaryDetectorTicks ticks after a cut before the primary's detector fires
     * @param backupCrashAtStep the backup crashes at its n-th protocol step (-1: never)
     * @param diskFaults how the shared disk's operations turn out (uncertain completions)
     * @param bug a protocol bug to seed (tests' mutation check)
     */
    public record Config(ElfImage kernel, String bootArgs, int epochLength, OutputMode mode, long seed,
            int memoryMiB, int diskBlocks, int maxLinkDelay, int detectorTicks, long maxTicks,
            long crashAtStep, int lostMessages, long backupClockSkewMicros, long partitionAtTick,
            int primaryDetectorTicks, long backupCrashAtStep, DiskFaults diskFaults, Bug bug) {
        /** A configuration without faults. */
        public Config(ElfImage kernel, String bootArgs, int epochLength, OutputMode mode, long seed, int memoryMiB,
                int diskBlocks, int maxLinkDelay, int detectorTicks, long maxTicks) {
            this(kernel, bootArgs, epochLength, mode, seed, memoryMiB, diskBlocks, maxLinkDelay, detectorTicks, maxTicks,
                    -1, 0, 0, -1, detectorTicks, -1, DiskFaults.NONE, Bug.NONE);
        }

        /** The primary crashes at its {@code step}-th protocol step; its last {@code lost} messages never arrive. */
        public Config withCrash(long step, int lost) {
            return with(f -> {
                f.crashAtStep = step;
                f.lostMessages = lost;
            });
        }

        /** The link is cut for good at {@code tick}; the primary's detector fires after {@code primaryTicks}. */
        public Config withPartition(long tick, int primaryTicks) {
            return with(f -> {
                f.partitionAtTick = tick;
                f.primaryDetectorTicks = primaryTicks;
            });
        }

        /** The backup crashes at its {@code step}-th protocol step. */
        public Config withBackupCrash(long step) {
            return with(f -> f.backupCrashAtStep = step);
        }

        public Config withDiskFaults(DiskFaults faults) {
            return with(f -> f.diskFaults = faults);
        }

        public Config withBug(Bug b) {
            return with(f -> f.bug = b);
        }

        public Config withLinkDelay(int ticks) {
            return with(f -> f.maxLinkDelay = ticks);
        }

        public Config withSeed(long s) {
            return with(f -> f.seed = s);
        }

        public Config withMode(OutputMode m) {
            return with(f -> f.mode = m);
        }

        /** This configuration with some fields changed: the one place that lists them all in order. */
        private Config with(java.util.function.Consumer<Fields> change) {
            Fields f = new Fields(this);
            change.accept(f);
            return new Config(f.kernel, f.bootArgs, f.epochLength, f.mode, f.seed, f.memoryMiB, f.diskBlocks,
                    f.maxLinkDelay, f.detectorTicks, f.maxTicks, f.crashAtStep, f.lostMessages, f.backupClockSkewMicros,
                    f.partitionAtTick, f.primaryDetectorTicks, f.backupCrashAtStep, f.diskFaults, f.bug);
        }

        /** A configuration's fields, mutable for {@link #with}. */
        private static final class Fields {
            final ElfImage kernel;
            final String bootArgs;
            final int epochLength, memoryMiB, diskBlocks, detectorTicks;
            final long maxTicks, backupClockSkewMicros;
            OutputMode mode;
            long seed, crashAtStep, partitionAtTick, backupCrashAtStep;
            int maxLinkDelay, lostMessages, primaryDetectorTicks;
            DiskFaults diskFaults;
            Bug bug;

            Fields(Config c) {
                kernel = c.kernel;
                bootArgs = c.bootArgs;
                epochLength = c.epochLength;
                mode = c.mode;
                seed = c.seed;
                memoryMiB = c.memoryMiB;
                diskBlocks = c.diskBlocks;
                maxLinkDelay = c.maxLinkDelay;
                detectorTicks = c.detectorTicks;
                maxTicks = c.maxTicks;
                crashAtStep = c.crashAtStep;
                lostMessages = c.lostMessages;
                backupClockSkewMicros = c.backupClockSkewMicros;
                partitionAtTick = c.partitionAtTick;
                primaryDetectorTicks = c.primaryDetectorTicks;
                backupCrashAtStep = c.backupCrashAtStep;
                diskFaults = c.diskFaults;
                bug = c.bug;
            }
        }
    }

    /** One processor of the simulation and its environment-side endpoints. */
    public final class Node {
        public final String name;
        public final Replica replica;
        public final MemoryNetPeer net = new MemoryNetPeer();
        public final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final ArrayDeque<long[]> inboxTimes = new ArrayDeque<>();
        final ArrayDeque<Message> inbox = new ArrayDeque<>();
        boolean alive = true;
        /** Set at the instant of the crash: nothing more leaves this node, not even a pending flush. */
        boolean crashing;

        /** Protocol steps (trace events) this node took. */
        public long steps() {
            return steps;
        }
        long steps;

        Node(String name, boolean primary) throws Exception {
            this.name = name;
            SystemMachine m = new SystemMachine((long) config.memoryMiB() << 20, SystemMachine.DEFAULT_QUANTUM);
            long skew = primary ? 0 : config.backupClockSkewMicros();
            Protocol[] holder = new Protocol[1];
            m.attach(SystemMachine.SLOT_CONSOLE, new ConsoleDevice(console));
            m.attach(SystemMachine.SLOT_CLOCK, new ClockDevice(() -> clock() + skew));
            m.attach(SystemMachine.SLOT_DISK, new BlockDevice(disk.storeFor(name, () -> holder[0].generation()),
                    config.diskFaults()));
            m.attach(SystemMachine.SLOT_NET, new NetDevice(net));
            m.boot(config.kernel(), config.bootArgs());
            Hypervisor hv = new Hypervisor(m, config.epochLength());
            holder[0] = new Protocol(primary, config.mode(), 1, config.bug());
            Link link = messages -> send(this, messages);
            TraceSink sink = (replica, event) -> traced(this, event);
            replica = new Replica(name, hv, holder[0], link, disk, sink, () -> clock() + skew, () -> { }, log::add);
            replica.recordDigests();
        }
    }

    private final Config config;
    private final Random random;
    private final SimDisk disk;
    private final Node primary;
    private final Node backup;
    private final List<String> trace = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final List<SimClient> clients = new ArrayList<>();
    private long tick;
    private long crashTick = -1;

    public Simulation(Config config) throws Exception {
        this.config = config;
        this.random = new Random(config.seed());
        this.disk = new SimDisk(config.diskBlocks());
        this.primary = new Node("primary", true);
        this.backup = new Node("backup", false);
    }

    /** The simulated time-of-day clock, in microseconds: 100 per tick from a fixed origin. */
    long clock() {
        return 1_700_000_000_000_000L + tick * 100;
    }

    public long tick() {
        return tick;
    }

    public Node primary() {
        return primary;
    }

    public Node backup() {
        return backup;
    }

    public SimDisk disk() {
        return disk;
    }

    /** Every protocol step as an NDJSON trace line (traces/SCHEMA.md), in the order they happened (both replicas). */
    public List<String> trace() {
        return trace;
    }

    public List<String> log() {
        return log;
    }

    /** The tick the primary crashed at, or -1. */
    public long crashTick() {
        return crashTick;
    }

    public void addClient(SimClient c) {
        clients.add(c);
    }

    /** The replica clients should talk to now, as a client with both addresses would find it. */
    Node node(boolean wantPrimary) {
        return wantPrimary ? primary : backup;
    }

    /** Runs until every replica is done and every client finished, or the tick limit. */
    public void run() {
        while (tick < config.maxTicks()) {
            boolean anyRunning = false;
            Node[] order = random.nextBoolean() ? new Node[] {primary, backup} : new Node[] {backup, primary};
            for (Node n : order) {
                if (!n.alive || n.replica.done()) {
                    continue;
                }
                anyRunning = true;
                guarded(n, () -> {
                    while (!n.inbox.isEmpty() && n.inboxTimes.peekFirst()[0] <= tick) {
                        n.inboxTimes.removeFirst();
                        n.replica.receive(n.inbox.removeFirst());
                    }
                    n.replica.advance();
                });
            }
            detectFailures();
            for (SimClient c : clients) {
                c.tick(this, tick);
            }
            tick++;
            boolean clientsDone = clients.stream().allMatch(SimClient::finished);
            if (!anyRunning || (clientsDone && !clients.isEmpty())) {
                break;
            }
        }
    }

    private void guarded(Node n, Runnable r) {
        try {
            r.run();
        } catch (Crash c) {
            n.alive = false;
            if (n == backup) {
                backupCrashTick = tick; // a backup's crash leaves no trace event: it just stops
                return;
            }
            crashTick = tick;
            // What the crashed processor had put on the wire may be lost with it.
            Node peer = backup;
            for (int i = 0; i < config.lostMessages() && !peer.inbox.isEmpty(); i++) {
                peer.inbox.removeLast();
                peer.inboxTimes.removeLast();
            }
            // Lost: what the primary counted as sent that will never arrive - dropped from the link,
            // or never handed to it (the step that sent it was the one the crash interrupted).
            long arriving = peer.replica.protocol().received() + peer.inbox.stream().filter(m -> !(m instanceof Message.Ack)).count();
            // Only sends the trace records count: the crash may cut a step between two of its sends.
            long lostCount = Math.max(0, primaryLoggedSent - arriving);
            trace.add(line(n, TraceEvent.of("PrimaryCrash", n.replica.protocol().epoch(), "lost", lostCount)));
        }
    }

    private boolean linkCut;
    private boolean primaryDetectorFired;
    private long backupCrashTick = -1;

    /** The backup's detector fires once the link is drained and the timeout has passed. */
    private void detectFailures() {
        if (backupCrashTick >= 0 && primary.alive && !primaryDetectorFired
                && tick >= backupCrashTick + config.primaryDetectorTicks()) {
            primaryDetectorFired = true;
            guarded(primary, () -> primary.replica.peerFailed("the backup fell silent"));
        }
        if (config.partitionAtTick() >= 0 && tick == config.partitionAtTick() && !linkCut && primary.alive
                && backup.alive && primary.replica.protocol().replicating()) {
            linkCut = true;
            primary.inbox.clear();
            primary.inboxTimes.clear();
            backup.inbox.clear();
            backup.inboxTimes.clear();
            // Everything in flight is dropped: what the primary logged as sent and the backup never took.
            long lostCount = Math.max(0, primaryLoggedSent - backup.replica.protocol().received());
            trace.add(org.hbft.runtime.NdjsonTrace.line(++seq, "primary", TraceEvent.of("Partition",
                    primary.replica.protocol().epoch(), "lost", lostCount)));
        }
        if (linkCut) {
            long since = tick - config.partitionAtTick();
            if (since >= config.detectorTicks() && !detectorFired && backup.alive) {
                detectorFired = true;
                guarded(backup, () -> backup.replica.peerFailed("partition"));
            }
            if (since >= config.primaryDetectorTicks() && !primaryDetectorFired && primary.alive) {
                primaryDetectorFired = true;
                guarded(primary, () -> primary.replica.peerFailed("partition"));
            }
            return;
        }
        if (!primary.alive && backup.alive && backup.inbox.isEmpty() && crashTick >= 0
                && tick >= crashTick + config.detectorTicks()) {
            if (!detectorFired) {
                detectorFired = true;
                guarded(backup, () -> backup.replica.peerFailed("no frame for " + config.detectorTicks() + " ticks"));
            }
        }
    }

    private boolean detectorFired;

    private void send(Node from, List<Message> messages) {
        Node to = from == primary ? backup : primary;
        if (!to.alive || from.crashing || linkCut) {
            return;
        }
        long last = to.inboxTimes.isEmpty() ? tick : to.inboxTimes.peekLast()[0];
        for (Message m : messages) {
            // FIFO: a message never overtakes the one before it.
            long at = Math.max(last, tick + random.nextInt(config.maxLinkDelay() + 1));
            to.inbox.addLast(m);
            to.inboxTimes.addLast(new long[] {at});
            last = at;
        }
    }

    private java.util.function.Predicate<TraceEvent> crashOn = e -> false;

    /** Crashes the primary at the first of its steps that {@code when} accepts (after recording the step). */
    public void crashOn(java.util.function.Predicate<TraceEvent> when) {
        this.crashOn = when;
    }

    private long primaryLoggedSent;

    private void traced(Node n, TraceEvent event) {
        n.steps++;
        if (n == primary && event.fields().get("msg") instanceof Number m) {
            primaryLoggedSent = Math.max(primaryLoggedSent, m.longValue());
        }
        trace.add(line(n, event));
        if (n == backup && n.alive && config.backupCrashAtStep() >= 0 && n.steps >= config.backupCrashAtStep()) {
            n.crashing = true;
            throw new Crash();
        }
        if (n == primary && n.alive && crashOn.test(event)) {
            n.crashing = true;
            throw new Crash();
        }
        if (n == primary && config.crashAtStep() >= 0 && n.steps >= config.crashAtStep() && n.alive
                && !"EpochDigest".equals(event.event())) {
            n.crashing = true;
            throw new Crash();
        }
    }

    private long seq;

    private String line(Node n, TraceEvent e) {
        return org.hbft.runtime.NdjsonTrace.line(++seq, n.name, e);
    }
}
