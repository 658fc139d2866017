package org.hbft.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.hbft.machine.linux.GuestRun;
import org.hbft.machine.linux.LinuxProcess;
import org.hbft.testing.RepoPaths;

/**
 * The hppa-linux cross assembler and linker, and qemu-hppa as the reference machine: builds a
 * static executable from assembly text and runs it under qemu or under our emulator.
 */
final class Toolchain {
    static final String AS = "hppa-linux-gnu-as";
    static final String LD = "hppa-linux-gnu-ld";
    static final String QEMU = "qemu-hppa";
    /** Generated programs run a few thousand instructions; far more means a runaway loop. */
    static final long INSTRUCTION_LIMIT = 10_000_000L;
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    /** How a program ended: its output and exit status (128 + signal if it died of one). */
    record Outcome(String stdout, String stderr, int exit) {
        static Outcome of(GuestRun run) {
            return new Outcome(new String(run.stdout(), StandardCharsets.ISO_8859_1),
                    new String(run.stderr(), StandardCharsets.ISO_8859_1), run.exitCode());
        }
    }

    private Toolchain() {
    }

    /** Why the tools cannot be used here, if they cannot. */
    static Optional<String> missing(boolean needQemu) {
        List<String> absent = new ArrayList<>();
        for (String tool : needQemu ? List.of(AS, LD, QEMU) : List.of(AS, LD)) {
            if (!RepoPaths.onPath(tool)) {
                absent.add(tool);
            }
        }
        return absent.isEmpty() ? Optional.empty()
                : Optional.of("skipped: needs the hppa-linux cross tools" + (needQemu ? " and qemu-hppa" : "")
                        + " on the PATH; not found: " + String.join(", ", absent));
    }

    /** Assembles and links {@code source} as {@code dir/name}; a tool's complaint becomes the exception message. */
    static Path build(String source, Path dir, String name) throws IOException, InterruptedException {
        Path s = dir.resolve(name + ".s");
        Path o = dir.resolve(name + ".o");
        Path exe = dir.resolve(name);
        Files.writeString(s, source, StandardCharsets.UTF_8);
        runTool(List.of(AS, "-o", o.toString(), s.toString()), source);
        runTool(List.of(LD, "-static", "-o", exe.toString(), o.toString()), source);
        return exe;
    }

    private static void runTool(List<String> command, String source) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " failed:\n" + new String(out, StandardCharsets.UTF_8)
                    + "\n--- source ---\n" + numbered(source));
        }
    }

    private static String numbered(String source) {
        StringBuilder b = new StringBuilder();
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            b.append(String.format("%4d %s%n", i + 1, lines[i]));
        }
        return b.toString();
    }

    /** Starts the executable under qemu-hppa with an empty environment; stdout and stderr go to files. */
    static Process startQemu(Path exe) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(QEMU, exe.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(exe.resolveSibling(exe.getFileName() + ".out").toFile())
                .redirectError(exe.resolveSibling(exe.getFileName() + ".err").toFile());
        pb.environment().clear();
        return pb.start();
    }

    static Outcome finishQemu(Process p, Path exe, long timeoutSeconds) throws IOException, InterruptedException {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Outcome("", "qemu-hppa timed out after " + timeoutSeconds + " s", -1);
        }
        return new Outcome(
                Files.readString(exe.resolveSibling(exe.getFileName() + ".out"), StandardCharsets.ISO_8859_1),
                Files.readString(exe.resolveSibling(exe.getFileName() + ".err"), StandardCharsets.ISO_8859_1),
                p.exitValue());
    }

    static Outcome runQemu(Path exe) throws IOException, InterruptedException {
        return finishQemu(startQemu(exe), exe, TOOL_TIMEOUT_SECONDS);
    }

    /** Runs {@code exe} on our emulator, translating blocks after {@code jitThreshold} visits (0: interpret only). */
    static Outcome runEmulator(Path exe, int jitThreshold) throws Exception {
        return Outcome.of(LinuxProcess.run(exe, List.of(exe.toString()), new byte[0], INSTRUCTION_LIMIT, jitThreshold));
    }
}
