package org.hbft.machine.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every committed guest program, run in Linux user mode, must produce exactly the stdout,
 * stderr and exit status recorded from qemu-hppa. Where qemu-hppa is installed the recording
 * itself is re-checked live, so a stale expectation cannot hide a difference.
 */
class GuestProgramsTest {
    private static final long LIMIT = 5_000_000_000L;

    static List<Path> binaries() throws IOException {
        try (Stream<Path> s = Files.list(RepoPaths.guests().resolve("bin"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static String program(Path bin) {
        String b = bin.getFileName().toString();
        return b.substring(0, b.lastIndexOf("-O"));
    }

    static List<String> argv(Path bin) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add("bin/" + bin.getFileName());
        Path args = RepoPaths.guests().resolve("src").resolve(program(bin) + ".args");
        if (Files.exists(args)) {
            String text = Files.readString(args, StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            argv.addAll(List.of(text.split("\n", -1)));
        }
        return argv;
    }

    static byte[] stdin(Path bin) throws IOException {
        Path in = RepoPaths.guests().resolve("src").resolve(program(bin) + ".stdin");
        return Files.exists(in) ? Files.readAllBytes(in) : new byte[0];
    }

    static Path expected(Path bin, String kind) {
        return RepoPaths.guests().resolve("expected").resolve(bin.getFileName() + "." + kind);
    }

    @TestFactory
    Stream<DynamicTest> guestMatchesRecordedQemuOutput() throws IOException {
        return binaries().stream().map(bin -> DynamicTest.dynamicTest(bin.getFileName().toString(), () -> {
            GuestRun run = LinuxProcess.run(bin, argv(bin), stdin(bin), LIMIT);
            int exit = Integer.parseInt(Files.readString(expected(bin, "exit")).trim());
            assertThat(run.exitCode()).as("exit status").isEqualTo(exit);
            assertThat(new String(run.stdout(), StandardCharsets.ISO_8859_1)).as("stdout")
                    .isEqualTo(new String(Files.readAllBytes(expected(bin, "stdout")), StandardCharsets.ISO_8859_1));
            if (!program(bin).startsWith("fault-")) {
                assertThat(new String(run.stderr(), StandardCharsets.ISO_8859_1)).as("stderr")
                        .isEqualTo(new String(Files.readAllBytes(expected(bin, "stderr")), StandardCharsets.ISO_8859_1));
            }
        }));
    }

    /**
     * Block translation changes speed only: translating from the first visit gives the same
     * output, exit status and instruction count as interpreting every instruction.
     */
    @TestFactory
    Stream<DynamicTest> translatedBlocksBehaveExactlyAsTheInterpreter() throws IOException {
        return binaries().stream().map(bin -> DynamicTest.dynamicTest(bin.getFileName().toString(), () -> {
            GuestRun interpreted = LinuxProcess.run(bin, argv(bin), stdin(bin), LIMIT, 0);
            GuestRun translated = LinuxProcess.run(bin, argv(bin), stdin(bin), LIMIT, 1);
            assertThat(translated.exitCode()).as("exit status").isEqualTo(interpreted.exitCode());
            assertThat(translated.stdout()).as("stdout").isEqualTo(interpreted.stdout());
            assertThat(translated.stderr()).as("stderr").isEqualTo(interpreted.stderr());
            assertThat(translated.instructions()).as("instructions issued").isEqualTo(interpreted.instructions());
        }));
    }

    @TestFactory
    Stream<DynamicTest> recordedOutputIsStillWhatQemuProduces() throws IOException {
        Assumptions.assumeTrue(RepoPaths.onPath("qemu-hppa"), "qemu-hppa is not installed");
        return binaries().stream().map(bin -> DynamicTest.dynamicTest(bin.getFileName().toString(), () -> {
            Path out = Files.createTempFile("qemu-out", ".txt");
            Path err = Files.createTempFile("qemu-err", ".txt");
            Path in = Files.createTempFile("qemu-in", ".txt");
            try {
                Files.write(in, stdin(bin));
                List<String> cmd = new ArrayList<>(List.of("env", "-i", "qemu-hppa", bin.toString()));
                cmd.addAll(argv(bin).subList(1, argv(bin).size()));
                Process p = new ProcessBuilder(cmd).directory(RepoPaths.guests().toFile())
                        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("qemu-hppa finished").isTrue();
                assertThat(p.exitValue()).as("qemu exit status")
                        .isEqualTo(Integer.parseInt(Files.readString(expected(bin, "exit")).trim()));
                assertThat(Files.readAllBytes(out)).as("qemu stdout").isEqualTo(Files.readAllBytes(expected(bin, "stdout")));
                if (!program(bin).startsWith("fault-")) {
                    assertThat(Files.readAllBytes(err)).as("qemu stderr").isEqualTo(Files.readAllBytes(expected(bin, "stderr")));
                }
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
                Files.deleteIfExists(in);
            }
        }));
    }
}
