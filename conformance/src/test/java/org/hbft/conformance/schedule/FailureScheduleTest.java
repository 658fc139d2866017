package org.hbft.conformance.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Generated failure schedules against the whole system in the deterministic simulation. A
 * failing schedule is shrunk to a minimal one and stored under {@code traces/regressions/}
 * (replayed by {@link RegressionReplayTest}). The number of tries is jqwik's default: 1,000 in
 * the default build, 100,000 with {@code -Pthorough}.
 */
class FailureScheduleTest {
    @Provide
    Arbitrary<Schedule> schedules() {
        return Schedules.schedules();
    }

    @Property(shrinking = net.jqwik.api.ShrinkingMode.FULL)
    @AddLifecycleHook(StoreRegressions.class)
    void nothingObservableGoesWrong(@ForAll("schedules") Schedule schedule) throws Exception {
        ScheduleRun.Outcome o = ScheduleRun.run(schedule);
        assertThat(o.violations()).as(schedule.toString()).isEmpty();
    }
}
