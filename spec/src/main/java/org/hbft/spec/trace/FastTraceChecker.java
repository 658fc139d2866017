package org.hbft.spec.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TraceHBFT.tla in plain Java: the same state variables, the same action per event kind with
 * the same guards (evaluated in the spec's order) and updates, the same Init, and the same
 * input ({@link TracePreparation#prepare}: the records and indexes TLC reads). It gives the
 * verdict TLC gives, in microseconds per event instead of seconds per trace, so that property
 * tests can check many runs; {@link TraceValidator} stays the reference.
 *
 * <p>Every action of the spec is deterministic (each primed variable is determined by the state
 * and the line), so the spec's behaviours that follow the trace form a single chain: the trace
 * conforms iff the action named by each line is enabled in turn. Where TLC would stop with an
 * evaluation error (a record field that is absent, an index out of its domain) this class throws
 * {@link IllegalArgumentException}, as {@link TraceValidator} then has no verdict either.
 */
public final class FastTraceChecker {

    /**
     * The verdict. If the trace does not conform: the 0-based index of the first line no action
     * can take, the action tried (the line's event name), the first conjunct of that action that
     * is false, and the spec's state before the line (rendered like TraceHBFT's Stuck record).
     */
    public record Result(boolean conforms, int badIndex, String action, String reason, String state) {
    }

    private static final String P = "primary";
    private static final String B = "backup";
    private static final int IP = 0;
    private static final int IB = 1;
    private static final Set<String> MODES = Set.of("original", "revised", "output-rule");

    private FastTraceChecker() {
    }

    /** Checks events (schema-valid, in one order) under an output mode: original, revised or output-rule. */
    public static Result check(List<JsonNode> events, String mode) {
        Objects.requireNonNull(events, "events");
        return check(TracePreparation.prepare(events), mode);
    }

    /** Checks a trace already prepared (as TLC reads it). */
    public static Result check(PreparedTrace trace, String mode) {
        Objects.requireNonNull(trace, "trace");
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("mode must be original, revised or output-rule, not " + mode);
        }
        return new Run(trace, mode).run();
    }

    /** A conjunct of the action that is false: the action is not enabled. */
    private static final class Disabled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Disabled(String reason) {
            super(reason, null, false, false);
        }
    }

    /** An element of the output rule's queue: [op |-> op, need |-> need]. */
    private record Held(int op, int need) {
    }

    private static final class Run {
        private final List<Map<String, Object>> trace;
        private final String mode;
        // The indexes of TraceHBFT.tla (tuples, 1-based there).
        private final List<Object> sendOf;
        private final List<Object> valMsg;
        private final List<Object> tmeMsg;
        private final List<Object> relayedFor;
        private final List<Object> pDigest;
        private final List<Object> pIssue;

        // The state variables; arrays are functions of {P, B}, indexed IP and IB.
        private int l = 1;
        private final String[] role = {P, B};
        private boolean solo;
        private final int[] ep = {1, 1};
        private final String[] phase = {"run", "run"};
        private final int[] clock = {0, 0};
        private int sent;
        private int rcvd;
        private int acked;
        private int bEnd;
        private int valsUsed;
        private int fepoch;
        private final List<Set<Object>> buf = List.of(new LinkedHashSet<>(), new LinkedHashSet<>());
        private final List<Set<Integer>> outst = List.of(new TreeSet<>(), new TreeSet<>());
        private final List<Set<Integer>> issued = List.of(new TreeSet<>(), new TreeSet<>());
        private final List<Held> held = new ArrayList<>();
        private int diskGen = 1;
        private final int[] gen = {1, 0};
        private final int[] extSeen = {0, 0};
        private final int[] extTaken = {0, 0};
        private int extRcvd;
        private int lost;
        private boolean cut;

        /** E: the current line. */
        private Map<String, Object> e;

        Run(PreparedTrace t, String mode) {
            this.trace = t.events();
            this.mode = mode;
            this.sendOf = index(t, "send");
            this.valMsg = index(t, "valmsg");
            this.tmeMsg = index(t, "tmemsg");
            this.relayedFor = index(t, "relayed");
            this.pDigest = index(t, "pdigest");
            this.pIssue = index(t, "pissue");
        }

        @SuppressWarnings("unchecked")
        private static List<Object> index(PreparedTrace t, String name) {
            Object v = t.indexes().get(name);
            if (!(v instanceof List<?>)) {
                throw new IllegalArgumentException("no trace index named " + name);
            }
            return (List<Object>) v;
        }

        Result run() {
            while (l <= trace.size()) {
                e = trace.get(l - 1);
                String ev = str(e, "ev");
                try {
                    step(ev);
                } catch (Disabled d) {
                    return new Result(false, l - 1, ev, ev + ": " + d.getMessage(), state());
                }
                l++;
            }
            return new Result(true, -1, null, null, null);
        }

        private void step(String ev) {
            switch (ev) {
                case "PrimaryReadClock" -> primaryReadClock();
                case "PrimaryIssueIO" -> primaryIssueIO();
                case "PrimaryRelease" -> primaryRelease();
                case "PrimaryInterrupt" -> primaryInterrupt();
                case "PrimarySendTme" -> primarySendTme();
                case "PrimaryEpochEnd" -> primaryEpochEnd();
                case "PrimaryGoSolo" -> primaryGoSolo();
                case "PrimaryFenced" -> primaryFenced();
                case "BackupReceive" -> backupReceive();
                case "BackupReadClock" -> backupReadClock();
                case "BackupIssueIO" -> backupIssueIO();
                case "BackupEpochEnd" -> backupEpochEnd();
                case "BackupFailover" -> backupFailover();
                case "BackupFailoverEnd" -> backupFailoverEnd();
                case "EpochDigest" -> epochDigest();
                case "DevicePerform" -> devicePerform();
                case "ExternalInterrupt" -> externalInterrupt();
                case "PrimaryCrash" -> primaryCrash();
                case "Partition" -> partition();
                default -> throw new Disabled("the spec has no action for this event");
            }
        }

        // ---------------------------------------------------------------- helpers

        private static void need(boolean conjunct, String reason) {
            if (!conjunct) {
                throw new Disabled(reason);
            }
        }

        private static int idx(String r) {
            return switch (r) {
                case P -> IP;
                case B -> IB;
                default -> throw new IllegalArgumentException("not a processor: " + r);
            };
        }

        /** E.r as an index into the functions of {P, B}. */
        private int r() {
            return idx(str(e, "r"));
        }

        private boolean isPrimary(int r) {
            return role[r].equals(P);
        }

        private boolean repl(int r) {
            return r == IP && !solo;
        }

        private static Object field(Map<String, Object> rec, String f) {
            Object v = rec.get(f);
            if (v == null) {
                throw new IllegalArgumentException("record has no field " + f + ": " + rec);
            }
            return v;
        }

        private static int num(Map<String, Object> rec, String f) {
            if (field(rec, f) instanceof Integer i) {
                return i;
            }
            throw new IllegalArgumentException("field " + f + " is not an integer: " + rec);
        }

        private static String str(Map<String, Object> rec, String f) {
            if (field(rec, f) instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException("field " + f + " is not a string: " + rec);
        }

        private static boolean bool(Map<String, Object> rec, String f) {
            if (field(rec, f) instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException("field " + f + " is not a Boolean: " + rec);
        }

        private static Set<?> set(Map<String, Object> rec, String f) {
            if (field(rec, f) instanceof Set<?> s) {
                return s;
            }
            throw new IllegalArgumentException("field " + f + " is not a set: " + rec);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> rec(Object v) {
            if (v instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException("not a record: " + v);
        }

        private static Object at(List<Object> tuple, int k, String what) {
            if (k < 1 || k > tuple.size()) {
                throw new IllegalArgumentException(what + "[" + k + "] is outside its domain 1.." + tuple.size());
            }
            return tuple.get(k - 1);
        }

        private static int atNum(List<Object> tuple, int k, String what) {
            if (at(tuple, k, what) instanceof Integer i) {
                return i;
            }
            throw new IllegalArgumentException(what + "[" + k + "] is not an integer");
        }

        private Map<String, Object> sendOf(int msg) {
            return rec(at(sendOf, msg, "SendOf"));
        }

        /** Answered(S): the operations whose completion S delivers (kinds other than ext). */
        private static Set<Integer> answered(Set<?> s) {
            Set<Integer> ops = new TreeSet<>();
            for (Object o : s) {
                Map<String, Object> i = rec(o);
                if (!str(i, "k").equals("ext")) {
                    ops.add(num(i, "n"));
                }
            }
            return ops;
        }

        /** Received(E1): the interrupts relayed for E1 whose message the backup has received. */
        private Set<Object> received(int e1) {
            Set<Object> s = new LinkedHashSet<>();
            if (!(at(relayedFor, e1, "RelayedFor") instanceof Set<?> relayed)) {
                throw new IllegalArgumentException("RelayedFor[" + e1 + "] is not a set");
            }
            for (Object x : relayed) {
                Map<String, Object> y = rec(x);
                if (num(y, "msg") <= rcvd) {
                    s.add(field(y, "i"));
                }
            }
            return s;
        }

        private boolean hasTme(int e1) {
            return e1 <= tmeMsg.size() && atNum(tmeMsg, e1, "TmeMsg") > 0 && atNum(tmeMsg, e1, "TmeMsg") <= rcvd;
        }

        private int tmeOf(int e1) {
            return num(sendOf(atNum(tmeMsg, e1, "TmeMsg")), "v");
        }

        private int nextVal() {
            return valsUsed + 1;
        }

        private boolean nextValFor(int e1) {
            return nextVal() <= valMsg.size() && atNum(valMsg, nextVal(), "ValMsg") <= rcvd
                    && num(sendOf(atNum(valMsg, nextVal(), "ValMsg")), "e") == e1;
        }

        /** Why NextValFor(E1) is false (for messages). */
        private String whyNoNextVal(int e1) {
            if (nextVal() > valMsg.size()) {
                return "no [E, Val] message " + nextVal() + " was ever sent (valsUsed = " + valsUsed + ")";
            }
            int k = atNum(valMsg, nextVal(), "ValMsg");
            if (k > rcvd) {
                return "[E, Val] message " + nextVal() + " is msg " + k + ", not received yet (rcvd = " + rcvd + ")";
            }
            return "[E, Val] message " + nextVal() + " (msg " + k + ") is of epoch " + num(sendOf(k), "e")
                    + ", not " + e1;
        }

        private boolean allValsUsed(int e1) {
            return !nextValFor(e1);
        }

        private static String who(int r) {
            return r == IP ? "p" : "b";
        }

        private void needEpoch(int r) {
            int ee = num(e, "e");
            need(ee == ep[r], "epoch " + ee + " is not ep[" + who(r) + "] = " + ep[r]);
        }

        private void needPrimary(int r) {
            need(isPrimary(r), who(r) + " is not primary (role[" + who(r) + "] = " + role[r] + ")");
        }

        /** Sends(r): the new value of sent. */
        private int sends(int r) {
            int msg = num(e, "msg");
            if (repl(r)) {
                need(msg == sent + 1, "msg " + msg + " is not sent + 1 = " + (sent + 1));
                return sent + 1;
            }
            need(msg == 0, "msg " + msg + " given, but " + who(r) + " has no backup to send to");
            return sent;
        }

        /** Sends(r)'s effect: into a cut link a message vanishes (it counts as lost). */
        private void commitSend(int newSent) {
            if (cut && newSent > sent) {
                lost += newSent - sent;
            }
            sent = newSent;
        }

        /** AckedFrom(r): the new value of acked. */
        private int ackedFrom(int r) {
            if (repl(r)) {
                int a = num(e, "acked");
                need(a >= acked, "acked " + a + " is less than acked = " + acked);
                need(a <= rcvd, "acked " + a + " is more than the backup received (rcvd = " + rcvd + ")");
                return a;
            }
            return acked;
        }

        // ---------------------------------------------------------------- the primary

        private void primaryReadClock() {
            int r = r();
            needPrimary(r);
            need(phase[r].equals("run"), "phase[" + who(r) + "] is " + phase[r] + ", not run");
            needEpoch(r);
            int value = num(e, "value");
            need(value >= clock[r], "value (rank " + value + ") is behind clock[" + who(r) + "] (rank " + clock[r] + ")");
            int newSent = sends(r);
            clock[r] = value;
            commitSend(newSent);
        }

        private void primaryIssueIO() {
            int r = r();
            needPrimary(r);
            needEpoch(r);
            int g = num(e, "gen");
            need(g == gen[r], "gen " + g + " is not gen[" + who(r) + "] = " + gen[r]);
            int newAcked = ackedFrom(r);
            boolean isHeld = bool(e, "held");
            boolean mustHold = mode.equals("output-rule") && repl(r);
            need(isHeld == mustHold, "held is " + isHeld + ", the output rule says " + mustHold);
            if (mode.equals("revised") && repl(r)) {
                int a = num(e, "acked");
                need(a == sent, "revised protocol: acked " + a + " is not sent = " + sent);
            }
            int op = num(e, "op");
            need(!outst.get(r).contains(op), "op " + op + " is already outstanding at " + who(r));
            boolean completes = bool(e, "completes");
            acked = newAcked;
            if (completes) {
                outst.get(r).add(op);
            }
            if (isHeld) {
                held.add(new Held(op, sent));
            } else {
                issued.get(r).add(op);
            }
        }

        private void primaryRelease() {
            int op = num(e, "op");
            need(!held.isEmpty(), "nothing is held");
            need(held.get(0).op() == op, "op " + op + " is not the first held, " + held.get(0).op());
            int r = r();
            needPrimary(r);
            int g = num(e, "gen");
            need(g == gen[r], "gen " + g + " is not gen[" + who(r) + "] = " + gen[r]);
            int newAcked = ackedFrom(r);
            int a = num(e, "acked");
            need(held.get(0).need() <= a || solo, "acked " + a + " does not cover the " + held.get(0).need()
                    + " messages sent before op " + op);
            held.remove(0);
            issued.get(r).add(op);
            acked = newAcked;
        }

        private void primaryInterrupt() {
            int r = r();
            needPrimary(r);
            needEpoch(r);
            Map<String, Object> i = rec(field(e, "interrupt"));
            need(!buf.get(r).contains(i), "interrupt " + show(i) + " is already in buf[" + who(r) + "]");
            String k = str(i, "k");
            if (k.equals("done")) {
                int n = num(i, "n");
                need(outst.get(r).contains(n), "op " + n + " is not outstanding at " + who(r));
                need(!issued.get(r).contains(n), "op " + n + " was not performed yet");
            }
            if (k.equals("ext")) {
                int n = num(i, "n");
                need(n > extTaken[r], "external interrupt " + n + " is not after extTaken[" + who(r) + "] = " + extTaken[r]);
                need(n <= extSeen[r], "external interrupt " + n + " has not arrived (extSeen[" + who(r) + "] = "
                        + extSeen[r] + ")");
            }
            need(!k.equals("unc"), "a primary takes no uncertain interrupt");
            int newSent = sends(r);
            if (k.equals("ext")) {
                extTaken[r] = num(i, "n");
            }
            buf.get(r).add(i);
            commitSend(newSent);
        }

        private void primarySendTme() {
            int r = r();
            needPrimary(r);
            need(phase[r].equals("run"), "phase[" + who(r) + "] is " + phase[r] + ", not run");
            needEpoch(r);
            int tme = num(e, "tme");
            need(tme >= clock[r], "tme (rank " + tme + ") is behind clock[" + who(r) + "] (rank " + clock[r] + ")");
            int newSent = sends(r);
            clock[r] = tme;
            phase[r] = "tme";
            commitSend(newSent);
        }

        private void primaryEpochEnd() {
            int r = r();
            needPrimary(r);
            need(phase[r].equals("tme"), "phase[" + who(r) + "] is " + phase[r] + ", not tme");
            needEpoch(r);
            int tme = num(e, "tme");
            need(tme == clock[r], "tme (rank " + tme + ") is not clock[" + who(r) + "] (rank " + clock[r] + ")");
            Set<?> delivered = set(e, "delivered");
            need(delivered.equals(buf.get(r)), "delivered " + show(delivered) + " is not buf[" + who(r) + "] = "
                    + show(buf.get(r)));
            int newAcked = acked;
            if (repl(r)) {
                int a = num(e, "acked");
                need(a >= acked, "acked " + a + " is less than acked = " + acked);
                need(a <= rcvd, "acked " + a + " is more than the backup received (rcvd = " + rcvd + ")");
                if (mode.equals("original")) {
                    need(a == sent, "original protocol: acked " + a + " is not sent = " + sent);
                }
                newAcked = a;
            }
            int newSent = sends(r);
            acked = newAcked;
            commitSend(newSent);
            outst.get(r).removeAll(answered(delivered));
            buf.get(r).clear();
            ep[r]++;
            phase[r] = "run";
        }

        private void primaryGoSolo() {
            needPrimary(IP);
            need(!solo, "p already runs solo");
            need(str(e, "r").equals(P), "only p goes solo");
            boolean won = bool(e, "won");
            need(won == (diskGen == gen[IP]), "won is " + won + ", but diskGen = " + diskGen + " and gen[p] = " + gen[IP]);
            if (won) {
                solo = true;
                gen[IP] = diskGen + 1;
                diskGen++;
            } else {
                role[IP] = "halted";
                held.clear();
            }
        }

        private void primaryFenced() {
            int r = r();
            needPrimary(r);
            need(gen[r] != diskGen, "gen[" + who(r) + "] = " + gen[r] + " is the disk's generation");
            role[r] = "halted";
            if (r == IP) {
                held.clear();
            }
        }

        // ---------------------------------------------------------------- the backup

        private boolean backupMayRun() {
            return role[IB].equals("failover") || (role[IB].equals(B) && bEnd >= ep[IB]);
        }

        private void needBackupMayRun() {
            need(backupMayRun(), "b may not run (role[b] = " + role[IB] + ", bEnd = " + bEnd + ", ep[b] = " + ep[IB] + ")");
        }

        private void backupReceive() {
            need(role[IB].equals(B) || role[IB].equals("failover"), "b does not receive (role[b] = " + role[IB] + ")");
            int msg = num(e, "msg");
            need(msg == rcvd + 1, "msg " + msg + " is not rcvd + 1 = " + (rcvd + 1));
            need(msg <= sent - lost, "msg " + msg + " was not sent yet or will never arrive (sent = " + sent
                    + ", lost = " + lost + ")");
            Map<String, Object> m = sendOf(msg);
            String type = str(e, "type");
            need(str(m, "t").equals(type), "msg " + msg + " is of type " + str(m, "t") + ", not " + type);
            int msgEpoch = num(e, "msgEpoch");
            need(num(m, "e") == msgEpoch, "msg " + msg + " is of epoch " + num(m, "e") + ", not " + msgEpoch);
            if (type.equals("val") || type.equals("tme")) {
                int v = num(e, "value");
                need(num(m, "v") == v, "msg " + msg + " carried value rank " + num(m, "v") + ", not " + v);
            }
            if (type.equals("int")) {
                Object i = field(e, "interrupt");
                need(field(m, "i").equals(i), "msg " + msg + " carried interrupt " + show(field(m, "i")) + ", not "
                        + show(i));
            }
            int newBEnd = type.equals("end") ? msgEpoch : bEnd;
            int newExtRcvd = extRcvd;
            if (type.equals("int")) {
                Map<String, Object> mi = rec(field(m, "i"));
                if (str(mi, "k").equals("ext")) {
                    newExtRcvd = Math.max(extRcvd, num(mi, "n"));
                }
            }
            bEnd = newBEnd;
            extRcvd = newExtRcvd;
            rcvd = msg;
        }

        private void backupReadClock() {
            needBackupMayRun();
            needEpoch(IB);
            int value = num(e, "value");
            int newValsUsed;
            if (str(e, "source").equals("primary")) {
                need(nextValFor(ep[IB]), "no relayed value left for epoch " + ep[IB] + ": " + whyNoNextVal(ep[IB]));
                int k = atNum(valMsg, nextVal(), "ValMsg");
                int v = num(sendOf(k), "v");
                need(value == v, "value rank " + value + " is not the one relayed in msg " + k + ", rank " + v);
                newValsUsed = nextVal();
            } else {
                need(role[IB].equals("failover"), "b reads its own clock outside its failover epoch");
                need(allValsUsed(ep[IB]), "b reads its own clock while relayed values are left for epoch " + ep[IB]);
                need(value >= clock[IB], "value (rank " + value + ") is behind clock[b] (rank " + clock[IB] + ")");
                newValsUsed = valsUsed;
            }
            clock[IB] = Math.max(clock[IB], value);
            valsUsed = newValsUsed;
        }

        private void backupIssueIO() {
            needBackupMayRun();
            needEpoch(IB);
            int op = num(e, "op");
            if (op <= pIssue.size() && !at(pIssue, op, "PIssue").equals("")) {
                Object data = field(e, "data");
                need(at(pIssue, op, "PIssue").equals(data), "op " + op + " is " + data + ", the primary issued "
                        + at(pIssue, op, "PIssue"));
            }
            if (bool(e, "completes")) {
                outst.get(IB).add(op);
            }
        }

        /** DeliverBackup(E1, tme, S): checks the line, then performs the updates of clock, outst, ep. */
        private Runnable deliverBackup(int e1, int tme, Set<Object> s) {
            Set<?> delivered = set(e, "delivered");
            need(delivered.equals(s), "delivered " + show(delivered) + " is not what was relayed and received for epoch "
                    + e1 + ", " + show(s));
            int t = num(e, "tme");
            need(t == tme, "tme rank " + t + " is not the epoch's, rank " + tme);
            need(allValsUsed(e1), "relayed value " + nextVal() + " of epoch " + e1 + " was not used");
            return () -> {
                clock[IB] = Math.max(clock[IB], tme);
                outst.get(IB).removeAll(answered(s));
                ep[IB] = e1 + 1;
            };
        }

        private void backupEpochEnd() {
            need(role[IB].equals(B), "b is not a backup (role[b] = " + role[IB] + ")");
            needEpoch(IB);
            need(bEnd >= ep[IB] + 1, "[end, " + (ep[IB] + 1) + "] was not received (bEnd = " + bEnd + ")");
            need(hasTme(ep[IB]), "[Tme] of epoch " + ep[IB] + " was not received");
            deliverBackup(ep[IB], tmeOf(ep[IB]), received(ep[IB])).run();
        }

        /** PeerGone: the primary is gone and what it sent that will ever arrive has arrived. */
        private boolean peerGone() {
            return ((Set.of("crashed", "halted", "finished").contains(role[IP]) || cut) && rcvd + lost == sent) || solo;
        }

        private void backupFailover() {
            need(role[IB].equals(B), "b is not a backup (role[b] = " + role[IB] + ")");
            needEpoch(IB);
            need(peerGone(), "the primary is not gone for good (role[p] = " + role[IP] + ", rcvd + lost = "
                    + (rcvd + lost) + ", sent = " + sent + ")");
            need(bEnd < ep[IB] + 1, "[end, " + (ep[IB] + 1) + "] was received: no failover");
            int fe = num(e, "failoverEpoch");
            if (fe == 1 && ep[IB] == 1 && bEnd == 0 && num(e, "tme") == -1) {
                role[IB] = "failover";
                fepoch = 1;
                return;
            }
            need(fe == ep[IB] + 1, "failoverEpoch " + fe + " is not ep[b] + 1 = " + (ep[IB] + 1));
            need(bEnd >= ep[IB], "[end, " + ep[IB] + "] was not received (bEnd = " + bEnd + ")");
            boolean ht = hasTme(ep[IB]);
            Runnable deliver = deliverBackup(ep[IB], ht ? tmeOf(ep[IB]) : num(e, "tme"), received(ep[IB]));
            if (!ht) {
                int t = num(e, "tme");
                need(t >= clock[IB], "tme (rank " + t + ") is behind clock[b] (rank " + clock[IB] + ")");
            }
            role[IB] = "failover";
            fepoch = ep[IB] + 1;
            deliver.run();
        }

        private void backupFailoverEnd() {
            need(role[IB].equals("failover"), "b is not in failover (role[b] = " + role[IB] + ")");
            needEpoch(IB);
            need(ep[IB] == fepoch, "ep[b] = " + ep[IB] + " is not the failover epoch " + fepoch);
            need(allValsUsed(ep[IB]), "relayed value " + nextVal() + " of epoch " + ep[IB] + " was not used");
            Set<Object> relayed = received(ep[IB]);
            Set<Integer> u = new TreeSet<>(outst.get(IB));
            u.removeAll(answered(relayed));
            Set<?> uncertain = set(e, "uncertain");
            need(uncertain.equals(u), "uncertain " + show(uncertain) + " is not the operations outstanding, " + show(u));
            Set<Object> all = new LinkedHashSet<>(relayed);
            for (int op : u) {
                Map<String, Object> unc = new LinkedHashMap<>();
                unc.put("k", "unc");
                unc.put("n", op);
                all.add(unc);
            }
            Set<?> delivered = set(e, "delivered");
            need(delivered.equals(all), "delivered " + show(delivered) + " is not " + show(all));
            int tme = num(e, "tme");
            need(tme >= clock[IB], "tme (rank " + tme + ") is behind clock[b] (rank " + clock[IB] + ")");
            boolean promoted = bool(e, "promoted");
            // The backup's test-and-set succeeds only on the generation the primary started with.
            need(promoted == (diskGen == 1), "promoted is " + promoted + ", but diskGen = " + diskGen);
            if (promoted) {
                int g = num(e, "gen");
                need(g == diskGen + 1, "gen " + g + " is not the next fence generation " + (diskGen + 1));
                diskGen++;
                gen[IB] = diskGen;
                role[IB] = P;
                ep[IB]++;
                outst.get(IB).clear();
                extSeen[IB] = extRcvd;
                extTaken[IB] = extRcvd;
            } else {
                role[IB] = "halted";
            }
            clock[IB] = tme;
        }

        private void epochDigest() {
            int ee = num(e, "e");
            if (str(e, "r").equals(B) && (fepoch == 0 || ee < fepoch) && ee <= pDigest.size()
                    && !at(pDigest, ee, "PDigest").equals("")) {
                Object d = field(e, "digest");
                need(d.equals(at(pDigest, ee, "PDigest")), "b's digest of epoch " + ee + " is " + d
                        + ", the primary's " + at(pDigest, ee, "PDigest"));
            }
        }

        // ---------------------------------------------------------------- the environment

        private void devicePerform() {
            String issuer = str(e, "issuer");
            need(issuer.equals(str(e, "r")), "issuer " + issuer + " is not the event's processor " + str(e, "r"));
            int r = r();
            needPrimary(r);
            need(gen[r] == diskGen, "gen[" + who(r) + "] = " + gen[r] + " is not the disk's generation " + diskGen);
            int op = num(e, "op");
            need(issued.get(r).contains(op), "op " + op + " was not handed to the disk by " + who(r));
            issued.get(r).remove(op);
        }

        private void externalInterrupt() {
            int r = r();
            needPrimary(r);
            int id = num(e, "id");
            need(id == extSeen[r] + 1, "id " + id + " is not extSeen[" + who(r) + "] + 1 = " + (extSeen[r] + 1));
            extSeen[r] = id;
        }

        private void primaryCrash() {
            needPrimary(IP);
            need(str(e, "r").equals(P), "only p crashes");
            int n = num(e, "lost");
            need(n <= sent - rcvd, "lost " + n + " is more than the messages in flight, " + (sent - rcvd));
            role[IP] = "crashed";
            lost = n;
            held.clear();
        }

        private void partition() {
            need(!cut, "the link is already cut");
            need(role[IP].equals(P), "p is not primary (role[p] = " + role[IP] + ")");
            need(!solo, "p runs alone already");
            int n = num(e, "lost");
            need(n <= sent - rcvd, "lost " + n + " is more than the messages in flight, " + (sent - rcvd));
            cut = true;
            lost = n;
        }

        // ---------------------------------------------------------------- the state, printed

        private String state() {
            StringBuilder s = new StringBuilder("[");
            s.append("role |-> ").append(fcn(show(role[IP]), show(role[IB])));
            s.append(", solo |-> ").append(show(solo));
            s.append(", ep |-> ").append(fcn(ep[IP], ep[IB]));
            s.append(", phase |-> ").append(fcn(show(phase[IP]), show(phase[IB])));
            s.append(", clock |-> ").append(fcn(clock[IP], clock[IB]));
            s.append(", sent |-> ").append(sent);
            s.append(", rcvd |-> ").append(rcvd);
            s.append(", acked |-> ").append(acked);
            s.append(", bEnd |-> ").append(bEnd);
            s.append(", valsUsed |-> ").append(valsUsed);
            s.append(", fepoch |-> ").append(fepoch);
            s.append(", buf |-> ").append(fcn(show(buf.get(IP)), show(buf.get(IB))));
            s.append(", outst |-> ").append(fcn(show(outst.get(IP)), show(outst.get(IB))));
            s.append(", issued |-> ").append(fcn(show(issued.get(IP)), show(issued.get(IB))));
            List<Object> h = new ArrayList<>();
            for (Held x : held) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("op", x.op());
                m.put("need", x.need());
                h.add(m);
            }
            s.append(", held |-> ").append(show(h));
            s.append(", diskGen |-> ").append(diskGen);
            s.append(", gen |-> ").append(fcn(gen[IP], gen[IB]));
            s.append(", extSeen |-> ").append(fcn(extSeen[IP], extSeen[IB]));
            s.append(", extTaken |-> ").append(fcn(extTaken[IP], extTaken[IB]));
            s.append(", extRcvd |-> ").append(extRcvd);
            s.append(", lost |-> ").append(lost);
            s.append(", cut |-> ").append(show(cut));
            return s.append("]").toString();
        }

        private static String fcn(Object p, Object b) {
            return "[primary |-> " + p + ", backup |-> " + b + "]";
        }

        /** The order sets are printed in (as TLC does): numbers, strings, records field by field. */
        private static int compare(Object a, Object b) {
            if (a instanceof Integer x && b instanceof Integer y) {
                return Integer.compare(x, y);
            }
            if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y && x.keySet().equals(y.keySet())) {
                for (Map.Entry<?, ?> f : x.entrySet()) {
                    int c = compare(f.getValue(), y.get(f.getKey()));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }
            return show(a).compareTo(show(b));
        }

        /** A value in TLA+ notation. */
        private static String show(Object v) {
            if (v instanceof String s) {
                return "\"" + s + "\"";
            } else if (v instanceof Boolean b) {
                return b ? "TRUE" : "FALSE";
            } else if (v instanceof Map<?, ?> m) {
                StringBuilder s = new StringBuilder("[");
                for (Map.Entry<?, ?> x : m.entrySet()) {
                    s.append(s.length() > 1 ? ", " : "").append(x.getKey()).append(" |-> ").append(show(x.getValue()));
                }
                return s.append("]").toString();
            } else if (v instanceof List<?> l) {
                StringBuilder s = new StringBuilder("<<");
                for (Object o : l) {
                    s.append(s.length() > 2 ? ", " : "").append(show(o));
                }
                return s.append(">>").toString();
            } else if (v instanceof Set<?> set) {
                List<Object> sorted = new ArrayList<>(set);
                sorted.sort(Run::compare);
                StringBuilder s = new StringBuilder("{");
                for (Object o : sorted) {
                    s.append(s.length() > 1 ? ", " : "").append(show(o));
                }
                return s.append("}").toString();
            }
            return String.valueOf(v);
        }
    }
}
