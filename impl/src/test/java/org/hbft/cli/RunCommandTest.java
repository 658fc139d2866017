package org.hbft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code hbft run} gets one clear line and exit code 2, never a stack trace. */
class RunCommandTest extends StderrCapture {
    @TempDir
    Path dir;

    @Test
    void missingFileIsExitCode2WithOneLine() {
        assertThat(Main.execute("run", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(stderr()).contains("no such file").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void nonElfFileIsRejected() throws Exception {
        Path f = Files.writeString(dir.resolve("text"), "hello, not an executable\n");
        assertThat(Main.execute("run", f.toString())).isEqualTo(2);
        assertThat(stderr()).contains("not an ELF file").hasLineCount(1);
    }

    @Test
    void wrongMachineElfIsRejected() throws Exception {
        byte[] b = Files.readAllBytes(RepoPaths.guests().resolve("bin/exit7-O2"));
        b[19] = 62; // EM_X86_64
        Path f = Files.write(dir.resolve("x86"), b);
        assertThat(Main.execute("run", f.toString())).isEqualTo(2);
        assertThat(stderr()).contains("not PA-RISC").hasLineCount(1);
    }

    @Test
    void truncatedElfIsRejected() throws Exception {
        byte[] b = Files.readAllBytes(RepoPaths.guests().resolve("bin/exit7-O2"));
        Path f = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(b, b.length / 3));
        assertThat(Main.execute("run", f.toString())).isEqualTo(2);
        assertThat(stderr()).contains("truncated").hasLineCount(1);
    }

    @Test
    void guestExitStatusIsPassedThrough() {
        assertThat(Main.execute("run", RepoPaths.guests().resolve("bin/exit7-O2").toString())).isEqualTo(7);
    }

    @Test
    void guestFaultReportsPcInstructionAndInterruptionAndExitsLikeASignalDeath() {
        assertThat(Main.execute("run", RepoPaths.guests().resolve("bin/fault-segv-O2").toString())).isEqualTo(128 + 11);
        assertThat(stderr()).contains("pc 0x").contains("instruction 0x").contains("SIGSEGV").doesNotContain("Exception");
    }

    @Test
    void instructionLimitStopsTheGuest() {
        assertThat(Main.execute("run", "--max-instructions", "1000", RepoPaths.guests().resolve("bin/dhry-O2").toString()))
                .isEqualTo(124);
        assertThat(stderr()).contains("instruction limit");
    }

    @Test
    void argumentsAfterTheExecutableGoToTheGuestEvenWhenTheyLookLikeOptions() {
        assertThat(Main.execute("run", RepoPaths.guests().resolve("bin/exit7-O2").toString(), "--stats", "-x"))
                .isEqualTo(7);
        assertThat(stderr()).doesNotContain("Unknown option").doesNotContain("MIPS");
    }

    @Test
    void statsReportInstructionsAndMips() {
        assertThat(Main.execute("run", "--stats", RepoPaths.guests().resolve("bin/exit7-O2").toString())).isEqualTo(7);
        assertThat(stderr()).containsPattern("\\d+ instructions in .* MIPS");
    }
}
