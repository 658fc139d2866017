package org.hbft.conformance.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every failing schedule ever found, replayed: each must pass now. */
class RegressionReplayTest {
    static Stream<Path> regressions() throws Exception {
        Path dir = Path.of(System.getProperty("hbft.root", "..")).resolve("traces/regressions");
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        return Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressions")
    void storedScheduleNoLongerFails(Path file) throws Exception {
        Schedule s = new ObjectMapper().readValue(file.toFile(), Schedule.class);
        assertThat(ScheduleRun.run(s).violations()).as(file.getFileName() + ": " + s).isEmpty();
    }
}
