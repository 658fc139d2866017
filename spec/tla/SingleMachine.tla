--------------------------- MODULE SingleMachine ---------------------------
(***************************************************************************)
(* One fault-free machine, seen from its environment.                     *)
(*                                                                         *)
(* The machine's guest works through I/O operations 1..NumOps one at a     *)
(* time, as the disk driver of HBFT.tla does. The only thing the           *)
(* environment (the shared disk) ever sees of the machine is the stream    *)
(* of commands it hands to the device, so that is all this module keeps:  *)
(* the VM's internal state is summed up by the data of each command.      *)
(*                                                                         *)
(* The device may fail transiently: it may drop a command, and it may     *)
(* answer the outstanding operation with an "uncertain" interrupt whether *)
(* or not it performed it (IO2). The driver then issues the very same     *)
(* command again. This is the behaviour the replicated machine of         *)
(* HBFT.tla must be indistinguishable from (HBFT!RefinesSingleMachine).  *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS
    NumOps,   \* number of distinct operations the guest issues
    Data,     \* the possible contents of a command (the VM state it reveals)
    NoData    \* placeholder content before the first operation

VARIABLES
    dq,   \* commands handed to the device and not yet performed or dropped
    dl,   \* every command the device performed, in order
    cur   \* the operation the driver works on: its number, its content,
          \* how often it was handed to the device, how many uncertain
          \* answers it got

vars == <<dq, dl, cur>>

Cmd(n, d) == [n |-> n, d |-> d]

Performed(n) == \E i \in DOMAIN dl : dl[i].n = n

TypeOK ==
    /\ dq \in Seq([n : 1..NumOps, d : Data])
    /\ dl \in Seq([n : 1..NumOps, d : Data])
    /\ cur \in [n : 0..NumOps, d : Data \cup {NoData}, issues : Nat, uncs : Nat]

Init ==
    /\ dq = <<>>
    /\ dl = <<>>
    /\ cur = [n |-> 0, d |-> NoData, issues |-> 0, uncs |-> 0]

(* The guest moves on to its next operation only once the device has     *)
(* performed the previous one: a completion interrupt comes from nowhere  *)
(* else. The new command may carry any content.                           *)
IssueNew ==
    /\ cur.n < NumOps
    /\ cur.n = 0 \/ Performed(cur.n)
    /\ cur' \in [n : {cur.n + 1}, d : Data, issues : {1}, uncs : {0}]
    /\ dq' = Append(dq, Cmd(cur'.n, cur'.d))
    /\ UNCHANGED dl

(* After an uncertain answer the driver repeats exactly the same command. *)
Retry ==
    /\ cur.n > 0
    /\ cur.issues <= cur.uncs
    /\ cur' = [cur EXCEPT !.issues = @ + 1]
    /\ dq' = Append(dq, Cmd(cur.n, cur.d))
    /\ UNCHANGED dl

Perform ==
    /\ dq # <<>>
    /\ dl' = Append(dl, Head(dq))
    /\ dq' = Tail(dq)
    /\ UNCHANGED cur

(* A transient failure: the command is lost without being performed.      *)
Drop ==
    /\ dq # <<>>
    /\ dq' = Tail(dq)
    /\ UNCHANGED <<dl, cur>>

(* The device answers the outstanding operation with "may or may not have *)
(* happened" - at most once per time the command was handed over.         *)
Uncertain ==
    /\ cur.n > 0
    /\ cur.uncs < cur.issues
    /\ cur' = [cur EXCEPT !.uncs = @ + 1]
    /\ UNCHANGED <<dq, dl>>

Next == IssueNew \/ Retry \/ Perform \/ Drop \/ Uncertain

Spec == Init /\ [][Next]_vars

(* What the environment can rely on: a repeat is always the same command, *)
(* and nothing acknowledged is ever missing from the device log.          *)
Repeats == \A i, j \in DOMAIN dl : dl[i].n = dl[j].n => dl[i].d = dl[j].d
InOrder == \A i \in DOMAIN dl : \A m \in 1..dl[i].n - 1 :
              \E j \in 1..i - 1 : dl[j].n = m
=============================================================================
