package org.hbft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hbft machine}: workloads run to the guest's exit status; bad input is one line and exit 2. */
class MachineCommandTest extends StderrCapture {
    @TempDir
    Path dir;

    private int machine(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "machine";
        all[1] = "--kernel";
        all[2] = RepoPaths.guests().resolve("kernel/kernel.elf").toString();
        all[3] = "--console-out";
        all[4] = dir.resolve("console.txt").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return Main.execute(all);
    }

    private String console() throws Exception {
        return Files.readString(dir.resolve("console.txt"), StandardCharsets.US_ASCII);
    }

    @Test
    void cpuWorkloadExitsZeroAndPrintsItsResult() throws Exception {
        assertThat(machine("--workload", "cpu", "--iterations", "300", "--memory", "8", "--digest")).isZero();
        assertThat(console()).contains("cpu: 300 runs, checksum");
        assertThat(stderr()).containsPattern("state digest [0-9a-f]{64}");
    }

    @Test
    void warmupRunsComeBeforeTheTimedOnesAndNegativeCountsAreRefused() throws Exception {
        assertThat(machine("--workload", "cpu", "--iterations", "300", "--warmup", "200", "--memory", "8")).isZero();
        assertThat(console()).contains("cpu: 300 runs after 200 warm-up, checksum");
        assertThat(machine("--workload", "cpu", "--warmup", "-1")).isEqualTo(2);
        assertThat(stderr()).contains("--warmup must not be negative").hasLineCount(1);
        assertThat(machine("--workload", "cpu", "--seed", "-1")).isEqualTo(2);
        assertThat(stderr()).contains("--seed must not be negative").hasLineCount(2); // one line per refused run
        assertThat(machine("--workload", "echo", "--warmup", "5")).isEqualTo(2);
        assertThat(stderr()).contains("--warmup applies to the cpu, disk-write, disk-read workloads, not echo")
                .hasLineCount(3);
    }

    @Test
    void diskWriteThenReadOnACreatedImage() throws Exception {
        Path img = dir.resolve("disk.img");
        assertThat(machine("--workload", "disk-write", "--iterations", "50", "--disk", img.toString(),
                "--create-disk", "64")).isZero();
        assertThat(Files.size(img)).isEqualTo(64 * 4096L);
        assertThat(console()).contains("disk-write: 50 blocks of 64, 0 errors");
        assertThat(machine("--workload", "disk-read", "--iterations", "50", "--disk", img.toString())).isZero();
        assertThat(console()).contains("disk-read: 50 blocks of 64, 0 errors");
    }

    @Test
    void missingDiskImageIsExitCode2WithOneLine() {
        assertThat(machine("--workload", "disk-read", "--disk", dir.resolve("none.img").toString())).isEqualTo(2);
        assertThat(stderr()).contains("no such disk image").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void corruptDiskImageIsExitCode2WithOneLine() throws Exception {
        Path img = Files.write(dir.resolve("bad.img"), new byte[1000]);
        assertThat(machine("--workload", "disk-read", "--disk", img.toString())).isEqualTo(2);
        assertThat(stderr()).contains("corrupt disk image").hasLineCount(1);
    }

    @Test
    void aDiskSizeOutOfRangeOrADiskInAMissingDirectoryIsExitCode2WithOneLine() {
        Path img = dir.resolve("disk.img");
        assertThat(machine("--workload", "disk-write", "--disk", img.toString(), "--create-disk", "0")).isEqualTo(2);
        assertThat(stderr()).contains("--create-disk must be between 1 and 16777216 blocks, not 0").hasLineCount(1);
        assertThat(Files.exists(img)).isFalse();
        Path elsewhere = dir.resolve("no-such-dir").resolve("disk.img");
        assertThat(machine("--workload", "disk-write", "--disk", elsewhere.toString(), "--create-disk", "8")).isEqualTo(2);
        assertThat(stderr()).contains(elsewhere + ": cannot create disk image: no such file or directory")
                .hasLineCount(2);
    }

    @Test
    void consoleOutputToAMissingDirectoryIsExitCode2WithOneLine() {
        Path console = dir.resolve("no-such-dir").resolve("console.txt");
        assertThat(Main.execute("machine", "--kernel", RepoPaths.guests().resolve("kernel/kernel.elf").toString(),
                "--workload", "cpu", "--iterations", "10", "--console-out", console.toString())).isEqualTo(2);
        assertThat(stderr()).contains("cannot write console output to " + console + ": no such file or directory")
                .doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void diskWorkloadWithoutADiskIsExitCode2() {
        assertThat(machine("--workload", "disk-write")).isEqualTo(2);
        assertThat(stderr()).contains("needs a disk").hasLineCount(1);
    }

    @Test
    void missingKernelIsExitCode2() {
        assertThat(Main.execute("machine", "--kernel", dir.resolve("nokernel").toString())).isEqualTo(2);
        assertThat(stderr()).contains("no such file").hasLineCount(1);
    }

    @Test
    void badMemorySizeIsExitCode2() {
        assertThat(machine("--memory", "0")).isEqualTo(2);
        assertThat(stderr()).contains("memory size").hasLineCount(1);
    }

    @Test
    void guestTouchingAnUnassignedIoAddressPowersOffWithTheTrapStatus() throws Exception {
        assertThat(machine("--workload", "bad-io")).isEqualTo(128 + 18);
        assertThat(console()).contains("data memory protection (interruption 18)");
    }

    @Test
    void consoleInFeedsStdinToTheGuest() throws Exception {
        java.io.InputStream savedIn = System.in;
        System.setIn(new java.io.ByteArrayInputStream("abc\n".getBytes(StandardCharsets.US_ASCII)));
        try {
            assertThat(machine("--workload", "echo", "--console-in")).isZero();
        } finally {
            System.setIn(savedIn);
        }
        assertThat(console()).contains("ABC\necho: 4 bytes");
    }

    @Test
    void instructionLimitIsExitCode124() {
        assertThat(machine("--workload", "cpu", "--max-instructions", "100000")).isEqualTo(124);
        assertThat(stderr()).contains("instruction limit reached");
    }
}
