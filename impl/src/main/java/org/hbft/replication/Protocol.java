package org.hbft.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * Replica coordination of Bressoud and Schneider (rules P0-P8), with the revised protocol, the
 * output rule and a shared-disk fence, as a pure state machine: {@link #step} takes one
 * {@link Event} and returns the {@link Action}s its host must carry out, in order. No threads,
 * clocks or sockets: the in-process simulation and the two-process runtime drive the same
 * steps, and every step is also a trace event named after the TLA+ action of
 * {@code spec/tla/HBFT.tla} it implements.
 *
 * <p>One instance runs on each processor. The one that starts as primary replicates to the
 * backup until it crashes or loses the link; the one that starts as backup re-executes one
 * epoch behind, and on failure runs a failover epoch and promotes itself (P7, P8). Between
 * steps the host asks {@link #vmMayRun()} whether the VM may execute.
 */
public final class Protocol {
    /** A processor's role, as in the spec. */
    public enum Role { PRIMARY, BACKUP, FAILOVER, HALTED, FINISHED }

    private final boolean startedPrimary;
    private final Bug bug;
    /** DELIVER_BEFORE_RELAY: relays held back until after the epoch's end. */
    private final List<Interrupt> late = new ArrayList<>();
    private final OutputMode mode;
    private Role role;
    private boolean solo;
    private int epoch = 1;
    /** The fence generation this processor holds (0: none yet). */
    private long generation;
    /** The generation the backup must find on the disk to take over. */
    private final long primaryGeneration;
    private boolean awaitingFence;
    /** Never lets the VM see the clock go backwards, also across a failover (the spec's ClockFix). */
    private long clockFloor;
    /** Operations started and not yet answered, in issue order: what P8 raises uncertain interrupts for. */
    private final Map<Integer, Event.IoStart> outstanding = new LinkedHashMap<>();

    // The primary's side.
    private long sent;
    private long acked;
    private final List<Interrupt> buffered = new ArrayList<>();
    private boolean epochWaitsForAcks;
    private long epochTme;
    private boolean vmHalted;
    private boolean finishing;
    /** Revised protocol: the operation the VM stopped at until every message is acknowledged. */
    private Event.IoStart paused;
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    // The backup's side.
    private long received;
    private final ArrayDeque<Message.Value> values = new ArrayDeque<>();
    private final Map<Integer, List<Interrupt>> relayed = new HashMap<>();
    private final EpochValues tmes = new EpochValues();
    private int lastEnd;
    private boolean peerFailed;
    private boolean awaitingEnd;
    private long ownAtEnd;
    private int failoverEpoch;
    private List<Interrupt> failoverDelivery;
    private long failoverTme;

    /** Where the current step's actions go. */
    private List<Action> out = new ArrayList<>();
    private boolean tracing = true;
    private boolean acknowledging = true;
    /** The length of the epoch that just ended (a primary's, for [end, E]). */
    private long epochLength;
    /** Backup: the lengths of the primary's epochs, from [end, E]. */
    private final EpochValues lengths = new EpochValues();

    /**
     * @param primary whether this processor starts as the primary
     * @param mode the output mode both processors use
     * @param generation the fence generation on the shared disk at start, held by the primary
     */
    public Protocol(boolean primary, OutputMode mode, long generation) {
        this(primary, mode, generation, Bug.NONE);
    }

    /** A protocol with a seeded bug, for the property tests' mutation check. */
    public Protocol(boolean primary, OutputMode mode, long generation, Bug bug) {
        this.bug = bug;
        this.startedPrimary = primary;
        this.mode = mode;
        this.role = primary ? Role.PRIMARY : Role.BACKUP;
        this.primaryGeneration = generation;
        this.generation = primary ? generation : 0;
    }

    /** Whether steps produce {@link Action.Trace} actions (on by default; off saves their cost when nobody records them). */
    public void setTracing(boolean tracing) {
        this.tracing = tracing;
    }

    /**
     * Whether a backup's steps produce its acknowledgements (P4) as {@link Action.Send} actions
     * (on by default). Off for a runtime that acknowledges on its own as messages arrive (the
     * TCP runtime's link reader): it would drop them, and a backup receives two a primary epoch.
     */
    public void setAcknowledging(boolean acknowledging) {
        this.acknowledging = acknowledging;
    }

    public Role role() {
        return role;
    }

    /** The epoch this processor executes (e_p or e_b). */
    public int epoch() {
        return epoch;
    }

    public OutputMode mode() {
        return mode;
    }

    public boolean startedPrimary() {
        return startedPrimary;
    }

    /** Whether this processor is the primary and still has a backup to replicate to. */
    public boolean replicating() {
        return role == Role.PRIMARY && startedPrimary && !solo;
    }

    /**
     * The generation as traces give it: counted from the run's start, 1 being the one the shared
     * disk held when the processors started (the spec's initial state), whatever an earlier run
     * left on a reused disk; 0 for none.
     */
    private long tracedGeneration() {
        return generation == 0 ? 0 : generation - primaryGeneration + 1;
    }

    /** The fence generation held (0 for a backup that was never promoted). */
    public long generation() {
        return generation;
    }

    /** Messages sent to the backup, and how many of them it has acknowledged. */
    public long sent() {
        return sent;
    }

    public long acked() {
        return acked;
    }

    /** Messages a backup has received from the primary. */
    public long received() {
        return received;
    }

    /**
     * A backup's lag: epochs whose end it has received and not yet finished executing (0 for
     * any other role). What the runtime bounds, so that a backup's memory and the time it needs
     * to catch up at a failover stay bounded.
     */
    public int epochsReceivedAhead() {
        return role == Role.BACKUP && lastEnd >= epoch ? lastEnd - epoch + 1 : 0;
    }

    /** The epoch the backup ran on its own before promotion (0 if none). */
    public int failoverEpoch() {
        return failoverEpoch;
    }

    /** Operations started and not yet answered by a completion, in issue order. */
    public List<Integer> outstanding() {
        return List.copyOf(outstanding.keySet());
    }

    /**
     * Whether the primary holds something for the VM or the environment: interrupts buffered for
     * this epoch's end, or outputs waiting for acknowledgements. An idle guest then has no reason
     * to make its host wait for arrivals.
     */
    public boolean hasPendingWork() {
        return !buffered.isEmpty() || !held.isEmpty() || paused != null;
    }

    /** Whether the primary holds outputs until the backup acknowledges what was sent before them (output rule). */
    public boolean holdsOutputs() {
        return role == Role.PRIMARY && !held.isEmpty();
    }

    /** Whether the primary has interrupts waiting for this epoch's end (an idle guest may end it now). */
    public boolean hasDeliverable() {
        return role == Role.PRIMARY && !buffered.isEmpty();
    }

    /**
     * The length the current epoch must have, in instructions, or 0 for the default: a backup
     * repeats the primary's epoch exactly; a primary, and a backup in its failover epoch,
     * decide for themselves.
     */
    public long currentEpochLength() {
        if (role != Role.BACKUP) {
            return 0;
        }
        return lengths.get(epoch, 0);
    }

    /** Whether the VM may execute now; if not, the host waits for the next event. */
    public boolean vmMayRun() {
        switch (role) {
            case PRIMARY:
                return !epochWaitsForAcks && paused == null && !awaitingFence && !finishing && !vmHalted;
            case BACKUP:
                return !awaitingEnd && lastEnd >= epoch;
            case FAILOVER:
                return !awaitingFence;
            default:
                return false;
        }
    }

    /** Takes one step; returns its actions, in order. */
    public List<Action> step(Event event) {
        List<Action> actions = new ArrayList<>();
        step(event, actions);
        return actions;
    }

    /**
     * Takes one step, appending its actions to {@code into} in order: a runtime that takes
     * hundreds of thousands of steps a second can reuse its lists.
     */
    public void step(Event event, List<Action> into) {
        out = into;
        if (event instanceof Event.EnvironmentRead e) {
            environmentRead(e.own());
        } else if (event instanceof Event.IoStart e) {
            ioStart(e);
        } else if (event instanceof Event.Arrived e) {
            arrived(e.interrupt());
        } else if (event instanceof Event.EpochEnd e) {
            epochLength = e.length();
            epochEnd(e.own(), e.vmHalted());
        } else if (event instanceof Event.Received e) {
            received(e.message());
        } else if (event instanceof Event.PeerFailed e) {
            peerFailed();
        } else if (event instanceof Event.FenceResult e) {
            fenceResult(e.won(), e.generation());
        } else if (event instanceof Event.Fenced e) {
            fenced(e.op());
        }
    }

    // ------------------------------------------------------------------ environment instructions (P0, P6)

    private void environmentRead(long own) {
        long v;
        if (role == Role.PRIMARY) {
            v = Math.max(own, clockFloor);
            clockFloor = v;
            if (replicating()) {
                long msg = send(new Message.Value(epoch, v));
                trace("PrimaryReadClock", "value", v, "msg", msg);
            } else {
                trace("PrimaryReadClock", "value", v);
            }
        } else if (role == Role.BACKUP || role == Role.FAILOVER) {
            Message.Value head = values.peekFirst();
            if (bug == Bug.BACKUP_OWN_CLOCK && head != null && head.epoch() == epoch) {
                values.removeFirst();
                v = own;
                trace("BackupReadClock", "value", v, "source", "primary");
            } else if (head != null && head.epoch() == epoch) {
                values.removeFirst();
                v = head.value();
                clockFloor = Math.max(clockFloor, v);
                trace("BackupReadClock", "value", v, "source", "primary");
            } else if (role == Role.FAILOVER) {
                v = Math.max(own, clockFloor);
                clockFloor = v;
                trace("BackupReadClock", "value", v, "source", "own");
            } else {
                halt("replica diverged: the VM read the clock in epoch " + epoch
                        + " but the primary relayed no value for it");
                v = own;
            }
        } else {
            v = own;
        }
        out.add(new Action.ReturnValue(v));
    }

    // ------------------------------------------------------------------ I/O

    private void ioStart(Event.IoStart e) {
        if (e.completes()) {
            outstanding.put(e.op(), e);
        }
        switch (role) {
            case PRIMARY:
                if (!replicating() || mode == OutputMode.ORIGINAL || (mode == OutputMode.REVISED
                        && (acked == sent || bug == Bug.IO_BEFORE_ACKS))) {
                    trace("PrimaryIssueIO", "op", e.op(), "data", e.digest(), "held", false, "gen", tracedGeneration(),
                            "completes", e.completes(), "acked", acked);
                    out.add(new Action.Perform(e.op()));
                } else if (mode == OutputMode.REVISED) {
                    // The VM stops here until the backup holds everything sent so far.
                    paused = e;
                } else {
                    trace("PrimaryIssueIO", "op", e.op(), "data", e.digest(), "held", true, "gen", tracedGeneration(),
                            "completes", e.completes(), "acked", acked);
                    held.addLast(new Held(e.op(), e.digest(), sent));
                    releaseHeld();
                }
                break;
            case BACKUP:
            case FAILOVER:
                trace("BackupIssueIO", "op", e.op(), "data", e.digest(), "completes", e.completes());
                if (bug == Bug.NO_SUPPRESS) {
                    out.add(new Action.Perform(e.op()));
                }
                break;
            default:
                break;
        }
    }

    /** An output the output rule holds until {@code need} messages are acknowledged. */
    private record Held(int op, String digest, long need) {}


    private void releaseHeld() {
        while (!held.isEmpty() && (held.peekFirst().need() <= acked || !replicating()) && role == Role.PRIMARY) {
            Held h = held.removeFirst();
            trace("PrimaryRelease", "op", h.op(), "data", h.digest(), "gen", tracedGeneration(), "acked", acked);
            out.add(new Action.Perform(h.op()));
        }
    }

    private void fenced(int op) {
        trace("PrimaryFenced", "op", op);
        held.clear();
        halt("the shared disk refused operation " + op + ": another processor holds a newer generation");
    }

    // ------------------------------------------------------------------ interrupts (P1, P3)

    private void arrived(Interrupt i) {
        if (role != Role.PRIMARY) {
            return; // P3: a backup ignores its own devices
        }
        buffered.add(i);
        if (replicating() && (bug == Bug.DELIVER_BEFORE_RELAY
                || bug == Bug.DROP_EXTERNAL_RELAY && i.kind() == Interrupt.Kind.EXTERNAL)) {
            if (bug == Bug.DELIVER_BEFORE_RELAY) {
                late.add(i);
            }
            trace("PrimaryInterrupt", "interrupt", json(i));
        } else if (replicating()) {
            long msg = send(new Message.Relay(epoch, i));
            trace("PrimaryInterrupt", "interrupt", json(i), "msg", msg);
        } else {
            trace("PrimaryInterrupt", "interrupt", json(i));
        }
    }

    // ------------------------------------------------------------------ epoch ends (P2, P5, P7, P8)

    private void epochEnd(long own, boolean halted) {
        switch (role) {
            case PRIMARY: {
                long tme = Math.max(own, clockFloor);
                clockFloor = tme;
                epochTme = tme;
                vmHalted = halted;
                if (replicating()) {
                    long msg = send(new Message.Tme(epoch, tme));
                    if (tracing) {
                        trace("PrimarySendTme", "tme", tme, "msg", msg);
                    }
                    if (mode == OutputMode.ORIGINAL && acked < sent) {
                        epochWaitsForAcks = true;
                        return;
                    }
                } else {
                    if (tracing) {
                        trace("PrimarySendTme", "tme", tme);
                    }
                }
                completePrimaryEpoch();
                break;
            }
            case BACKUP:
                if (halted) {
                    role = Role.FINISHED;
                    out.add(new Action.Finished("the VM powered off in epoch " + epoch));
                    return;
                }
                awaitingEnd = true;
                ownAtEnd = own;
                tryEndBackupEpoch();
                break;
            case FAILOVER:
                if (halted) {
                    role = Role.FINISHED;
                    out.add(new Action.Finished("the VM powered off in the failover epoch " + epoch));
                    return;
                }
                endFailoverEpoch(own);
                break;
            default:
                break;
        }
    }

    private void completePrimaryEpoch() {
        epochWaitsForAcks = false;
        List<Interrupt> delivered = buffered.isEmpty() ? List.of() : new ArrayList<>(buffered);
        buffered.clear();
        answer(delivered);
        if (replicating()) {
            long msg = send(new Message.End(epoch, epochLength));
            for (Interrupt i : late) {
                send(new Message.Relay(epoch, i));
            }
            late.clear();
            if (tracing) {
                trace("PrimaryEpochEnd", "tme", epochTme, "delivered", json(delivered), "msg", msg, "acked", acked,
                        "length", epochLength);
            }
        } else {
            if (tracing) {
                trace("PrimaryEpochEnd", "tme", epochTme, "delivered", json(delivered), "length", epochLength);
            }
        }
        if (vmHalted) {
            finishing = true;
            maybeFinish();
            return;
        }
        out.add(new Action.Deliver(epoch, delivered, epochTme));
        epoch++;
        out.add(new Action.StartEpoch(epoch));
    }

    private void maybeFinish() {
        if (finishing && (!replicating() || acked == sent)) {
            finishing = false;
            role = Role.FINISHED;
            out.add(new Action.Finished("the VM powered off in epoch " + epoch));
        }
    }

    private void tryEndBackupEpoch() {
        if (!awaitingEnd) {
            return;
        }
        if (lastEnd >= epoch + (bug == Bug.BACKUP_EARLY_START ? 0 : 1)) {
            long tme = takeTme(epoch);
            List<Interrupt> delivered = takeRelayed(epoch);
            if (tracing) {
                trace("BackupEpochEnd", "tme", tme, "delivered", json(delivered));
            }
            finishBackupEpoch(delivered, tme);
        } else if (peerFailed) {
            int next = epoch + 1;
            long tme = tmes.contains(epoch) ? takeTme(epoch) : Math.max(ownAtEnd, clockFloor);
            List<Interrupt> delivered = takeRelayed(epoch);
            failoverEpoch = next;
            role = Role.FAILOVER;
            trace("BackupFailover", "failoverEpoch", next, "tme", tme, "delivered", json(delivered));
            finishBackupEpoch(delivered, tme);
        }
    }

    private void finishBackupEpoch(List<Interrupt> delivered, long tme) {
        awaitingEnd = false;
        lengths.remove(epoch, 0);
        answer(delivered);
        out.add(new Action.Deliver(epoch, delivered, tme));
        epoch++;
        out.add(new Action.StartEpoch(epoch));
    }

    private long takeTme(int e) {
        long tme = tmes.remove(e, clockFloor);
        clockFloor = Math.max(clockFloor, tme);
        return tme;
    }

    private List<Interrupt> takeRelayed(int e) {
        if (relayed.isEmpty()) {
            return List.of(); // most epochs: no boxed key to look up
        }
        List<Interrupt> l = relayed.remove(e);
        return l == null ? List.of() : l;
    }

    /** P8: relayed interrupts of the failover epoch, and an uncertain one per outstanding operation; then the fence. */
    private void endFailoverEpoch(long own) {
        List<Interrupt> delivered = new ArrayList<>(takeRelayed(epoch));
        answer(delivered);
        if (bug != Bug.NO_UNCERTAIN) {
            for (Event.IoStart o : outstanding.values()) {
                delivered.add(new Interrupt(Interrupt.Kind.UNCERTAIN, o.op(), o.uncertain()));
            }
        }
        failoverDelivery = delivered;
        failoverTme = Math.max(own, clockFloor);
        clockFloor = failoverTme;
        awaitingFence = true;
        if (bug == Bug.NO_FENCE) {
            fenceResult(true, primaryGeneration);
            return;
        }
        out.add(new Action.TestAndSet(primaryGeneration));
    }

    private void fenceResult(boolean won, long newGeneration) {
        if (!awaitingFence) {
            return;
        }
        awaitingFence = false;
        if (role == Role.FAILOVER) {
            List<Integer> uncertain = new ArrayList<>();
            for (Interrupt i : failoverDelivery) {
                if (i.kind() == Interrupt.Kind.UNCERTAIN) {
                    uncertain.add(i.id());
                }
            }
            if (!won) {
                trace("BackupFailoverEnd", "tme", failoverTme, "delivered", json(failoverDelivery), "uncertain",
                        uncertain, "promoted", false, "gen", tracedGeneration());
                halt("the primary still holds the shared disk: not promoted");
                return;
            }
            generation = newGeneration;
            trace("BackupFailoverEnd", "tme", failoverTme, "delivered", json(failoverDelivery), "uncertain", uncertain,
                    "promoted", true, "gen", tracedGeneration());
            answer(failoverDelivery);
            role = Role.PRIMARY;
            solo = true;
            out.add(new Action.Deliver(epoch, failoverDelivery, failoverTme));
            failoverDelivery = null;
            epoch++;
            out.add(new Action.Promoted(epoch));
            out.add(new Action.StartEpoch(epoch));
        } else if (role == Role.PRIMARY) {
            trace("PrimaryGoSolo", "won", won);
            if (!won) {
                held.clear();
                halt("the backup took over the shared disk");
                return;
            }
            generation = newGeneration;
            solo = true;
            unblockPrimary();
        }
    }

    // ------------------------------------------------------------------ the link (P4, acknowledgements, failures)

    private void received(Message m) {
        if (m instanceof Message.Ack a) {
            if (role == Role.PRIMARY && replicating()) {
                acked = Math.max(acked, Math.min(a.count(), sent));
                unblockPrimary();
            }
            return;
        }
        if (role != Role.BACKUP && role != Role.FAILOVER) {
            return;
        }
        received++;
        if (acknowledging) {
            out.add(new Action.Send(new Message.Ack(received)));
        }
        if (m instanceof Message.Value v) {
            values.addLast(v);
            if (tracing) {
                trace("BackupReceive", "msg", received, "type", "val", "msgEpoch", v.epoch(), "value", v.value());
            }
        } else if (m instanceof Message.Relay r) {
            relayed.computeIfAbsent(r.epoch(), k -> new ArrayList<>()).add(r.interrupt());
            if (tracing) {
                trace("BackupReceive", "msg", received, "type", "int", "msgEpoch", r.epoch(), "interrupt", json(r.interrupt()));
            }
        } else if (m instanceof Message.Tme t) {
            tmes.put(t.epoch(), t.tme());
            if (tracing) {
                trace("BackupReceive", "msg", received, "type", "tme", "msgEpoch", t.epoch(), "value", t.tme());
            }
        } else if (m instanceof Message.End e) {
            lastEnd = Math.max(lastEnd, e.epoch());
            lengths.put(e.epoch(), e.length());
            if (tracing) {
                trace("BackupReceive", "msg", received, "type", "end", "msgEpoch", e.epoch());
            }
        }
        tryEndBackupEpoch();
    }

    /** Whatever waited for acknowledgements (or for the backup) may go on. */
    private void unblockPrimary() {
        if (role != Role.PRIMARY) {
            return;
        }
        if (epochWaitsForAcks && (acked == sent || !replicating())) {
            completePrimaryEpoch();
        }
        if (paused != null && (acked == sent || !replicating())) {
            trace("PrimaryIssueIO", "op", paused.op(), "data", paused.digest(), "held", false, "gen", tracedGeneration(),
                    "completes", paused.completes(), "acked", acked);
            out.add(new Action.Perform(paused.op()));
            paused = null;
        }
        releaseHeld();
        maybeFinish();
    }

    private void peerFailed() {
        switch (role) {
            case BACKUP:
                if (peerFailed) {
                    return;
                }
                peerFailed = true;
                if (epoch == 1 && lastEnd == 0 && !awaitingEnd) {
                    failoverEpoch = 1;
                    role = Role.FAILOVER;
                    trace("BackupFailover", "failoverEpoch", 1);
                } else {
                    tryEndBackupEpoch();
                }
                break;
            case PRIMARY:
                if (replicating() && !awaitingFence) {
                    awaitingFence = true;
                    if (bug == Bug.NO_FENCE) {
                        fenceResult(true, generation);
                    } else {
                        out.add(new Action.TestAndSet(generation));
                    }
                }
                break;
            default:
                break;
        }
    }

    // ------------------------------------------------------------------ helpers

    private long send(Message m) {
        sent++;
        out.add(new Action.Send(m));
        return sent;
    }

    private void answer(List<Interrupt> delivered) {
        for (Interrupt i : delivered) {
            if (i.kind() != Interrupt.Kind.EXTERNAL) {
                outstanding.remove(i.id());
            }
        }
    }

    private void halt(String why) {
        role = Role.HALTED;
        out.add(new Action.Halt(why));
    }

    /**
     * Emits a trace action if tracing is on. Call sites taken at every epoch or message test
     * {@code tracing} first, so that an untraced run builds no field array and boxes nothing.
     */
    private void trace(String name, Object... fields) {
        if (!tracing) {
            return;
        }
        out.add(new Action.Trace(TraceEvent.of(name, epoch, fields)));
    }

    private Map<String, Object> json(Interrupt i) {
        return tracing ? jsonOf(i) : null;
    }

    private static Map<String, Object> jsonOf(Interrupt i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", i.kind().label());
        m.put(i.kind() == Interrupt.Kind.EXTERNAL ? "id" : "op", i.id());
        return m;
    }

    private List<Map<String, Object>> json(List<Interrupt> is) {
        if (!tracing) {
            return null;
        }
        List<Interrupt> sorted = new ArrayList<>(is);
        sorted.sort(Comparator.comparing((Interrupt i) -> i.kind().label()).thenComparingInt(Interrupt::id));
        List<Map<String, Object>> l = new ArrayList<>();
        for (Interrupt i : sorted) {
            l.add(jsonOf(i));
        }
        return l;
    }
}
