package org.hbft.conformance.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;

import org.hbft.replication.Bug;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mutation check: with each seeded protocol bug switched on, schedules from the same
 * arbitrary as the property test must find a violation. The kill rate is printed at the end.
 */
class SeededBugsTest {
    static final int BUDGET = 300;
    static int killed;
    static int seeded;

    @ParameterizedTest
    @EnumSource(value = Bug.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void propertyTestsCatchTheSeededBug(Bug bug) throws Exception {
        seeded++;
        Iterator<Schedule> it = Schedules.schedules().sampleStream().iterator();
        List<String> found = null;
        int tried = 0;
        while (tried < BUDGET && found == null) {
            Schedule s = it.next();
            tried++;
            List<String> v = ScheduleRun.run(s, bug).violations();
            if (!v.isEmpty()) {
                found = v;
                System.out.println(bug + " caught after " + tried + " schedules: " + v.get(0));
            }
        }
        assertThat(found).as(bug + " survived " + BUDGET + " schedules").isNotNull();
        killed++;
    }

    @AfterAll
    static void report() {
        System.out.println("seeded bugs caught: " + killed + " of " + seeded);
    }
}
