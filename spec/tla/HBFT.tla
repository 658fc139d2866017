-------------------------------- MODULE HBFT --------------------------------
(***************************************************************************)
(* Hypervisor-based fault tolerance: the primary/backup protocol of       *)
(* Bressoud and Schneider (rules P0-P8), its revised form and the output  *)
(* rule, with a shared-disk fence for links that can partition.           *)
(*                                                                         *)
(* Two processors run the same virtual machine. The primary "p" runs it   *)
(* for real; the backup "b" re-executes it one epoch behind, fed by the   *)
(* primary over a FIFO link, and takes over when the primary crashes.     *)
(*                                                                         *)
(* The VM is an abstract deterministic machine: its state is the history  *)
(* of everything delivered to it (clock values read by environment        *)
(* instructions, interrupts delivered at epoch ends). Every epoch it runs *)
(* the instructions of Program: "clock" reads the time-of-day clock,      *)
(* "io" lets the guest's disk driver hand its next command to the disk.   *)
(* A command's content is the VM state at the time it was first issued,   *)
(* so any divergence between the replicas that reaches the disk shows.    *)
(*                                                                         *)
(* Everything is bounded (epochs, clock values, operations, external      *)
(* interrupts), so TLC explores it exhaustively; see spec/README.md.      *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets, TLC

CONSTANTS
    MaxEpoch,           \* the primary runs epochs 1..MaxEpoch
    MaxTime,            \* clocks take the values 0..MaxTime
    NumOps,             \* disk operations the guest performs, one at a time
    NumExt,             \* external interrupts (network packets); each arrives once
    Program,            \* the instructions of every epoch: a sequence over {"clock","io"}
    OutputMode,         \* "original", "revised" or "output-rule"
    CrashLosesMessages, \* a crash may lose the messages not yet received
    Partitions,         \* the link may be cut while both processors run
    ClockFix,           \* the backup's clock never falls behind a value its VM read
    Bug                 \* "none", or the known-bad variant to model (see Bugs)

Modes == {"original", "revised", "output-rule"}

(* The known-bad variants. Each must be caught by TLC; the models and the *)
(* property each one violates are listed in spec/README.md.               *)
Bugs == {"none",
         "deliver-before-relay",  \* P1 broken: relays an interrupt only after delivering it
         "backup-early-start",    \* P5 broken: starts epoch E before [end, E] arrived
         "no-suppress",           \* the backup's I/O reaches the disk
         "no-uncertain",          \* P8 omitted
         "io-before-acks",        \* revised mode: I/O without holding all acknowledgements
         "backup-own-clock",      \* the backup never adopts Tme_p: its own clock at failover
         "no-fence"}              \* promotion without the shared-disk fence

ASSUME
    /\ MaxEpoch \in Nat \ {0}
    /\ MaxTime \in Nat
    /\ NumOps \in Nat
    /\ NumExt \in Nat
    /\ Program \in Seq({"clock", "io"}) /\ Len(Program) > 0
    /\ OutputMode \in Modes
    /\ CrashLosesMessages \in BOOLEAN
    /\ Partitions \in BOOLEAN
    /\ ClockFix \in BOOLEAN
    /\ Bug \in Bugs

P == "p"
B == "b"
Replicas == {P, B}

EL == Len(Program)            \* epoch length, in instructions
Epochs == 1..MaxEpoch
Times == 0..MaxTime
Ops == 1..NumOps

(* The fence is our addition: it is only needed when the link can        *)
(* partition, so models without partitions run the paper's protocol.     *)
Fence == Partitions /\ Bug # "no-fence"

Max(a, b) == IF a >= b THEN a ELSE b
Min(S) == CHOOSE x \in S : \A y \in S : x <= y
Range(s) == {s[i] : i \in DOMAIN s}
IsPrefix(s, t) == Len(s) <= Len(t) /\ SubSeq(t, 1, Len(s)) = s
Prefixes(s) == {SubSeq(s, 1, k) : k \in 0..Len(s)}

-----------------------------------------------------------------------------
(* Values. Records of one kind always have the same fields, so TLC can    *)
(* compare any two of them.                                               *)

(* Interrupts: completion of disk operation n, the uncertain interrupt of *)
(* P8 for operation n, external interrupt n. Timer interrupts are implied *)
(* by the Tme value recorded with each epoch end.                         *)
Ints == [k : {"done", "unc", "ext"}, n : 1..Max(NumOps, NumExt)]
Done(n) == [k |-> "done", n |-> n]
Unc(n) == [k |-> "unc", n |-> n]
Ext(n) == [k |-> "ext", n |-> n]
NoInt == [k |-> "done", n |-> 0]      \* filler for messages without an interrupt

(* Entries of a VM history: a clock value read in epoch e, or the end of  *)
(* epoch e with the interrupts delivered and the Tme that drives the      *)
(* timer.                                                                 *)
Entries == [k : {"clk", "end"}, e : 1..MaxEpoch + 1, v : Times, ints : SUBSET Ints]
ClkEntry(e, v) == [k |-> "clk", e |-> e, v |-> v, ints |-> {}]
EndEntry(e, t, S) == [k |-> "end", e |-> e, v |-> t, ints |-> S]

(* Messages on the link, primary to backup: [E, Val] (P0), [E, Int] (P1), *)
(* [Tme] and [end, E] (P2). Acknowledgements travel the other way; the    *)
(* model folds them into the acked counter.                               *)
Msgs == [t : {"val", "int", "tme", "end"}, e : 1..MaxEpoch + 1, v : Times, i : Ints \cup {NoInt}]
Msg(t, e, v, i) == [t |-> t, e |-> e, v |-> v, i |-> i]

(* A disk command: operation n with content d, who issued it, in which    *)
(* role, and the fence generation it carries.                             *)
Data == Seq(Entries)
Cmds == [n : Ops, d : Data, src : Replicas, role : {"primary", "backup"}, gen : 0..2]

(* The guest's disk driver: the operation it works on and its content.    *)
(* "busy" waits for an answer, "retry" must re-issue after an uncertain   *)
(* interrupt, "idle" has finished operation n.                            *)
Drivers == [n : 0..NumOps, st : {"idle", "busy", "retry"}, d : Data]

Roles == {"primary", "backup", "failover", "crashed", "halted"}

-----------------------------------------------------------------------------
VARIABLES
    role,     \* role[r]; "failover" is the backup running its failover epoch
    solo,     \* the primary has given up its backup (link cut) and runs alone
    ep,       \* ep[r]: the epoch r executes (e_p, e_b); MaxEpoch + 1 when finished
    pc,       \* pc[r]: instructions of Program executed in this epoch;
              \* EL + 1 once a primary has sent [Tme] for the epoch
    hist,     \* hist[r]: the VM state, i.e. the inputs delivered to it
    drv,      \* drv[r]: the guest's driver (a function of hist, kept explicit)
    tme,      \* tme[r]: the clock r's hypervisor reads (Tme_p, Tme_b)
    pend,     \* pend[r]: interrupts r's devices raised, not yet taken
    ibuf,     \* ibuf[r]: interrupts a primary buffered in this epoch (P1)
    late,     \* interrupts delivered but not yet relayed (bug deliver-before-relay)
    chan,     \* the link: messages sent and not yet received, in order
    sent,     \* messages the primary has sent
    rcvd,     \* messages the backup has received
    acked,    \* messages the primary knows to be received
    bVals,    \* backup: values from P0 not yet used by P6, as <<[e, v]>>
    bInts,    \* backup: interrupts relayed and not yet delivered, as [e, i]
    bTme,     \* backup: Tme_p values received and not yet used, as [e, v]
    bEnd,     \* backup: the last e for which [end, e] arrived
    link,     \* "up" or "cut"
    held,     \* output rule: commands held until acknowledged, <<[c, need]>>
    devq,     \* commands the shared disk has received and not yet handled
    dlog,     \* every command the disk performed, in order
    diskGen,  \* the generation stored on the shared disk
    gen,      \* gen[r]: the generation r holds
    extLeft,  \* external interrupts that have not arrived yet
    fepoch,   \* the backup's failover epoch (0 while there is none)
    unc,      \* unc[n]: uncertain interrupts raised for operation n (history)
    ioView    \* the environment's view of the current operation (history,
              \* for the refinement mapping)

vars == <<role, solo, ep, pc, hist, drv, tme, pend, ibuf, late, chan, sent,
          rcvd, acked, bVals, bInts, bTme, bEnd, link, held, devq, dlog,
          diskGen, gen, extLeft, fepoch, unc, ioView>>

-----------------------------------------------------------------------------
(* Helpers *)

Live(r) == role[r] \in {"primary", "backup", "failover"}
IsBackup(r) == role[r] \in {"backup", "failover"}

(* The primary replicates while it has not gone solo. *)
Repl(r) == r = P /\ ~solo

(* With the fence, the disk accepts commands only from the holder of the   *)
(* current generation.                                                    *)
Accepted(r) == ~Fence \/ gen[r] = diskGen

(* Sending: a cut link silently drops what is sent. *)
Send(ms) ==
    /\ chan' = IF link = "up" THEN chan \o ms ELSE chan
    /\ sent' = sent + Len(ms)
SendIf(cond, ms) == IF cond THEN Send(ms) ELSE UNCHANGED <<chan, sent>>

(* The failure detectors. The backup's fires only once every message that *)
(* will ever arrive has arrived (what a timeout gives). The primary's     *)
(* fires when the link is cut: it cannot tell that from a dead backup.    *)
BackupFD == (role[P] = "crashed" \/ link = "cut") /\ chan = <<>>
PrimaryFD == link = "cut"

(* The driver has a command to issue: a new operation, or a retry. *)
Wants(r) == \/ drv[r].st = "retry"
            \/ drv[r].st = "idle" /\ drv[r].n < NumOps

(* The next instruction that does something. An "io" instruction while   *)
(* the driver has nothing to issue is an ordinary instruction and is     *)
(* skipped (Wants cannot change inside an epoch, except by issuing).     *)
NextSlot(r) ==
    LET ks == {k \in pc[r] + 1 .. EL : Program[k] = "clock" \/ Wants(r)}
    IN IF ks = {} THEN EL + 1 ELSE Min(ks)

NextIs(r, kind) == NextSlot(r) <= EL /\ Program[NextSlot(r)] = kind
EpochDone(r) == pc[r] <= EL /\ NextSlot(r) = EL + 1

(* What the driver issues, and its state afterwards. A retry repeats the *)
(* command exactly; a new command carries the current VM state.          *)
Issue(r) == IF drv[r].st = "retry" THEN [n |-> drv[r].n, d |-> drv[r].d]
            ELSE [n |-> drv[r].n + 1, d |-> hist[r]]
Issued(r) == [n |-> Issue(r).n, st |-> "busy", d |-> Issue(r).d]

(* Delivering the interrupts S at an epoch end updates the driver. *)
Deliver(dv, S) ==
    IF dv.st = "busy" /\ Done(dv.n) \in S THEN [dv EXCEPT !.st = "idle"]
    ELSE IF dv.st = "busy" /\ Unc(dv.n) \in S THEN [dv EXCEPT !.st = "retry"]
    ELSE dv

MkCmd(r, c, asRole) == [n |-> c.n, d |-> c.d, src |-> r, role |-> asRole, gen |-> gen[r]]

(* Handing a command to the disk, and the environment's view of it. *)
NewView(c) == IF c.n = ioView.n THEN [ioView EXCEPT !.issues = @ + 1]
              ELSE [n |-> c.n, d |-> c.d, issues |-> 1, uncs |-> 0]
ToDisk(c) == /\ devq' = Append(devq, c)
             /\ ioView' = NewView(c)

-----------------------------------------------------------------------------
Init ==
    /\ role = [r \in Replicas |-> IF r = P THEN "primary" ELSE "backup"]
    /\ solo = FALSE
    /\ ep = [r \in Replicas |-> 1]
    /\ pc = [r \in Replicas |-> 0]
    /\ hist = [r \in Replicas |-> <<>>]
    /\ drv = [r \in Replicas |-> [n |-> 0, st |-> "idle", d |-> <<>>]]
    /\ tme = [r \in Replicas |-> 0]
    /\ pend = [r \in Replicas |-> {}]
    /\ ibuf = [r \in Replicas |-> {}]
    /\ late = {}
    /\ chan = <<>>
    /\ sent = 0
    /\ rcvd = 0
    /\ acked = 0
    /\ bVals = <<>>
    /\ bInts = {}
    /\ bTme = {}
    /\ bEnd = 0
    /\ link = "up"
    /\ held = <<>>
    /\ devq = <<>>
    /\ dlog = <<>>
    /\ diskGen = 1
    /\ gen = [r \in Replicas |-> IF r = P THEN 1 ELSE 0]
    /\ extLeft = 1..NumExt
    /\ fepoch = 0
    /\ unc = [n \in Ops |-> 0]
    /\ ioView = [n |-> 0, d |-> <<>>, issues |-> 0, uncs |-> 0]

-----------------------------------------------------------------------------
(* The primary (p, or b once promoted). *)

(* P0: an environment instruction (a clock read) in epoch E. The clock   *)
(* may have advanced since it was last read. The value goes to the       *)
(* backup as [E, Val].                                                   *)
PrimaryReadClock(r) ==
    /\ role[r] = "primary" /\ ep[r] <= MaxEpoch
    /\ NextIs(r, "clock")
    /\ \E v \in tme[r]..MaxTime :
         /\ tme' = [tme EXCEPT ![r] = v]
         /\ hist' = [hist EXCEPT ![r] = Append(@, ClkEntry(ep[r], v))]
         /\ SendIf(Repl(r), <<Msg("val", ep[r], v, NoInt)>>)
    /\ pc' = [pc EXCEPT ![r] = NextSlot(r)]
    /\ UNCHANGED <<role, solo, ep, drv, pend, ibuf, late, rcvd, acked, bVals,
                   bInts, bTme, bEnd, link, held, devq, dlog, diskGen, gen,
                   extLeft, fepoch, unc, ioView>>

(* The guest issues a disk command. original: it goes to the disk at     *)
(* once. revised: the primary first holds acknowledgements for every     *)
(* message it sent. output-rule: the VM runs on; the command is held     *)
(* until those messages are acknowledged (PrimaryRelease).               *)
MayIssue(r) ==
    /\ role[r] = "primary" /\ ep[r] <= MaxEpoch
    /\ NextIs(r, "io")
    /\ (OutputMode = "revised" /\ Repl(r) /\ Bug # "io-before-acks") => acked = sent
Holds(r) == OutputMode = "output-rule" /\ Repl(r)

PrimaryIssueIO(r) ==
    /\ MayIssue(r)
    /\ Holds(r) \/ Accepted(r)
    /\ LET c == MkCmd(r, Issue(r), "primary") IN
         IF Holds(r)
         THEN /\ held' = Append(held, [c |-> c, need |-> sent])
              /\ UNCHANGED <<devq, ioView>>
         ELSE /\ ToDisk(c)
              /\ UNCHANGED held
    /\ drv' = [drv EXCEPT ![r] = Issued(r)]
    /\ pc' = [pc EXCEPT ![r] = NextSlot(r)]
    /\ UNCHANGED <<role, solo, ep, hist, tme, pend, ibuf, late, chan, sent,
                   rcvd, acked, bVals, bInts, bTme, bEnd, link, dlog, diskGen,
                   gen, extLeft, fepoch, unc>>

(* Output rule: a held command goes out once every message sent before it *)
(* was issued is acknowledged (or once the primary runs alone).           *)
PrimaryRelease ==
    /\ held # <<>>
    /\ role[P] = "primary" /\ Accepted(P)
    /\ Head(held).need <= acked \/ solo
    /\ ToDisk([Head(held).c EXCEPT !.gen = gen[P]])
    /\ held' = Tail(held)
    /\ UNCHANGED <<role, solo, ep, pc, hist, drv, tme, pend, ibuf, late, chan,
                   sent, rcvd, acked, bVals, bInts, bTme, bEnd, link, dlog,
                   diskGen, gen, extLeft, fepoch, unc>>

(* The fence: the shared disk refuses a command that carries a superseded *)
(* generation. The primary learns that it was deposed and halts.          *)
PrimaryFenced(r) ==
    /\ role[r] = "primary" /\ ~Accepted(r)
    /\ \/ MayIssue(r) /\ ~Holds(r)
       \/ r = P /\ held # <<>> /\ (Head(held).need <= acked \/ solo)
    /\ role' = [role EXCEPT ![r] = "halted"]
    /\ held' = IF r = P THEN <<>> ELSE held
    /\ pend' = [pend EXCEPT ![r] = {}]
    /\ UNCHANGED <<solo, ep, pc, hist, drv, tme, ibuf, late, chan, sent, rcvd,
                   acked, bVals, bInts, bTme, bEnd, link, devq, dlog, diskGen,
                   gen, extLeft, fepoch, unc, ioView>>

(* P1: an interrupt reaches the primary's hypervisor in epoch E: relay   *)
(* [E, Int] to the backup, buffer Int for the end of E. An interrupt     *)
(* taken after [Tme] was sent still belongs to E and is covered by the   *)
(* acknowledgement wait of P2.                                           *)
PrimaryInterrupt(r) ==
    /\ role[r] = "primary"
    /\ \E i \in pend[r] :
         /\ pend' = [pend EXCEPT ![r] = @ \ {i}]
         /\ ibuf' = [ibuf EXCEPT ![r] = @ \cup {i}]
         /\ SendIf(Repl(r) /\ Bug # "deliver-before-relay", <<Msg("int", ep[r], 0, i)>>)
    /\ UNCHANGED <<role, solo, ep, pc, hist, drv, tme, late, rcvd, acked, bVals,
                   bInts, bTme, bEnd, link, held, devq, dlog, diskGen, gen,
                   extLeft, fepoch, unc, ioView>>

(* P2, first part: the recovery counter ends epoch E; send [Tme_p]. (The  *)
(* model lets a clock advance only when the VM reads it, so Tme_p is the  *)
(* clock as last read: that is all the timer needs, and it saves states.) *)
PrimarySendTme(r) ==
    /\ role[r] = "primary" /\ ep[r] <= MaxEpoch
    /\ EpochDone(r)
    /\ SendIf(Repl(r), <<Msg("tme", ep[r], tme[r], NoInt)>>)
    /\ pc' = [pc EXCEPT ![r] = EL + 1]
    /\ UNCHANGED <<role, solo, ep, hist, drv, tme, pend, ibuf, late, rcvd, acked,
                   bVals, bInts, bTme, bEnd, link, held, devq, dlog, diskGen,
                   gen, extLeft, fepoch, unc, ioView>>

(* P2, rest: (original only) wait for the acknowledgement of every       *)
(* message sent; add the timer interrupts implied by Tme_p; deliver the  *)
(* interrupts buffered in E; send [end, E]; start E + 1.                 *)
PrimaryEpochEnd(r) ==
    /\ role[r] = "primary" /\ pc[r] = EL + 1
    /\ (OutputMode = "original" /\ Repl(r)) => acked = sent
    /\ LET E == ep[r]
           S == ibuf[r]
       IN /\ hist' = [hist EXCEPT ![r] = Append(@, EndEntry(E, tme[r], S))]
          /\ drv' = [drv EXCEPT ![r] = Deliver(@, S)]
          /\ ibuf' = [ibuf EXCEPT ![r] = {}]
          /\ SendIf(Repl(r), <<Msg("end", E, 0, NoInt)>>)
          \* the buggy primary relays what it delivered only now, after [end, E]
          /\ late' = IF Bug = "deliver-before-relay" /\ Repl(r)
                     THEN late \cup {[e |-> E, i |-> i] : i \in S}
                     ELSE late
          /\ ep' = [ep EXCEPT ![r] = E + 1]
          /\ pc' = [pc EXCEPT ![r] = 0]
    /\ UNCHANGED <<role, solo, tme, pend, rcvd, acked, bVals, bInts, bTme, bEnd,
                   link, held, devq, dlog, diskGen, gen, extLeft, fepoch, unc,
                   ioView>>

(* Bug deliver-before-relay: the relay that P1 should have sent. *)
PrimaryLateRelay ==
    /\ late # {}
    /\ role[P] = "primary" /\ Repl(P)
    /\ \E x \in late :
         /\ Send(<<Msg("int", x.e, 0, x.i)>>)
         /\ late' = late \ {x}
    /\ UNCHANGED <<role, solo, ep, pc, hist, drv, tme, pend, ibuf, rcvd, acked,
                   bVals, bInts, bTme, bEnd, link, held, devq, dlog, diskGen,
                   gen, extLeft, fepoch, unc, ioView>>

(* The link is cut and the primary's detector fires: it goes on alone,   *)
(* as VMware FT does. With the fence it must first win the test-and-set  *)
(* on the shared disk; if the backup won, the primary halts.             *)
PrimaryGoSolo ==
    /\ Partitions
    /\ role[P] = "primary" /\ ~solo
    /\ PrimaryFD
    /\ IF ~Fence
       THEN /\ solo' = TRUE
            /\ UNCHANGED <<role, diskGen, gen, held, pend>>
       ELSE IF diskGen = 1
       THEN /\ solo' = TRUE
            /\ diskGen' = 2
            /\ gen' = [gen EXCEPT ![P] = 2]
            /\ UNCHANGED <<role, held, pend>>
       ELSE /\ role' = [role EXCEPT ![P] = "halted"]
            /\ held' = <<>>
            /\ pend' = [pend EXCEPT ![P] = {}]
            /\ UNCHANGED <<solo, diskGen, gen>>
    /\ UNCHANGED <<ep, pc, hist, drv, tme, ibuf, late, chan, sent, rcvd, acked,
                   bVals, bInts, bTme, bEnd, link, devq, dlog, extLeft, fepoch,
                   unc, ioView>>

-----------------------------------------------------------------------------
(* The backup. *)

(* P4 (and its analogues for the other messages): take the next message  *)
(* off the link and acknowledge it. Acks cross the link instantly while  *)
(* it is up; a cut link stops them.                                      *)
BackupReceive ==
    /\ chan # <<>>
    /\ IsBackup(B)
    /\ LET m == Head(chan) IN
         /\ chan' = Tail(chan)
         /\ rcvd' = rcvd + 1
         /\ acked' = IF link = "up" THEN rcvd + 1 ELSE acked
         /\ bVals' = IF m.t = "val" THEN Append(bVals, [e |-> m.e, v |-> m.v]) ELSE bVals
         /\ bInts' = IF m.t = "int" THEN bInts \cup {[e |-> m.e, i |-> m.i]} ELSE bInts
         /\ bTme' = IF m.t = "tme" THEN bTme \cup {[e |-> m.e, v |-> m.v]} ELSE bTme
         /\ bEnd' = IF m.t = "end" THEN m.e ELSE bEnd
    /\ UNCHANGED <<role, solo, ep, pc, hist, drv, tme, pend, ibuf, late, sent,
                   link, held, devq, dlog, diskGen, gen, extLeft, fepoch, unc,
                   ioView>>

(* The lag of one epoch: the backup runs epoch E only once the primary   *)
(* has completed E, so it holds every message of E. At the end of E it   *)
(* waits for [end, E + 1] (P5). The primary stops after MaxEpoch, so the *)
(* backup finishes MaxEpoch on [end, MaxEpoch]: a cut-off of the model,  *)
(* not of the protocol. The bug starts E + 1 as soon as [end, E] is in.  *)
NeedEnd(E) == IF Bug = "backup-early-start" THEN E
              ELSE IF E < MaxEpoch THEN E + 1 ELSE MaxEpoch

BackupMayRun ==
    /\ ep[B] <= MaxEpoch
    /\ \/ role[B] = "failover"
       \/ role[B] = "backup" /\ bEnd >= ep[B] - (IF Bug = "backup-early-start" THEN 1 ELSE 0)

(* What the backup holds for epoch E. Once E is delivered it is dropped, *)
(* so the backup's buffers only ever span the epochs it lags behind.     *)
IntsFor(E) == {x.i : x \in {y \in bInts : y.e = E}}
HasTme(E) == \E x \in bTme : x.e = E
TmeOf(E) == (CHOOSE x \in bTme : x.e = E).v
DropEpoch(E) == /\ bInts' = {x \in bInts : x.e # E}
                /\ bTme' = {x \in bTme : x.e # E}

(* P6: an environment instruction on the backup returns the value the   *)
(* primary sent under P0. The backup never waits for it: outside the     *)
(* failover epoch it is always there; in the failover epoch, a value that *)
(* did not come was never produced, and the backup reads its own clock.  *)
(* ClockFix: the backup's clock is moved up to every value its VM reads. *)
BackupReadClock ==
    /\ BackupMayRun
    /\ NextIs(B, "clock")
    /\ IF bVals # <<>> /\ Head(bVals).e = ep[B]
       THEN LET v == Head(bVals).v IN
            /\ bVals' = Tail(bVals)
            /\ hist' = [hist EXCEPT ![B] = Append(@, ClkEntry(ep[B], v))]
            /\ tme' = IF ClockFix /\ Bug # "backup-own-clock"
                      THEN [tme EXCEPT ![B] = Max(@, v)] ELSE tme
       ELSE \E v \in tme[B]..MaxTime :
            /\ hist' = [hist EXCEPT ![B] = Append(@, ClkEntry(ep[B], v))]
            /\ tme' = [tme EXCEPT ![B] = v]
            /\ UNCHANGED bVals
    /\ pc' = [pc EXCEPT ![B] = NextSlot(B)]
    /\ UNCHANGED <<role, solo, ep, drv, pend, ibuf, late, chan, sent, rcvd,
                   acked, bInts, bTme, bEnd, link, held, devq, dlog, diskGen,
                   gen, extLeft, fepoch, unc, ioView>>

(* The backup VM issues a disk command: the hypervisor suppresses it     *)
(* (also in the failover epoch). The driver still waits for its answer.  *)
BackupIssueIO ==
    /\ BackupMayRun
    /\ NextIs(B, "io")
    /\ IF Bug = "no-suppress"
       THEN ToDisk(MkCmd(B, Issue(B), "backup"))
       ELSE UNCHANGED <<devq, ioView>>
    /\ drv' = [drv EXCEPT ![B] = Issued(B)]
    /\ pc' = [pc EXCEPT ![B] = NextSlot(B)]
    /\ UNCHANGED <<role, solo, ep, hist, tme, pend, ibuf, late, chan, sent, rcvd,
                   acked, bVals, bInts, bTme, bEnd, link, held, dlog, diskGen,
                   gen, extLeft, fepoch, unc>>

(* The backup's clock on taking Tme_p at an epoch end (P5): Tme_b :=     *)
(* Tme_p; with ClockFix it never moves back; the bug ignores Tme_p.       *)
AdoptTme(t) == IF Bug = "backup-own-clock" THEN tme[B]
               ELSE IF ClockFix THEN Max(tme[B], t) ELSE t

(* Delivering the end of the backup's epoch E with timer value t. *)
BackupDeliver(t) ==
    LET E == ep[B] IN
    /\ hist' = [hist EXCEPT ![B] = Append(@, EndEntry(E, t, IntsFor(E)))]
    /\ drv' = [drv EXCEPT ![B] = Deliver(@, IntsFor(E))]
    /\ DropEpoch(E)
    /\ ep' = [ep EXCEPT ![B] = E + 1]
    /\ pc' = [pc EXCEPT ![B] = 0]

(* P5: at the end of its epoch E the backup has [Tme_p] (Tme_b := Tme_p) *)
(* and waits for [end, E + 1]; then it adds the timer interrupts implied *)
(* by Tme_b, delivers what was relayed for E and starts E + 1.           *)
BackupEpochEnd ==
    /\ role[B] = "backup" /\ ep[B] <= MaxEpoch
    /\ EpochDone(B)
    /\ bEnd >= NeedEnd(ep[B])
    /\ BackupDeliver(TmeOf(ep[B]))
    /\ tme' = [tme EXCEPT ![B] = AdoptTme(TmeOf(ep[B]))]
    /\ UNCHANGED <<role, solo, pend, ibuf, late, chan, sent, rcvd, acked, bVals,
                   bEnd, link, held, devq, dlog, diskGen, gen, extLeft, fepoch,
                   unc, ioView>>

(* P7, first part: at the end of its epoch E the backup lacks [end, E+1] *)
(* and the failure detector says it will never come. It delivers E as in *)
(* P5 and runs E + 1 as the failover epoch, on its own, still suppressing *)
(* I/O. (If the primary dies in epoch 1 there is no E: the backup starts *)
(* with epoch 1 as its failover epoch.) A correct backup always has      *)
(* Tme_p of E here; the early-start bug may not, and uses its own clock. *)
BackupFailover ==
    /\ role[B] = "backup" /\ ep[B] <= MaxEpoch
    /\ BackupFD
    /\ \/ /\ EpochDone(B)
          /\ bEnd < NeedEnd(ep[B])
          /\ fepoch' = ep[B] + 1
          /\ IF HasTme(ep[B])
             THEN /\ BackupDeliver(TmeOf(ep[B]))
                  /\ tme' = [tme EXCEPT ![B] = AdoptTme(TmeOf(ep[B]))]
             ELSE /\ BackupDeliver(tme[B])
                  /\ UNCHANGED tme
       \/ /\ ep[B] = 1 /\ pc[B] = 0 /\ bEnd = 0
          /\ fepoch' = 1
          /\ UNCHANGED <<hist, drv, ep, pc, tme, bInts, bTme>>
    /\ role' = [role EXCEPT ![B] = "failover"]
    /\ UNCHANGED <<solo, pend, ibuf, late, chan, sent, rcvd, acked, bVals,
                   bEnd, link, held, devq, dlog, diskGen, gen, extLeft, unc,
                   ioView>>

(* P7 and P8: the end of the failover epoch. Timer interrupts come from  *)
(* the backup's own clock; the relayed interrupts are delivered, and an  *)
(* uncertain interrupt for every operation still outstanding. Then the   *)
(* backup is promoted - with the fence, only if it wins the test-and-set *)
(* on the shared disk; if the primary won it, the backup halts.          *)
BackupFailoverEnd ==
    /\ role[B] = "failover"
    /\ EpochDone(B)
    /\ IF ~Fence \/ diskGen = 1
       THEN LET E == ep[B]
                n == drv[B].n
                outstanding == drv[B].st = "busy" /\ Done(n) \notin IntsFor(E)
                U == IF outstanding /\ Bug # "no-uncertain" THEN {Unc(n)} ELSE {}
                S == IntsFor(E) \cup U
            IN /\ hist' = [hist EXCEPT ![B] = Append(@, EndEntry(E, tme[B], S))]
               /\ drv' = [drv EXCEPT ![B] = Deliver(@, S)]
               /\ unc' = IF U # {} THEN [unc EXCEPT ![n] = @ + 1] ELSE unc
               /\ ioView' = IF U # {} /\ ioView.n = n
                            THEN [ioView EXCEPT !.uncs = @ + 1] ELSE ioView
               /\ ep' = [ep EXCEPT ![B] = E + 1]
               /\ pc' = [pc EXCEPT ![B] = 0]
               /\ DropEpoch(E)
               /\ role' = [role EXCEPT ![B] = "primary"]
               /\ diskGen' = IF Fence THEN 2 ELSE diskGen
               /\ gen' = IF Fence THEN [gen EXCEPT ![B] = 2] ELSE gen
       ELSE /\ role' = [role EXCEPT ![B] = "halted"]
            /\ UNCHANGED <<hist, drv, unc, ioView, ep, pc, diskGen, gen, bInts, bTme>>
    /\ UNCHANGED <<solo, tme, pend, ibuf, late, chan, sent, rcvd, acked, bVals,
                   bEnd, link, held, devq, dlog, extLeft, fepoch>>

-----------------------------------------------------------------------------
(* The environment: the shared disk, external interrupts, faults. *)

(* The disk performs the oldest command and raises its completion at the *)
(* issuer - which takes it only if it is a live primary (P3: a backup    *)
(* ignores its devices; a crashed processor takes nothing).              *)
DevicePerform ==
    /\ devq # <<>>
    /\ LET c == Head(devq) IN
         /\ devq' = Tail(devq)
         /\ dlog' = Append(dlog, c)
         /\ pend' = IF role[c.src] = "primary"
                    THEN [pend EXCEPT ![c.src] = @ \cup {Done(c.n)}]
                    ELSE pend
    /\ UNCHANGED <<role, solo, ep, pc, hist, drv, tme, ibuf, late, chan, sent,
                   rcvd, acked, bVals, bInts, bTme, bEnd, link, held, diskGen,
                   gen, extLeft, fepoch, unc, ioView>>

(* A packet arrives at the network card of a running primary. *)
ExternalInterrupt(x) ==
    /\ x \in extLeft
    /\ \E r \in Replicas :
         /\ role[r] = "primary" /\ ep[r] <= MaxEpoch
         /\ pend' = [pend EXCEPT ![r] = @ \cup {Ext(x)}]
    /\ extLeft' = extLeft \ {x}
    /\ UNCHANGED <<role, solo, ep, pc, hist, drv, tme, ibuf, late, chan, sent,
                   rcvd, acked, bVals, bInts, bTme, bEnd, link, held, devq,
                   dlog, diskGen, gen, fepoch, unc, ioView>>

(* One fault per run: the primary crashes (fail-stop) or the link is cut. *)
NoFaultYet == role[P] = "primary" /\ link = "up" /\ ep[P] <= MaxEpoch

(* The primary crashes at any point of its run. Whatever it had not yet *)
(* put on the wire may be lost with it; what was received is safe.       *)
PrimaryCrash ==
    /\ NoFaultYet
    /\ role' = [role EXCEPT ![P] = "crashed"]
    /\ IF CrashLosesMessages THEN chan' \in Prefixes(chan) ELSE UNCHANGED chan
    /\ held' = <<>>
    /\ pend' = [pend EXCEPT ![P] = {}]
    /\ late' = {}
    /\ UNCHANGED <<solo, ep, pc, hist, drv, tme, ibuf, sent, rcvd, acked, bVals,
                   bInts, bTme, bEnd, link, devq, dlog, diskGen, gen, extLeft,
                   fepoch, unc, ioView>>

(* The link is cut for good; messages on it may be lost. *)
Partition ==
    /\ Partitions
    /\ NoFaultYet
    /\ link' = "cut"
    /\ chan' \in Prefixes(chan)
    /\ UNCHANGED <<role, solo, ep, pc, hist, drv, tme, pend, ibuf, late, sent,
                   rcvd, acked, bVals, bInts, bTme, bEnd, held, devq, dlog,
                   diskGen, gen, extLeft, fepoch, unc, ioView>>

-----------------------------------------------------------------------------
(* The run is over: every live processor finished its epochs, nothing is *)
(* in flight. Stuttering here is not a deadlock.                          *)
Terminated ==
    /\ \A r \in Replicas : Live(r) => ep[r] = MaxEpoch + 1
    /\ chan = <<>> /\ held = <<>> /\ devq = <<>> /\ late = {}

Finished == Terminated /\ UNCHANGED vars

(* The protocol's own steps: these are the ones fairness applies to. *)
SystemNext ==
    \/ \E r \in Replicas :
          \/ PrimaryReadClock(r)
          \/ PrimaryIssueIO(r)
          \/ PrimaryInterrupt(r)
          \/ PrimarySendTme(r)
          \/ PrimaryEpochEnd(r)
          \/ PrimaryFenced(r)
    \/ PrimaryRelease
    \/ PrimaryLateRelay
    \/ PrimaryGoSolo
    \/ BackupReceive
    \/ BackupReadClock
    \/ BackupIssueIO
    \/ BackupEpochEnd
    \/ BackupFailover
    \/ BackupFailoverEnd
    \/ DevicePerform

(* Faults and arrivals from outside happen, or not, at any time. *)
EnvironmentNext ==
    \/ PrimaryCrash
    \/ Partition
    \/ \E x \in 1..NumExt : ExternalInterrupt(x)

Next == SystemNext \/ EnvironmentNext \/ Finished

Spec == Init /\ [][Next]_vars /\ WF_vars(SystemNext)

-----------------------------------------------------------------------------
(* Properties *)

TypeOK ==
    /\ role \in [Replicas -> Roles]
    /\ solo \in BOOLEAN
    /\ ep \in [Replicas -> 1..MaxEpoch + 1]
    /\ pc \in [Replicas -> 0..EL + 1]
    /\ hist \in [Replicas -> Seq(Entries)]
    /\ drv \in [Replicas -> Drivers]
    /\ tme \in [Replicas -> Times]
    /\ pend \in [Replicas -> SUBSET Ints]
    /\ ibuf \in [Replicas -> SUBSET Ints]
    /\ late \subseteq [e : 1..MaxEpoch, i : Ints]
    /\ chan \in Seq(Msgs)
    /\ {sent, rcvd, acked} \subseteq Nat /\ acked <= rcvd /\ rcvd <= sent
    /\ bVals \in Seq([e : 1..MaxEpoch + 1, v : Times])
    /\ bInts \subseteq [e : 1..MaxEpoch + 1, i : Ints]
    /\ bTme \subseteq [e : 1..MaxEpoch + 1, v : Times]
    /\ bEnd \in 0..MaxEpoch
    /\ link \in {"up", "cut"}
    /\ held \in Seq([c : Cmds, need : Nat])
    /\ devq \in Seq(Cmds)
    /\ dlog \in Seq(Cmds)
    /\ diskGen \in 1..2
    /\ gen \in [Replicas -> 0..2]
    /\ extLeft \subseteq 1..NumExt
    /\ fepoch \in 0..MaxEpoch + 1
    /\ unc \in [Ops -> Nat]
    /\ ioView \in [n : 0..NumOps, d : Data, issues : Nat, uncs : Nat]

(* Lockstep: every epoch the backup completed as a backup (before its    *)
(* failover epoch) it completed with exactly the inputs the primary's VM *)
(* got: the backup's history, cut at the failover epoch, is a prefix of  *)
(* the primary's. The failover epoch itself may differ: what the dead    *)
(* primary did there unseen (and the uncertain interrupts of P8) is not  *)
(* lockstep but recovery, judged by IOConsistency.                       *)
BeforeFailover(h) ==
    IF fepoch = 0 THEN h ELSE SelectSeq(h, LAMBDA x : x.e < fepoch)
Lockstep == IsPrefix(BeforeFailover(hist[B]), hist[P])

(* At most one processor can act on the environment as primary: with the *)
(* fence, a primary whose generation was superseded is refused by the    *)
(* disk, so it no longer counts.                                         *)
OnePrimary == Cardinality({r \in Replicas : role[r] = "primary" /\ Accepted(r)}) <= 1

(* The backup never reaches the environment before it is promoted. *)
BackupSilentBeforePromotion ==
    \A c \in Range(devq) \cup Range(dlog) : c.role = "primary"

(* I/O consistency: what the disk saw is what one machine with a          *)
(* transiently failing disk could have produced.                          *)
(* The backup can still end up as the machine the environment talks to:  *)
(* it has not halted, and the primary has not won the test-and-set (then *)
(* the backup's failover epoch, run unseen, ends in a halt).             *)
BackupMaySurvive == role[B] # "halted" /\ ~(Fence /\ gen[P] = 2)
PerformedOp(n) == \E i \in DOMAIN dlog : dlog[i].n = n
TimesPerformed(n) == Cardinality({i \in DOMAIN dlog : dlog[i].n = n})
Completed(r) == IF drv[r].st = "idle" THEN drv[r].n ELSE drv[r].n - 1
IOConsistency ==
    \* a repeated operation is the same command
    /\ \A i, j \in DOMAIN dlog : dlog[i].n = dlog[j].n => dlog[i].d = dlog[j].d
    \* repeats only of operations that got an uncertain interrupt (outstanding at failover)
    /\ \A n \in Ops : TimesPerformed(n) <= 1 + unc[n]
    \* nothing invented: the VM that survives issued each performed operation
    \* with that content (the backup, unless the primary won the fence)
    /\ BackupMaySurvive =>
          \A i \in DOMAIN dlog : dlog[i].n = drv[B].n => dlog[i].d = drv[B].d
    \* nothing acknowledged lost: every operation a live VM saw complete was performed
    /\ \A r \in Replicas : Live(r) => \A n \in 1..Completed(r) : PerformedOp(n)

(* The clock values a VM observes (clock reads and the Tme that drives   *)
(* its timer) never go backwards, also not across a failover.            *)
ClockMonotonic ==
    \A r \in Replicas : \A i, j \in DOMAIN hist[r] :
        i < j => hist[r][i].v <= hist[r][j].v

(* Liveness, under weak fairness of the protocol's steps. *)

(* After the primary crashes, the backup is eventually promoted. *)
PromotedAfterCrash == role[P] = "crashed" ~> role[B] = "primary"

(* Every operation a live VM waits for eventually gets its completion or *)
(* an uncertain interrupt: delivered to the VM, or raised at the primary *)
(* (or relayed to the backup) and waiting for an epoch end - which the   *)
(* model's last epoch may never reach.                                   *)
AnswerHeld(r) ==
    LET n == drv[r].n IN
    \/ role[r] = "primary" /\ (Done(n) \in pend[r] \cup ibuf[r])
    \/ IsBackup(r) /\ \E x \in bInts : x.i = Done(n)
Waiting(r) == Live(r) /\ drv[r].st = "busy"
IOAnswered == \A r \in Replicas : Waiting(r) ~> (~Waiting(r) \/ AnswerHeld(r))

(* Refinement: the environment cannot tell HBFT from one fault-free     *)
(* machine whose disk may fail transiently (SingleMachine). The mapping *)
(* is total: the disk's queue and log as they are, and ioView.          *)
Strip(s) == [i \in DOMAIN s |-> [n |-> s[i].n, d |-> s[i].d]]
SM == INSTANCE SingleMachine WITH
        NumOps <- NumOps, Data <- Data, NoData <- <<>>,
        dq <- Strip(devq), dl <- Strip(dlog), cur <- ioView
RefinesSingleMachine == SM!Spec
=============================================================================
