package org.hbft.conformance.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hbft.replication.Bug;
import org.hbft.spec.SpecSource;
import org.hbft.spec.trace.FastTraceChecker;
import org.hbft.spec.trace.TraceValidator;
import org.junit.jupiter.api.Test;

/**
 * The property tests judge traces with the fast checker; here TLC judges a sample of the same
 * generated traces (some with seeded bugs, so that rejections are compared too), and the two
 * must agree on the verdict and the first bad event.
 */
class FastCheckerMatchesTlcTest {
    @Test
    void fastCheckerAgreesWithTlcOnGeneratedSchedules() throws Exception {
        TraceValidator tlc = new TraceValidator(SpecSource.directory(
                Path.of(System.getProperty("hbft.root", "..")).resolve("spec/tla")));
        Iterator<Schedule> it = Schedules.schedules().sampleStream().iterator();
        Bug[] bugs = {Bug.NONE, Bug.NONE, Bug.NONE, Bug.NONE, Bug.IO_BEFORE_ACKS, Bug.BACKUP_EARLY_START,
            Bug.DELIVER_BEFORE_RELAY, Bug.NO_FENCE};
        int rejected = 0;
        for (Bug bug : bugs) {
            Schedule s = it.next();
            List<JsonNode> events = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : ScheduleRun.run(s, bug).trace()) {
                events.add(json.readTree(line));
            }
            FastTraceChecker.Result fast = FastTraceChecker.check(events, s.mode().label());
            TraceValidator.Result slow = tlc.validate(events, s.mode().label());
            assertThat(fast.conforms()).as(bug + " " + s).isEqualTo(slow.conforms());
            if (!slow.conforms()) {
                rejected++;
                assertThat(fast.badIndex()).as(bug + " " + s).isEqualTo(slow.badIndex());
            }
        }
        assertThat(rejected).as("some sampled traces were rejected, so rejections were compared").isPositive();
    }
}
