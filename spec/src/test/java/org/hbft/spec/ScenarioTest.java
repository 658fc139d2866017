package org.hbft.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression scenarios can fail: a witness whose run the spec no longer allows, a schedule
 * that names no action, a fixed replay that gets stuck or breaks a property. (ModelCheckTest runs
 * them on the spec as it is.)
 */
class ScenarioTest {

    @TempDir
    Path dir;

    /** Checks {@code model} on a copy of spec/tla in which {@code file} has {@code from} replaced by {@code to}. */
    private TlcResult checkEdited(String model, String file, String from, String to) throws IOException {
        Path spec = Repo.copyOfSpec(dir);
        Path f = spec.resolve(file);
        String text = Files.readString(f);
        assertThat(text).contains(from);
        Files.writeString(f, text.replace(from, to));
        return new TlcRunner(SpecSource.directory(spec), 1).check(Models.byName(model).orElseThrow(), p -> { });
    }

    @Test
    void aWitnessWhoseRunTheSpecNoLongerAllowsFinishesWithoutReachingItsGoal() throws IOException {
        // P8 dropped: the failover epoch raises no uncertain interrupt, so nothing is repeated.
        TlcResult r = checkEdited("scenario-uncertain-retry", "models/scenario-uncertain-retry.cfg",
                "Bug = \"none\"", "Bug = \"no-uncertain\"");

        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(Models.byName("scenario-uncertain-retry").orElseThrow().expectation().isMetBy(r)).isFalse();
    }

    @Test
    void aScheduleThatNamesNoActionIsAnError() throws IOException {
        TlcResult r = checkEdited("scenario-partition-fenced", "MCScenarios.tla",
                "<<\"Partition\", \"BackupFailover\", \"BackupReadClock\"",
                "<<\"Partition\", \"BackupFailsOver\", \"BackupReadClock\"");

        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(String.join("\n", r.errors())).contains("Assumption").contains("ScenarioHBFT");
    }

    @Test
    void aFixedReplayThatTheProtocolCannotFollowToItsEndViolatesScheduleCompletes() throws IOException {
        // The revised protocol holds nothing for release: that step is never enabled.
        TlcResult r = checkEdited("scenario-no-fence-fixed", "MCScenarios.tla",
                "\"BackupIssueIO\",\n      \"BackupFailoverEnd\">>",
                "\"BackupIssueIO\",\n      \"PrimaryRelease\", \"BackupFailoverEnd\">>");

        assertThat(r.verdict()).isEqualTo(Verdict.VIOLATION);
        assertThat(r.violatedProperty()).isEqualTo("ScheduleCompletes");
    }

    @Test
    void aFixedReplayCatchesTheBugItsScheduleWasFoundWith() throws IOException {
        TlcResult r = checkEdited("scenario-no-fence-fixed", "models/scenario-no-fence-fixed.cfg",
                "Bug = \"none\"", "Bug = \"no-fence\"");

        assertThat(r.verdict()).isEqualTo(Verdict.VIOLATION);
        assertThat(r.violatedProperty()).isEqualTo("OnePrimary");
        // at the schedule's end: all five steps taken
        assertThat(r.counterexample()).hasSize(6);
        assertThat(r.counterexample().get(5).variables()).containsEntry("s", "5")
                .containsEntry("taken", "\"BackupFailoverEnd\"");
    }
}
