package org.hbft.conformance.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hbft.replication.OutputMode;
import org.junit.jupiter.api.Test;

/** The same schedule and seed give the same trace, byte for byte. */
class DeterminismTest {
    @Test
    void sameScheduleGivesTheSameTraceByteForByte() throws Exception {
        Schedule s = new Schedule(Schedule.Workload.KV, OutputMode.REVISED, 42, 3, 30, 5, 4, Schedule.Fault.PRIMARY_CRASH, 900, 1, 50,
                List.of(3), true, List.of(1));
        ScheduleRun.Outcome a = ScheduleRun.run(s);
        ScheduleRun.Outcome b = ScheduleRun.run(s);
        assertThat(a.trace()).isNotEmpty();
        assertThat(String.join("\n", b.trace())).isEqualTo(String.join("\n", a.trace()));
        Schedule other = new Schedule(Schedule.Workload.KV, OutputMode.REVISED, 43, 3, 30, 5, 4, Schedule.Fault.PRIMARY_CRASH, 900, 1, 50,
                List.of(3), true, List.of(1));
        assertThat(String.join("\n", ScheduleRun.run(other).trace())).as("another seed, another run")
                .isNotEqualTo(String.join("\n", a.trace()));
    }
}
