---------------------------- MODULE ScenarioHBFT ----------------------------
(***************************************************************************)
(* Regression scenarios: HBFT driven along one fixed schedule of actions. *)
(*                                                                         *)
(* A scenario names, in order, the actions a behaviour takes; TLC then    *)
(* explores only the behaviours that follow it (an action's parameters,  *)
(* such as which messages a crash loses, are still chosen freely). A run *)
(* that breadth-first search reaches only after exploring every shorter  *)
(* behaviour of a large model is replayed in a few hundred states.       *)
(*                                                                         *)
(* Every invariant the model lists is checked at every step. Goal says    *)
(* what the schedule's last state must show; NotWitnessed is violated     *)
(* exactly when the whole schedule was taken and Goal holds - that is how *)
(* a scenario succeeds, since an invariant's violation is TLC's only way  *)
(* to report that a state is reachable. A schedule the spec no longer     *)
(* allows, or an end state without its goal, makes TLC finish with no     *)
(* violation, and the scenario fails.                                     *)
(*                                                                         *)
(* The schedules and goals are in MCScenarios.tla; each models/scenario-* *)
(* file picks one with Schedule <- and Goal <-.                           *)
(***************************************************************************)
EXTENDS MCHBFT

\* Replaced by each scenario's .cfg.
Schedule == << >>
Goal == TRUE

ActionNames ==
    {"PrimaryReadClock", "PrimaryIssueIO", "PrimaryInterrupt", "PrimarySendTme",
     "PrimaryEpochEnd", "PrimaryFenced", "PrimaryRelease", "PrimaryLateRelay",
     "PrimaryGoSolo", "BackupReceive", "BackupReadClock", "BackupIssueIO",
     "BackupEpochEnd", "BackupFailover", "BackupFailoverEnd", "DevicePerform",
     "PrimaryCrash", "Partition", "ExternalInterrupt"}

ASSUME \A k \in 1..Len(Schedule) : Schedule[k] \in ActionNames

VARIABLES
    s,      \* how many actions of Schedule have been taken
    taken   \* the name of the last one ("" before the first): TLC names every
            \* step of a scenario ScenarioNext, so a counterexample shows it here

svars == <<vars, s, taken>>

(* The action of HBFT's Next named a, with its parameters left open. *)
Take(a) ==
    \/ a = "PrimaryReadClock" /\ \E r \in Replicas : PrimaryReadClock(r)
    \/ a = "PrimaryIssueIO" /\ \E r \in Replicas : PrimaryIssueIO(r)
    \/ a = "PrimaryInterrupt" /\ \E r \in Replicas : PrimaryInterrupt(r)
    \/ a = "PrimarySendTme" /\ \E r \in Replicas : PrimarySendTme(r)
    \/ a = "PrimaryEpochEnd" /\ \E r \in Replicas : PrimaryEpochEnd(r)
    \/ a = "PrimaryFenced" /\ \E r \in Replicas : PrimaryFenced(r)
    \/ a = "PrimaryRelease" /\ PrimaryRelease
    \/ a = "PrimaryLateRelay" /\ PrimaryLateRelay
    \/ a = "PrimaryGoSolo" /\ PrimaryGoSolo
    \/ a = "BackupReceive" /\ BackupReceive
    \/ a = "BackupReadClock" /\ BackupReadClock
    \/ a = "BackupIssueIO" /\ BackupIssueIO
    \/ a = "BackupEpochEnd" /\ BackupEpochEnd
    \/ a = "BackupFailover" /\ BackupFailover
    \/ a = "BackupFailoverEnd" /\ BackupFailoverEnd
    \/ a = "DevicePerform" /\ DevicePerform
    \/ a = "PrimaryCrash" /\ PrimaryCrash
    \/ a = "Partition" /\ Partition
    \/ a = "ExternalInterrupt" /\ \E x \in 1..NumExt : ExternalInterrupt(x)

ScenarioInit == Init /\ s = 0 /\ taken = ""

ScenarioNext ==
    /\ s < Len(Schedule)
    /\ Take(Schedule[s + 1])
    /\ s' = s + 1
    /\ taken' = Schedule[s + 1]

ScenarioSpec == ScenarioInit /\ [][ScenarioNext]_svars

(* Witnesses and replays: reached, with the goal, at the schedule's end. *)
NotWitnessed == ~(s = Len(Schedule) /\ Goal)

(* A replay against the protocol must hold on every way of following the  *)
(* schedule, and every one of them must get to its end: TLC explores them *)
(* all, checking the invariants, and the property fails if some way gets  *)
(* stuck.                                                                 *)
ScenarioFairSpec == ScenarioSpec /\ WF_svars(ScenarioNext)

ScheduleCompletes == <>(s = Len(Schedule))

(* The same goal without a schedule: breadth-first search over every      *)
(* behaviour of the model, which is what a scenario saves.                *)
FreeSpec == ScenarioInit /\ [][Next /\ UNCHANGED <<s, taken>>]_svars

GoalUnreached == ~Goal
=============================================================================
