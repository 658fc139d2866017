package org.hbft.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.hbft.hypervisor.Hypervisor;
import org.hbft.machine.device.DeviceEvent;
import org.hbft.machine.device.IoRequest;
import org.hbft.replication.Action;
import org.hbft.replication.Event;
import org.hbft.replication.Interrupt;
import org.hbft.replication.Message;
import org.hbft.replication.Protocol;
import org.hbft.replication.TraceEvent;
import org.hbft.runtime.disk.FencedException;

/**
 * One processor of a replicated pair: its hypervisor, its {@link Protocol}, and the glue that
 * turns the protocol's actions into effects - messages on the {@link Link}, operations on the
 * environment, deliveries to the VM, the fence, the trace. Both runtimes (the in-process
 * simulation and the two-process TCP one) drive a replica the same way: {@link #advance} runs
 * the VM for at most one epoch, {@link #receive} and {@link #peerFailed} feed it what the link
 * brought. Single-threaded: the runtime calls it from one thread.
 */
public final class Replica implements Hypervisor.Coordinator {
    /** What {@link #advance} did. */
    public enum Status { RAN, BLOCKED, DONE }

    private final String name;
    private final Hypervisor hv;
    private final Protocol protocol;
    private final Link link;
    private final Fence fence;
    private final TraceSink trace;
    private final LongSupplier clock;
    private final Runnable onPromoted;
    private final Consumer<String> log;
    /**
     * Who this processor is in the fence's record. Built once, up front: the first look at the
     * process id initialises the JDK's process machinery (a thread pool), several milliseconds
     * that would otherwise fall between failure detection and promotion.
     */
    private final String fenceOwner;
    private final List<Message> outbox = new ArrayList<>();
    /** The actions of the steps being executed, one list per nesting depth ({@link #step}). */
    private final List<List<Action>> actionLists = new ArrayList<>();
    private int depth;
    /** Whether {@link #outbox} holds an acknowledgement (they are coalesced before sending). */
    private boolean outboxHasAck;
    private final Map<Integer, IoRequest> requests = new HashMap<>();
    /** Per device slot: the last operation answered UNCERTAIN, so a retry keeps its number. */
    private final Map<Integer, Integer> uncertainOp = new HashMap<>();
    private final Map<Integer, byte[]> uncertainContent = new HashMap<>();
    private int nextOp = 1;
    private int nextExternal = 1;
    private long returned;
    private boolean done;
    private String haltReason;
    private String finishReason;
    private long idleWaitMillis;
    private boolean earlyEpochEnds = true;
    /** An output was held since the last {@link #takeOutputHeld()}: its acknowledgements are awaited. */
    private boolean outputHeld;
    /** The last epoch ended with the guest idle and outputs held for acknowledgements. */
    private boolean idleAwaitingAcks;
    private final Stats stats = new Stats();
    private List<String> digests;

    /** Counters a runtime reports. */
    public static final class Stats {
        public long epochs;
        public long messagesSent;
        public long performed;
        public long suppressed;
        public long uncertainDelivered;
        public long promotedAtNanos;
        /** When the fence's test-and-set began and returned (System.nanoTime), 0 if it never ran. */
        public long fenceStartedNanos;
        public long fenceDoneNanos;
        public long firstPerformAfterPromotionNanos;
        /** Epochs that ended with the guest idle and outputs held for acknowledgements (output rule). */
        public long idleAwaitingAcks;
    }

    /**
     * @param name "primary" or "backup": the role this processor starts with (trace files keep it)
     * @param clock this processor's time-of-day clock in microseconds (the environment's, never VM state)
     * @param onPromoted called when this processor becomes primary after a failover: devices go live
     */
    public Replica(String name, Hypervisor hv, Protocol protocol, Link link, Fence fence, TraceSink trace,
            LongSupplier clock, Runnable onPromoted, Consumer<String> log) {
        this.name = name;
        this.hv = hv;
        this.protocol = protocol;
        this.link = link;
        this.fence = fence;
        this.trace = trace;
        this.clock = clock;
        this.onPromoted = onPromoted;
        this.log = log;
        this.fenceOwner = name + " pid " + ProcessHandle.current().pid();
        hv.setCoordinator(this);
        protocol.setTracing(trace != TraceSink.NONE);
        hv.takeArrivals(protocol.role() == Protocol.Role.PRIMARY);
    }

