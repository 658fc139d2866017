package org.hbft.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.hbft.spec.trace.TraceValidator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The implementation's scenarios, run now: fault-free and failover runs of each workload in
 * the deterministic simulation. Every trace they produce must be a behaviour of the spec.
 */
class ScenarioConformanceTest {
    @TempDir
    Path dir;

    static Stream<String> scenarios() throws Exception {
        return Scenarios.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void traceOfTheScenarioConformsToTheSpec(String name) throws Exception {
        Scenarios.Scenario s = Scenarios.all().get(name);
        Path file = dir.resolve(name + ".ndjson");
        Files.write(file, Scenarios.run(s));
        TraceValidator.Result r = Validation.validate(file, s.mode().label());
        assertThat(r.conforms()).as(name + ": stuck at event " + (r.badIndex() + 1) + " " + r.action() + " in " + r.state()
                + "\n" + (r.badIndex() >= 0 ? Files.readAllLines(file).get(r.badIndex()) : "")).isTrue();
        if (s.crashOnKind() != null) {
            assertThat(Files.readString(file)).contains("\"event\":\"BackupFailoverEnd\"");
        }
    }
}
