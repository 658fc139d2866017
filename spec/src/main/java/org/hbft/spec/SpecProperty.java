package org.hbft.spec;

import java.util.Arrays;
import java.util.Optional;

/**
 * The properties the TLA+ modules define, so that results can name them and the CLI can explain
 * them. TLC names a violated invariant itself; for an action or temporal property it does not, so
 * the runner looks up which property of that kind the model checked.
 */
public enum SpecProperty {
    TYPE_OK("TypeOK", Kind.INVARIANT, "every variable holds a value of its intended type"),
    LOCKSTEP("Lockstep", Kind.INVARIANT,
            "before its failover epoch the backup's VM got exactly the inputs the primary's VM got"),
    ONE_PRIMARY("OnePrimary", Kind.INVARIANT,
            "at most one processor acts as primary towards the environment"),
    BACKUP_SILENT("BackupSilentBeforePromotion", Kind.INVARIANT,
            "no command from the backup reaches the disk before it is promoted"),
    IO_CONSISTENCY("IOConsistency", Kind.INVARIANT,
            "the disk saw what one machine with a transiently failing disk could have produced"),
    CLOCK_MONOTONIC("ClockMonotonic", Kind.INVARIANT,
            "clock values a VM observes never go backwards, also not across a failover"),
    REFINES_SINGLE_MACHINE("RefinesSingleMachine", Kind.ACTION,
            "every step is a step of SingleMachine under the refinement mapping"),
    PROMOTED_AFTER_CRASH("PromotedAfterCrash", Kind.TEMPORAL,
            "after the primary crashes the backup is eventually promoted"),
    IO_ANSWERED("IOAnswered", Kind.TEMPORAL,
            "every issued operation eventually completes or gets an uncertain interrupt"),
    REPEATS("Repeats", Kind.INVARIANT, "(SingleMachine) a repeated operation is the same command"),
    IN_ORDER("InOrder", Kind.INVARIANT, "(SingleMachine) operations are performed in order"),
    NOT_WITNESSED("NotWitnessed", Kind.INVARIANT,
            "(scenario) the schedule's end, with its goal, is not reached: a scenario succeeds by violating it"),
    SCHEDULE_COMPLETES("ScheduleCompletes", Kind.TEMPORAL,
            "(scenario) every way of following the schedule gets to its end"),
    GOAL_UNREACHED("GoalUnreached", Kind.INVARIANT,
            "(scenario, searched for without its schedule) no state reached shows the goal"),
    DEADLOCK("Deadlock", Kind.DEADLOCK, "the run gets stuck before it is over");

    /** How TLC checks a property, which decides how it reports a violation. */
    public enum Kind { INVARIANT, ACTION, TEMPORAL, DEADLOCK }

    private final String tlaName;
    private final Kind kind;
    private final String meaning;

    SpecProperty(String tlaName, Kind kind, String meaning) {
        this.tlaName = tlaName;
        this.kind = kind;
        this.meaning = meaning;
    }

    public String tlaName() {
        return tlaName;
    }

    public Kind kind() {
        return kind;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<SpecProperty> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.tlaName.equals(name)).findFirst();
    }
}
