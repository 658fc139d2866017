package org.hbft.spec.cli;

import org.hbft.spec.Model;
import org.hbft.spec.Models;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code spec check} as a user sees it: output, exit status, no stack traces. */
class SpecCheckCommandTest {

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Run run(String... args) {
        CommandLine cl = SpecCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static void assertNoStackTrace(Run r) {
        assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void listShowsEveryModelWithWhatItMustDo() {
        Run r = run("check", "--list");

        assertThat(r.exit()).isZero();
        for (Model m : Models.all()) {
            assertThat(r.out()).contains(m.name()).contains(m.expectation().describe());
        }
    }

    @Test
    void anUnknownModelIsAUsageErrorWithAClearMessage() {
        Run r = run("check", "--model", "no-such-model");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown model 'no-such-model'").contains("--list");
        assertNoStackTrace(r);
    }

    @Test
    void modelAndAllDoNotGoTogether() {
        Run r = run("check", "--model", "original", "--all");

        assertThat(r.exit()).isEqualTo(2);
        assertNoStackTrace(r);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run r = run("check", "--frobnicate");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--frobnicate");
        assertNoStackTrace(r);
    }

    @Test
    void aDirectoryWithoutTheSpecIsAUsageError() {
        Run r = run("check", "--dir", "/nonexistent/place", "--model", "original");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("does not contain HBFT.tla");
        assertNoStackTrace(r);
    }

    @Test
    void specWithoutSubcommandExplainsItself() {
        Run r = run();

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("spec check");
    }

    @Test
    void aKnownBadVariantIsCaughtAndItsCounterexampleShown() {
        Run r = run("check", "--model", "bug-no-suppress");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("caught as expected: BackupSilentBeforePromotion violated (invariant)")
                .contains("Counterexample")
                .contains("1. Init")
                .contains("BackupIssueIO")
                .contains("1 of 1 model behaved as expected.");
        assertNoStackTrace(r);
    }

    @Test
    void aPassingModelExitsZero() {
        Run r = run("check", "--model", "single-machine");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("no violation").contains("distinct states");
        assertNoStackTrace(r);
    }
}