    /** In the real runtime: how long an idle primary waits in host time for an arrival at an epoch end. */
    public void setIdleWaitMillis(long millis) {
        this.idleWaitMillis = millis;
    }

    /** Keeps every epoch digest in memory (tests compare the replicas with them). */
    public void recordDigests() {
        digests = new ArrayList<>();
    }

    /** Epoch digests in epoch order (epoch 1 first), if recorded. */
    public List<String> digests() {
        return digests;
    }

    public String name() {
        return name;
    }

    public Protocol protocol() {
        return protocol;
    }

    public Hypervisor hypervisor() {
        return hv;
    }

    public Stats stats() {
        return stats;
    }

    public boolean done() {
        return done;
    }

    /** Why this replica halted (fenced, diverged, lost the fence), or null. */
    public String haltReason() {
        return haltReason;
    }

    /** Why this replica finished normally (the VM powered off), or null. */
    public String finishReason() {
        return finishReason;
    }

    /** Runs the VM for at most one epoch (or until the protocol makes it wait). */
    public Status advance() {
        try {
            if (done) {
                return Status.DONE;
            }
            if (!protocol.vmMayRun()) {
                return Status.BLOCKED;
            }
            Hypervisor.VmStop stop = hv.run(protocol.currentEpochLength());
            idleAwaitingAcks = false;
            if (stop == Hypervisor.VmStop.EPOCH_END) {
                boolean idle = hv.idleSeen();
                if (idleWaitMillis > 0 && idle && protocol.role() == Protocol.Role.PRIMARY
                        && !protocol.hasPendingWork()) {
                    try {
                        hv.awaitArrival(idleWaitMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                takeArrivals();
                stats.epochs++;
                step(new Event.EpochEnd(clock.getAsLong(), false, hv.lastEpochLength()));
                idleAwaitingAcks = idle && protocol.holdsOutputs() && !protocol.hasDeliverable();
                if (idleAwaitingAcks) {
                    stats.idleAwaitingAcks++;
                }
            } else if (stop == Hypervisor.VmStop.POWERED_OFF) {
                step(new Event.EpochEnd(clock.getAsLong(), true));
            }
            return done ? Status.DONE : Status.RAN;
        } finally {
            flush();
        }
    }

    /**
     * Whether an output was held (output rule) since the last call: the messages it waits to have
     * acknowledged should go out now rather than with a later batch, since the VM does not stop
     * for them and nothing else would make the link send.
     */
    public boolean takeOutputHeld() {
        boolean h = outputHeld;
        outputHeld = false;
        return h;
    }

    /**
     * Whether the epoch that just ended found the guest idle while the primary holds outputs for
     * acknowledgements (output rule) and has nothing to deliver: until an acknowledgement comes,
     * the next epochs would only spin the guest's idle loop, so the host may wait for the peer.
     */
    public boolean idleAwaitingAcks() {
        return idleAwaitingAcks;
    }

    /** A message arrived from the peer. */
    public void receive(Message m) {
        receive(List.of(m));
    }

    /** Messages arrived from the peer, in this order (one frame's worth: what they cause is sent once). */
    public void receive(List<Message> messages) {
        for (Message m : messages) {
            step(new Event.Received(m));
        }
        flush();
    }

    /** The failure detector fired. */
    public void peerFailed(String reason) {
        step(new Event.PeerFailed(reason));
        flush();
    }

    /** Sends what the last steps produced, acknowledgements coalesced (they are cumulative). */
    public void flush() {
        if (outbox.isEmpty()) {
            return;
        }
        if (!outboxHasAck) {
            // The common case (a primary's messages): the link encodes them at once, the list stays ours.
            stats.messagesSent += outbox.size();
            link.send(outbox);
            outbox.clear();
            return;
        }
        outboxHasAck = false;
        List<Message> batch = new ArrayList<>(outbox.size());
        Message.Ack lastAck = null;
        for (Message m : outbox) {
            if (m instanceof Message.Ack a) {
                lastAck = a;
            } else {
                batch.add(m);
            }
        }
        if (lastAck != null) {
            batch.add(lastAck);
        }
        outbox.clear();
        stats.messagesSent += batch.size();
        link.send(batch);
    }

    private void takeArrivals() {
        for (DeviceEvent e : hv.drainArrivals()) {
            int id = nextExternal++;
            trace.write(name, TraceEvent.of("ExternalInterrupt", protocol.epoch(), "id", id));
            step(new Event.Arrived(new Interrupt(Interrupt.Kind.EXTERNAL, id, e)));
        }
    }

    // ------------------------------------------------------------------ Hypervisor.Coordinator

    @Override
    public long environmentValue(long own) {
        returned = own;
        step(new Event.EnvironmentRead(own));
        return returned;
    }

    @Override
    public void ioStarted(IoRequest request) {
        int slot = request.device();
        Integer retry = uncertainOp.remove(slot);
        byte[] before = uncertainContent.remove(slot);
        int op = retry != null && java.util.Arrays.equals(before, request.content()) ? retry : nextOp++;
        requests.put(op, request);
        step(new Event.IoStart(op, slot, tracedDigest(request.content()), request.uncertain()));
        if (protocol.holdsOutputs()) {
            outputHeld = true;
        }
        if (protocol.role() != Protocol.Role.PRIMARY) {
            stats.suppressed++;
            if (!request.completes()) {
                requests.remove(op);
            }
        }
        if (!protocol.vmMayRun()) {
            hv.pause();
        }
    }

    /**
     * An idle guest with an interrupt waiting, or waiting itself for an output the primary holds
     * (output rule), would only spin its idle loop until the epoch's end: end the epoch now, so that
     * the interrupt is delivered or the host waits for the acknowledgement instead.
     */
    @Override
    public void guestIdle() {
        if (earlyEpochEnds && (protocol.hasDeliverable() || protocol.holdsOutputs())) {
            hv.endEpochEarly();
        }
    }

    /** Whether a primary ends an idle epoch early to deliver what is waiting or to wait for acknowledgements (on by default). */
    public void setEarlyEpochEnds(boolean on) {
        this.earlyEpochEnds = on;
    }

    // ------------------------------------------------------------------ actions

    private void step(Event e) {
        // Executing an action can take a further step (a perform's completion, the fence's result):
        // each nesting depth has its own list.
        if (depth == actionLists.size()) {
            actionLists.add(new ArrayList<>());
        }
        List<Action> actions = actionLists.get(depth);
        actions.clear();
        protocol.step(e, actions);
        depth++;
        try {
            for (int i = 0; i < actions.size(); i++) {
                execute(actions.get(i));
            }
        } finally {
            depth--;
        }
    }

    private void execute(Action a) {
        if (a instanceof Action.Send s) {
            outbox.add(s.message());
            if (s.message() instanceof Message.Ack) {
                outboxHasAck = true;
            }
        } else if (a instanceof Action.ReturnValue r) {
            returned = r.value();
        } else if (a instanceof Action.Trace t) {
            trace.write(name, t.event());
        } else if (a instanceof Action.Perform p) {
            perform(p.op());
        } else if (a instanceof Action.Deliver d) {
            deliver(d);
        } else if (a instanceof Action.StartEpoch) {
            // The recovery counter re-arms when the VM next runs.
        } else if (a instanceof Action.TestAndSet t) {
            boolean won;
            stats.fenceStartedNanos = System.nanoTime();
            try {
                won = fence.testAndSet(t.expected(), fenceOwner);
            } catch (IOException ex) {
                log.accept(name + ": the fence's test-and-set failed: " + ex.getMessage());
                won = false;
            }
            stats.fenceDoneNanos = System.nanoTime();
            step(new Event.FenceResult(won, t.expected() + 1));
        } else if (a instanceof Action.Promoted) {
            stats.promotedAtNanos = System.nanoTime();
            hv.takeArrivals(true);
            onPromoted.run();
        } else if (a instanceof Action.Halt h) {
            done = true;
            haltReason = h.reason();
            log.accept(name + ": halted: " + h.reason());
            hv.pause();
        } else if (a instanceof Action.Finished f) {
            done = true;
            finishReason = f.why();
        }
    }

    private void perform(int op) {
        IoRequest r = requests.get(op);
        if (r == null) {
            throw new IllegalStateException("operation " + op + " is not known");
        }
        if (!r.completes()) {
            requests.remove(op);
        }
        try {
            if (!fence.holds(protocol.generation())) {
                step(new Event.Fenced(op));
                return;
            }
        } catch (IOException ex) {
            log.accept(name + ": cannot read the fence: " + ex.getMessage());
            step(new Event.Fenced(op));
            return;
        }
        boolean firstAfterPromotion = stats.promotedAtNanos != 0 && stats.firstPerformAfterPromotionNanos == 0;
        long startedNanos = firstAfterPromotion ? System.nanoTime() : 0;
        DeviceEvent completion;
        try {
            completion = r.action().perform();
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof FencedException)) {
                throw e;
            }
            // A takeover came between the look above and the disk's own check, made under its lock:
            // the command was refused, so it is not performed, and this processor is fenced off.
            step(new Event.Fenced(op));
            return;
        }
        if (trace != TraceSink.NONE) {
            trace.write(name, TraceEvent.of("DevicePerform", protocol.epoch(), "op", op, "data",
                    digest(r.content()), "issuer", name, "kind", r.kind()));
        }
        if (firstAfterPromotion) {
            stats.firstPerformAfterPromotionNanos = startedNanos;
        }
        stats.performed++;
        if (completion != null) {
            step(new Event.Arrived(new Interrupt(Interrupt.Kind.DONE, op, completion)));
        }
    }

    private void deliver(Action.Deliver d) {
        List<DeviceEvent> events = d.interrupts().isEmpty() ? List.of() : new ArrayList<>(d.interrupts().size());
        for (Interrupt i : d.interrupts()) {
            events.add(i.event());
            if (i.kind() == Interrupt.Kind.EXTERNAL) {
                // Arrivals are numbered for the whole run: a promoted backup goes on from the last it was given.
                nextExternal = Math.max(nextExternal, i.id() + 1);
            }
            if (i.kind() != Interrupt.Kind.EXTERNAL) {
                IoRequest r = requests.remove(i.id());
                if (i.kind() == Interrupt.Kind.UNCERTAIN) {
                    stats.uncertainDelivered++;
                }
                // The device said its fate is unknown (its own uncertain status): the driver will retry it.
                if (r != null && r.completes() && i.event().status() == r.uncertain().status()) {
                    uncertainOp.put(r.device(), i.id());
                    uncertainContent.put(r.device(), r.content());
                }
            }
        }
        hv.deliver(events);
        if (trace == TraceSink.NONE && digests == null) {
            return; // nobody looks at digests: an untraced run does not pay for them
        }
        String digest = HexFormat.of().formatHex(hv.epochDigest(), 0, 8);
        if (digests != null) {
            digests.add(digest);
        }
        trace.write(name, TraceEvent.of("EpochDigest", d.epoch(), "digest", digest, "insns", hv.instructions()));
    }

    /**
     * An operation's content digest as traces show it. Only traces use it (the protocol copies it
     * into its trace fields), so an untraced run does not hash every block it writes.
     */
    private String tracedDigest(byte[] content) {
        return trace == TraceSink.NONE ? "" : digest(content);
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
