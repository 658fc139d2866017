------------------------------ MODULE TraceHBFT ------------------------------
(***************************************************************************)
(* Trace validation: is an implementation's trace a behaviour the         *)
(* protocol allows? The rules of HBFT.tla (P0-P8, the revised protocol,   *)
(* the output rule, the fence) restated over the implementation's         *)
(* vocabulary (traces/SCHEMA.md), one action per event kind, each taking  *)
(* exactly one line of the trace (Cirstea, Kuppe, Merz et al. 2024).      *)
(*                                                                         *)
(* HBFT.tla models the VM as a fixed program so that TLC can explore every *)
(* behaviour; a real VM reads the clock and starts I/O whenever its code   *)
(* does. Here the instruction stream is what the trace says it was, and    *)
(* every step is checked against the protocol's state: counters, roles,    *)
(* epochs, the fence, the interrupts of the current epoch, the operations  *)
(* outstanding. Facts the trace states once and reuses (which message k    *)
(* was, what the primary relayed for epoch E, its digest of epoch E) come  *)
(* from indexes the loader computes; each index entry is checked against   *)
(* the state when the line that produced it is consumed.                   *)
(*                                                                         *)
(* The state stays bounded (no histories), so validation is linear in the  *)
(* trace's length. The trace conforms iff some behaviour consumes every    *)
(* line: the action Finished is taken exactly then.                       *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets, TLC, TraceIO

CONSTANTS TraceFile, Mode

Trace == LoadTrace(TraceFile)
SendOf == LoadIndex(TraceFile, "send")         \* msg -> [t, e, v, i] of the k-th message sent
ValMsg == LoadIndex(TraceFile, "valmsg")       \* k -> msg of the k-th [E, Val] message
TmeMsg == LoadIndex(TraceFile, "tmemsg")       \* E -> msg of [Tme] of epoch E (0: none)
RelayedFor == LoadIndex(TraceFile, "relayed")  \* E -> {[i, msg]} the primary relayed in E
PDigest == LoadIndex(TraceFile, "pdigest")     \* E -> the primary's digest of epoch E ("" if none)
PIssue == LoadIndex(TraceFile, "pissue")       \* op -> what the primary issued as op ("" if never)

P == "primary"
B == "backup"
Other(r) == IF r = P THEN B ELSE P

VARIABLES
    l,         \* the next line of the trace
    role,      \* role[r]: "primary", "backup", "failover", "crashed", "halted", "finished"
    solo,      \* the primary runs without a backup
    ep,        \* ep[r]: the epoch r executes
    phase,     \* phase[r]: "run", or "tme" once a primary sent [Tme] for its epoch
    clock,     \* clock[r]: the latest clock value r's VM has seen (values are ranks)
    sent, rcvd, acked,
    bEnd,      \* the last E of an [end, E] the backup received
    valsUsed,  \* [E, Val] messages the backup's VM has consumed
    fepoch,    \* the backup's failover epoch (0: none)
    buf,       \* buf[r]: interrupts a primary took in its current epoch
    outst,     \* outst[r]: operations r's VM waits for (answered by a completion)
    issued,    \* issued[r]: operations handed to the disk by r, not yet performed
    held,      \* output rule: <<[op, need]>> held until acknowledged
    diskGen, gen,
    extSeen,   \* extSeen[r]: the last external interrupt that arrived at r
    extTaken,  \* extTaken[r]: the last external interrupt primary r took
    extRcvd,   \* the last external interrupt relayed to the backup
    lost,      \* messages that will never arrive: destroyed by a crash, or sent into a cut link
    cut        \* the link is cut for good

vars == <<l, role, solo, ep, phase, clock, sent, rcvd, acked, bEnd, valsUsed,
          fepoch, buf, outst, issued, held, diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

E == Trace[l]
IsPrimary(r) == role[r] = "primary"
Repl(r) == r = P /\ ~solo
Live(r) == role[r] \in {"primary", "backup", "failover"}
Max(a, b) == IF a >= b THEN a ELSE b
Done(op) == [k |-> "done", n |-> op]
Unc(op) == [k |-> "unc", n |-> op]
Answered(S) == {i.n : i \in {j \in S : j.k # "ext"}}
Received(E1) == {x.i : x \in {y \in RelayedFor[E1] : y.msg <= rcvd}}
HasTme(E1) == E1 <= Len(TmeMsg) /\ TmeMsg[E1] > 0 /\ TmeMsg[E1] <= rcvd
TmeOf(E1) == SendOf[TmeMsg[E1]].v
NextVal == valsUsed + 1
NextValFor(E1) == NextVal <= Len(ValMsg) /\ ValMsg[NextVal] <= rcvd /\ SendOf[ValMsg[NextVal]].e = E1
AllValsUsed(E1) == ~NextValFor(E1)
\* What the primary knew to be acknowledged, where a step reports it: never more than the
\* backup received, never less than before. A processor without a backup has no use for it.
AckedFrom(r) == IF Repl(r) THEN acked' = E.acked /\ acked' >= acked /\ acked' <= rcvd
                ELSE UNCHANGED acked
\* Sending: message msg is the next on the link, when r still replicates.
Sends(r) == IF Repl(r) THEN /\ E.msg = sent + 1 /\ sent' = sent + 1
                              \* into a cut link a message vanishes
                              /\ lost' = IF cut THEN lost + 1 ELSE lost
            ELSE E.msg = 0 /\ UNCHANGED <<sent, lost>>

Init ==
    /\ l = 1
    /\ role = [r \in {P, B} |-> r]
    /\ solo = FALSE
    /\ ep = [r \in {P, B} |-> 1]
    /\ phase = [r \in {P, B} |-> "run"]
    /\ clock = [r \in {P, B} |-> 0]
    /\ sent = 0 /\ rcvd = 0 /\ acked = 0
    /\ bEnd = 0 /\ valsUsed = 0 /\ fepoch = 0
    /\ buf = [r \in {P, B} |-> {}]
    /\ outst = [r \in {P, B} |-> {}]
    /\ issued = [r \in {P, B} |-> {}]
    /\ held = <<>>
    /\ diskGen = 1
    /\ gen = [r \in {P, B} |-> IF r = P THEN 1 ELSE 0]
    /\ extSeen = [r \in {P, B} |-> 0] /\ extTaken = [r \in {P, B} |-> 0]
    /\ extRcvd = 0 /\ lost = 0 /\ cut = FALSE

At(name) == l <= Len(Trace) /\ E.ev = name
Next1 == l' = l + 1

-----------------------------------------------------------------------------
(* The primary (p, or b once promoted). *)

PrimaryReadClock ==
    /\ At("PrimaryReadClock")
    /\ LET r == E.r IN
       /\ IsPrimary(r) /\ phase[r] = "run" /\ E.e = ep[r]
       /\ E.value >= clock[r]
       /\ clock' = [clock EXCEPT ![r] = E.value]
       /\ Sends(r)
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, rcvd, acked, bEnd, valsUsed, fepoch,
                   buf, outst, issued, held, diskGen, gen, extSeen, extTaken, extRcvd, cut>>

PrimaryIssueIO ==
    /\ At("PrimaryIssueIO")
    /\ LET r == E.r IN
       /\ IsPrimary(r) /\ E.e = ep[r] /\ E.gen = gen[r]
       /\ AckedFrom(r)
       /\ E.held = (Mode = "output-rule" /\ Repl(r))
       \* the revised protocol: nothing reaches the environment before every message is acknowledged
       /\ (Mode = "revised" /\ Repl(r)) => E.acked = sent
       /\ E.op \notin outst[r]
       /\ outst' = IF E.completes THEN [outst EXCEPT ![r] = @ \cup {E.op}] ELSE outst
       /\ IF E.held
          THEN /\ held' = Append(held, [op |-> E.op, need |-> sent])
               /\ UNCHANGED issued
          ELSE /\ issued' = [issued EXCEPT ![r] = @ \cup {E.op}]
               /\ UNCHANGED held
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, clock, sent, rcvd, bEnd, valsUsed, fepoch,
                   buf, diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

PrimaryRelease ==
    /\ At("PrimaryRelease")
    /\ held # <<>> /\ Head(held).op = E.op
    /\ IsPrimary(E.r) /\ E.gen = gen[E.r]
    /\ AckedFrom(E.r)
    /\ Head(held).need <= E.acked \/ solo
    /\ held' = Tail(held)
    /\ issued' = [issued EXCEPT ![E.r] = @ \cup {E.op}]
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, clock, sent, rcvd, bEnd, valsUsed, fepoch,
                   buf, outst, diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

PrimaryInterrupt ==
    /\ At("PrimaryInterrupt")
    /\ LET r == E.r
           i == E.interrupt IN
       /\ IsPrimary(r) /\ E.e = ep[r]
       /\ i \notin buf[r]
       /\ i.k = "done" => i.n \in outst[r] /\ i.n \notin issued[r]
       /\ i.k = "ext" => i.n > extTaken[r] /\ i.n <= extSeen[r]
       /\ i.k # "unc"
       /\ extTaken' = IF i.k = "ext" THEN [extTaken EXCEPT ![r] = i.n] ELSE extTaken
       /\ buf' = [buf EXCEPT ![r] = @ \cup {i}]
       /\ Sends(r)
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, clock, rcvd, acked, bEnd, valsUsed, fepoch,
                   outst, issued, held, diskGen, gen, extSeen, extRcvd, cut>>

PrimarySendTme ==
    /\ At("PrimarySendTme")
    /\ LET r == E.r IN
       /\ IsPrimary(r) /\ phase[r] = "run" /\ E.e = ep[r]
       /\ E.tme >= clock[r]
       /\ clock' = [clock EXCEPT ![r] = E.tme]
       /\ phase' = [phase EXCEPT ![r] = "tme"]
       /\ Sends(r)
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, rcvd, acked, bEnd, valsUsed, fepoch, buf, outst,
                   issued, held, diskGen, gen, extSeen, extTaken, extRcvd, cut>>

PrimaryEpochEnd ==
    /\ At("PrimaryEpochEnd")
    /\ LET r == E.r IN
       /\ IsPrimary(r) /\ phase[r] = "tme" /\ E.e = ep[r]
       /\ E.tme = clock[r]
       /\ E.delivered = buf[r]
       /\ IF Repl(r)
          THEN /\ acked' = E.acked /\ acked' >= acked /\ acked' <= rcvd
               \* P2 of the original protocol: every message acknowledged before delivery
               /\ Mode = "original" => E.acked = sent
          ELSE UNCHANGED acked
       /\ Sends(r)
       /\ buf' = [buf EXCEPT ![r] = {}]
       /\ outst' = [outst EXCEPT ![r] = @ \ Answered(E.delivered)]
       /\ ep' = [ep EXCEPT ![r] = @ + 1]
       /\ phase' = [phase EXCEPT ![r] = "run"]
    /\ Next1
    /\ UNCHANGED <<role, solo, clock, rcvd, bEnd, valsUsed, fepoch, issued, held,
                   diskGen, gen, extSeen, extTaken, extRcvd, cut>>

(* The link is gone; the primary must win the fence to go on alone. *)
PrimaryGoSolo ==
    /\ At("PrimaryGoSolo")
    /\ IsPrimary(P) /\ ~solo /\ E.r = P
    /\ E.won = (diskGen = gen[P])
    /\ IF E.won
       THEN /\ solo' = TRUE /\ diskGen' = diskGen + 1
            /\ gen' = [gen EXCEPT ![P] = diskGen + 1]
            /\ UNCHANGED <<role, held>>
       ELSE /\ role' = [role EXCEPT ![P] = "halted"] /\ held' = <<>>
            /\ UNCHANGED <<solo, diskGen, gen>>
    /\ Next1
    /\ UNCHANGED <<ep, phase, clock, sent, rcvd, acked, bEnd, valsUsed, fepoch, buf,
                   outst, issued, extSeen, extTaken, extRcvd, lost, cut>>

PrimaryFenced ==
    /\ At("PrimaryFenced")
    /\ IsPrimary(E.r) /\ gen[E.r] # diskGen
    /\ role' = [role EXCEPT ![E.r] = "halted"]
    /\ held' = IF E.r = P THEN <<>> ELSE held
    /\ Next1
    /\ UNCHANGED <<solo, ep, phase, clock, sent, rcvd, acked, bEnd, valsUsed, fepoch,
                   buf, outst, issued, diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

-----------------------------------------------------------------------------
(* The backup. *)

BackupMayRun == role[B] = "failover" \/ (role[B] = "backup" /\ bEnd >= ep[B])

(* P4: message msg arrives; it must be the next one, already sent, and be *)
(* the message the primary sent.                                          *)
BackupReceive ==
    /\ At("BackupReceive")
    /\ role[B] \in {"backup", "failover"}
    /\ E.msg = rcvd + 1 /\ E.msg <= sent - lost
    /\ LET m == SendOf[E.msg] IN
       /\ m.t = E.type /\ m.e = E.msgEpoch
       /\ E.type \in {"val", "tme"} => m.v = E.value
       /\ E.type = "int" => m.i = E.interrupt
       /\ bEnd' = IF E.type = "end" THEN E.msgEpoch ELSE bEnd
       /\ extRcvd' = IF E.type = "int" /\ m.i.k = "ext" THEN Max(extRcvd, m.i.n) ELSE extRcvd
    /\ rcvd' = E.msg
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, clock, sent, acked, valsUsed, fepoch, buf,
                   outst, issued, held, diskGen, gen, extSeen, extTaken, lost, cut>>

(* P6: the value the primary sent for this epoch, in order; in the       *)
(* failover epoch, once they are used up, the backup's own clock, never  *)
(* behind what its VM has seen.                                           *)
BackupReadClock ==
    /\ At("BackupReadClock")
    /\ BackupMayRun /\ E.e = ep[B]
    /\ IF E.source = "primary"
       THEN /\ NextValFor(ep[B])
            /\ E.value = SendOf[ValMsg[NextVal]].v
            /\ valsUsed' = NextVal
       ELSE /\ role[B] = "failover" /\ AllValsUsed(ep[B])
            /\ E.value >= clock[B]
            /\ UNCHANGED valsUsed
    /\ clock' = [clock EXCEPT ![B] = Max(@, E.value)]
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, sent, rcvd, acked, bEnd, fepoch, buf,
                   outst, issued, held, diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

BackupIssueIO ==
    /\ At("BackupIssueIO")
    /\ BackupMayRun /\ E.e = ep[B]
    \* the same VM issues the same command as the primary did
    /\ E.op <= Len(PIssue) /\ PIssue[E.op] # "" => PIssue[E.op] = E.data
    /\ outst' = IF E.completes THEN [outst EXCEPT ![B] = @ \cup {E.op}] ELSE outst
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, clock, sent, rcvd, acked, bEnd, valsUsed,
                   fepoch, buf, issued, held, diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

(* The end of the backup's epoch: what the primary relayed for it, with   *)
(* its Tme; every value it relayed used.                                  *)
DeliverBackup(E1, tme, S) ==
    /\ E.delivered = S
    /\ E.tme = tme
    /\ AllValsUsed(E1)
    /\ clock' = [clock EXCEPT ![B] = Max(@, tme)]
    /\ outst' = [outst EXCEPT ![B] = @ \ Answered(S)]
    /\ ep' = [ep EXCEPT ![B] = E1 + 1]

(* P5: [end, E + 1] is in. *)
BackupEpochEnd ==
    /\ At("BackupEpochEnd")
    /\ role[B] = "backup" /\ E.e = ep[B]
    /\ bEnd >= ep[B] + 1
    /\ HasTme(ep[B])
    /\ DeliverBackup(ep[B], TmeOf(ep[B]), Received(ep[B]))
    /\ Next1
    /\ UNCHANGED <<role, solo, phase, sent, rcvd, acked, bEnd, valsUsed, fepoch, buf,
                   issued, held, diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

(* P7: [end, E + 1] will never come: the primary is gone and everything   *)
(* it sent that will ever arrive has arrived.                             *)
PeerGone == ((role[P] \in {"crashed", "halted", "finished"} \/ cut) /\ rcvd + lost = sent) \/ solo

BackupFailover ==
    /\ At("BackupFailover")
    /\ role[B] = "backup" /\ E.e = ep[B] /\ PeerGone
    /\ bEnd < ep[B] + 1
    /\ role' = [role EXCEPT ![B] = "failover"]
    /\ IF E.failoverEpoch = 1 /\ ep[B] = 1 /\ bEnd = 0 /\ E.tme = -1
       THEN /\ fepoch' = 1
            /\ UNCHANGED <<ep, clock, outst>>
       ELSE /\ E.failoverEpoch = ep[B] + 1
            /\ fepoch' = ep[B] + 1
            /\ bEnd >= ep[B]
            /\ DeliverBackup(ep[B], IF HasTme(ep[B]) THEN TmeOf(ep[B]) ELSE E.tme,
                             Received(ep[B]))
            /\ ~HasTme(ep[B]) => E.tme >= clock[B]
    /\ Next1
    /\ UNCHANGED <<solo, phase, sent, rcvd, acked, bEnd, valsUsed, buf, issued, held,
                   diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

(* P7, P8 and the fence: the end of the failover epoch. *)
BackupFailoverEnd ==
    /\ At("BackupFailoverEnd")
    /\ role[B] = "failover" /\ E.e = ep[B] /\ ep[B] = fepoch
    /\ AllValsUsed(ep[B])
    /\ LET relayed == Received(ep[B])
           U == outst[B] \ Answered(relayed)
       IN /\ E.uncertain = U
          /\ E.delivered = relayed \cup {Unc(op) : op \in U}
    /\ E.tme >= clock[B]
    /\ clock' = [clock EXCEPT ![B] = E.tme]
    \* the backup takes over only if its test-and-set finds the generation the primary started with
    /\ E.promoted = (diskGen = 1)
    /\ IF E.promoted
       THEN /\ E.gen = diskGen + 1
            /\ diskGen' = diskGen + 1
            /\ gen' = [gen EXCEPT ![B] = diskGen + 1]
            /\ role' = [role EXCEPT ![B] = "primary"]
            /\ ep' = [ep EXCEPT ![B] = @ + 1]
            /\ outst' = [outst EXCEPT ![B] = {}]
            /\ extSeen' = [extSeen EXCEPT ![B] = extRcvd]
            /\ extTaken' = [extTaken EXCEPT ![B] = extRcvd]
       ELSE /\ role' = [role EXCEPT ![B] = "halted"]
            /\ UNCHANGED <<diskGen, gen, ep, outst, extSeen, extTaken>>
    /\ Next1
    \* solo is the first primary's: a promoted backup never replicates (Repl needs r = P)
    /\ UNCHANGED <<solo, phase, sent, rcvd, acked, bEnd, valsUsed, fepoch, buf, issued,
                   held, extRcvd, lost, cut>>

(* Lockstep: an epoch the backup completed as a backup ends in the state  *)
(* the primary's ended in. Digests are not protocol state: no change.     *)
EpochDigest ==
    /\ At("EpochDigest")
    /\ E.r = B /\ (fepoch = 0 \/ E.e < fepoch) /\ E.e <= Len(PDigest) /\ PDigest[E.e] # ""
          => E.digest = PDigest[E.e]
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, clock, sent, rcvd, acked, bEnd, valsUsed,
                   fepoch, buf, outst, issued, held, diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

-----------------------------------------------------------------------------
(* The environment. *)

(* The shared disk performs a command: only from the processor that holds *)
(* the current generation and acts as primary, and only one it was given. *)
DevicePerform ==
    /\ At("DevicePerform")
    /\ E.issuer = E.r /\ IsPrimary(E.r)
    /\ gen[E.r] = diskGen
    /\ E.op \in issued[E.r]
    /\ issued' = [issued EXCEPT ![E.r] = @ \ {E.op}]
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, clock, sent, rcvd, acked, bEnd, valsUsed,
                   fepoch, buf, outst, held, diskGen, gen, extSeen, extTaken, extRcvd, lost, cut>>

ExternalInterrupt ==
    /\ At("ExternalInterrupt")
    /\ IsPrimary(E.r) /\ E.id = extSeen[E.r] + 1
    /\ extSeen' = [extSeen EXCEPT ![E.r] = E.id]
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, clock, sent, rcvd, acked, bEnd, valsUsed,
                   fepoch, buf, outst, issued, held, diskGen, gen, extTaken, extRcvd, lost, cut>>

PrimaryCrash ==
    /\ At("PrimaryCrash")
    /\ IsPrimary(P) /\ E.r = P
    /\ E.lost <= sent - rcvd
    /\ role' = [role EXCEPT ![P] = "crashed"]
    /\ lost' = E.lost
    /\ held' = <<>>
    /\ Next1
    /\ UNCHANGED <<solo, ep, phase, clock, sent, rcvd, acked, bEnd, valsUsed, fepoch,
                   buf, outst, issued, diskGen, gen, extSeen, extTaken, extRcvd, cut>>

(* The link is cut for good while both run; the last lost messages in     *)
(* flight never arrive, and nothing sent later does.                       *)
Partition ==
    /\ At("Partition")
    /\ ~cut /\ role[P] = "primary" /\ ~solo
    /\ E.lost <= sent - rcvd
    /\ cut' = TRUE
    /\ lost' = E.lost
    /\ Next1
    /\ UNCHANGED <<role, solo, ep, phase, clock, sent, rcvd, acked, bEnd, valsUsed, fepoch,
                   buf, outst, issued, held, diskGen, gen, extSeen, extTaken, extRcvd>>

Step ==
    \/ PrimaryReadClock \/ PrimaryIssueIO \/ PrimaryRelease \/ PrimaryInterrupt
    \/ PrimarySendTme \/ PrimaryEpochEnd \/ PrimaryGoSolo \/ PrimaryFenced
    \/ BackupReceive \/ BackupReadClock \/ BackupIssueIO \/ BackupEpochEnd
    \/ BackupFailover \/ BackupFailoverEnd \/ EpochDigest
    \/ DevicePerform \/ ExternalInterrupt \/ PrimaryCrash \/ Partition

(* The verdict. TLC runs with deadlock checking off and stops when no new *)
(* state appears: after the last line (Finished stutters), or at the      *)
(* first line no action can take (Stuck prints the line and the state).   *)
Finished == l = Len(Trace) + 1 /\ PrintT(<<"CONFORMS", Len(Trace)>>) /\ UNCHANGED vars
Stuck == l <= Len(Trace) /\ ~ENABLED Step
         /\ PrintT(<<"STUCK", l, E.ev, [role |-> role, solo |-> solo, ep |-> ep, phase |-> phase,
                   clock |-> clock, sent |-> sent, rcvd |-> rcvd, acked |-> acked, bEnd |-> bEnd,
                   valsUsed |-> valsUsed, fepoch |-> fepoch, buf |-> buf, outst |-> outst,
                   issued |-> issued, held |-> held, diskGen |-> diskGen, gen |-> gen,
                   extSeen |-> extSeen, extTaken |-> extTaken, extRcvd |-> extRcvd, lost |-> lost, cut |-> cut]>>)
         /\ UNCHANGED vars

Next == Step \/ Finished \/ Stuck

Spec == Init /\ [][Next]_vars
=============================================================================
