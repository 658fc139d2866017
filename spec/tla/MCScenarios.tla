----------------------------- MODULE MCScenarios -----------------------------
(***************************************************************************)
(* The regression scenarios of ScenarioHBFT: schedules and the goals      *)
(* their last states must show. Each models/scenario-*.cfg picks one      *)
(* schedule and one goal and sets the constants it runs under.            *)
(*                                                                         *)
(* Witnesses: runs the protocol must allow. A spec change that made one   *)
(* impossible (a failover that can no longer happen, say) would let every *)
(* safety property hold for the wrong reason; a witness catches that.     *)
(* A witness's goal includes every safety invariant, so the state it ends *)
(* in is checked as fully as the states before it.                       *)
(*                                                                         *)
(* Replays: a known-bad run, once against the variant it breaks (the goal *)
(* is the broken property's negation) and once against the protocol,     *)
(* which must follow the same schedule to its end on every way of taking  *)
(* it and break nothing (ScenarioFairSpec, ScheduleCompletes).            *)
(***************************************************************************)
EXTENDS ScenarioHBFT

Safe ==
    /\ TypeOK /\ Lockstep /\ OnePrimary /\ BackupSilentBeforePromotion
    /\ IOConsistency /\ ClockMonotonic

\* Operation n performed by the disk both for the primary and, after a
\* failover, for the promoted backup: the repeat IO2 allows.
Repeated(n) ==
    \E j, k \in 1..Len(dlog) :
        dlog[j].src = P /\ dlog[k].src = B /\ dlog[j].n = n /\ dlog[k].n = n

(* P8 and IO2, revised protocol, lossy crash: the primary issues the     *)
(* operation once its clock value is acknowledged, the disk performs it,  *)
(* the primary crashes before taking the completion; the backup's failover *)
(* epoch ends with an uncertain interrupt and the promoted backup repeats  *)
(* the operation.                                                         *)
UncertainRetrySchedule ==
    <<"PrimaryReadClock", "BackupReceive", "PrimaryIssueIO", "DevicePerform",
      "PrimaryCrash", "BackupFailover", "BackupReadClock", "BackupIssueIO",
      "BackupFailoverEnd", "PrimaryReadClock", "PrimaryIssueIO", "DevicePerform">>

(* The output rule: the command is held until the backup acknowledged the  *)
(* clock value it depends on, then released and performed; the same crash   *)
(* and repeat follow.                                                        *)
OutputRuleRetrySchedule ==
    <<"PrimaryReadClock", "PrimaryIssueIO", "BackupReceive", "PrimaryRelease",
      "DevicePerform", "PrimaryCrash", "BackupFailover", "BackupReadClock",
      "BackupIssueIO", "BackupFailoverEnd", "PrimaryReadClock", "PrimaryIssueIO",
      "DevicePerform">>

UncertainRetried == Safe /\ \E n \in Ops : unc[n] >= 1 /\ Repeated(n)

(* A partition: the backup takes over through the fence; the old primary,  *)
(* trying to go on alone, finds the fence taken and halts.                  *)
PartitionFencedSchedule ==
    <<"Partition", "BackupFailover", "BackupReadClock", "BackupIssueIO",
      "BackupFailoverEnd", "PrimaryGoSolo">>

PartitionFenced == Safe /\ link = "cut" /\ role[B] = "primary" /\ role[P] = "halted"

(* A partition the primary wins: it takes the fence first and writes on     *)
(* alone with the new generation; the backup's failover finds the fence     *)
(* taken and halts.                                                          *)
PrimarySoloSchedule ==
    <<"PrimaryReadClock", "Partition", "PrimaryGoSolo", "PrimaryIssueIO",
      "BackupFailover", "BackupReadClock", "BackupIssueIO", "BackupFailoverEnd",
      "DevicePerform">>

PrimaryWentSolo ==
    /\ Safe
    /\ link = "cut" /\ solo /\ role[B] = "halted"
    /\ \E k \in 1..Len(dlog) : dlog[k].src = P /\ dlog[k].gen = 2

(* The original protocol: a packet arrives after the primary sent [Tme] for *)
(* epoch 1, is relayed (P1) and delivered at the end of epoch 1; the backup  *)
(* delivers it at the same point of its own run.                            *)
ExternalLockstepSchedule ==
    <<"PrimaryReadClock", "PrimaryIssueIO", "PrimarySendTme", "BackupReceive",
      "BackupReceive", "ExternalInterrupt", "PrimaryInterrupt", "BackupReceive",
      "PrimaryEpochEnd", "PrimaryReadClock", "PrimarySendTme", "BackupReceive",
      "BackupReceive", "BackupReceive", "PrimaryEpochEnd", "BackupReceive",
      "BackupReadClock", "BackupIssueIO", "BackupEpochEnd">>

ExternalInLockstep ==
    /\ Safe
    /\ role[B] = "backup"
    /\ \E k \in 1..Len(hist[B]) :
          /\ k <= Len(hist[P]) /\ hist[B][k] = hist[P][k]
          /\ \E i \in hist[B][k].ints : i.k = "ext"

(* Three epochs, two operations, a packet (the thorough models' constants; *)
(* breadth-first search needs about 200,000 states to get here): operation *)
(* 1 completes in epoch 1; in epoch 2 the primary issues operation 2, the   *)
(* disk performs it, a packet arrives and is relayed, and the primary       *)
(* crashes before taking the completion. The failover epoch delivers the    *)
(* packet and an uncertain interrupt for operation 2, which the promoted    *)
(* backup repeats in epoch 3.                                               *)
DeepFailoverSchedule ==
    <<"PrimaryReadClock", "BackupReceive", "PrimaryIssueIO", "PrimarySendTme",
      "BackupReceive", "DevicePerform", "PrimaryInterrupt", "PrimaryEpochEnd",
      "PrimaryReadClock", "BackupReceive", "BackupReceive", "BackupReceive",
      "PrimaryIssueIO", "BackupReadClock", "BackupIssueIO", "DevicePerform",
      "ExternalInterrupt", "PrimaryInterrupt", "BackupReceive", "PrimaryCrash",
      "BackupFailover", "BackupReadClock", "BackupIssueIO", "BackupFailoverEnd",
      "PrimaryReadClock", "PrimaryIssueIO", "DevicePerform">>

DeepFailover ==
    /\ Safe
    /\ \E k \in 1..Len(hist[B]) : Ext(1) \in hist[B][k].ints
    /\ unc[1] = 0 /\ unc[2] = 1 /\ Repeated(2)

(* Replay of the paper-clock finding: the primary's VM reads the clock, the *)
(* backup receives the value, the primary crashes; with P5's rule alone the *)
(* backup's failover epoch runs on a clock behind the value its VM read.    *)
PaperClockSchedule ==
    <<"PrimaryReadClock", "BackupReceive", "PrimaryCrash", "BackupFailover",
      "BackupReadClock", "BackupIssueIO", "BackupFailoverEnd">>

ClockWentBack == ~ClockMonotonic

(* Replay of bug no-fence: a partition, and a backup promoted without the   *)
(* fence while the primary still runs.                                      *)
NoFenceSchedule ==
    <<"Partition", "BackupFailover", "BackupReadClock", "BackupIssueIO",
      "BackupFailoverEnd">>

TwoPrimaries == ~OnePrimary
=============================================================================
