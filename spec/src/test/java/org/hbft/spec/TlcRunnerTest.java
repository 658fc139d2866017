package org.hbft.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's verdicts when TLC cannot check a model at all. */
class TlcRunnerTest {

    @TempDir
    Path dir;

    private static TlcResult check(Path spec, String model) {
        return new TlcRunner(SpecSource.directory(spec), 1).check(Models.byName(model).orElseThrow(), p -> { });
    }

    @Test
    void aConfigurationTlcRejectsIsAnErrorWithTlcsReason() throws IOException {
        Path spec = Repo.copyOfSpec(dir);
        Files.writeString(spec.resolve("models/bug-no-fence.cfg"), "SPECIFICATION Spec\nINVARIANT TypeOK\n");

        TlcResult r = check(spec, "bug-no-fence");

        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.violatedProperty()).isNull();
        assertThat(String.join("\n", r.errors())).contains("is not assigned a value");
    }

    @Test
    void aSpecThatDoesNotParseIsAnErrorThatShowsTheParser() throws IOException {
        Path spec = Repo.copyOfSpec(dir);
        Path hbft = spec.resolve("HBFT.tla");
        Files.writeString(hbft, Files.readString(hbft).replace("Live(r) ==", "Live(r) == (("));

        TlcResult r = check(spec, "bug-no-fence");

        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.errors()).isNotEmpty();
        assertThat(String.join("\n", r.errors())).containsIgnoringCase("pars");
    }

    @Test
    void aViolationNamesTheProperty() throws IOException {
        TlcResult r = check(Repo.copyOfSpec(dir), "bug-no-fence");

        assertThat(r.verdict()).isEqualTo(Verdict.VIOLATION);
        assertThat(r.violatedProperty()).isEqualTo("OnePrimary");
        assertThat(r.violationKind()).isEqualTo("invariant");
        assertThat(r.counterexample()).extracting(TraceState::action).startsWith("Init", "Partition");
    }
}
