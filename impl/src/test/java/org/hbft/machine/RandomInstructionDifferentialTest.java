package org.hbft.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

import org.hbft.machine.Toolchain.Outcome;

/**
 * Random PA-RISC 1.1 integer programs, run under qemu-hppa (the reference) and under our
 * emulator, must print the same registers, carry, SAR and memory, byte for byte, and exit
 * with the same status, both interpreted and translated to blocks from the first instruction.
 *
 * <p>The number of programs is jqwik's default tries, {@code jqwik.tries.default} (1,000 unless
 * Maven's {@code hbft.jqwik.tries} or {@code -Pthorough} says otherwise). Skipped when the cross
 * tools or qemu-hppa are not installed.
 */
@AddLifecycleHook(RandomInstructionDifferentialTest.RequiresToolchain.class)
class RandomInstructionDifferentialTest {
    private static final long QEMU_TIMEOUT_SECONDS = 30;
    private static Path dir;

    /** Skips the whole class, with the reason, where the tools are missing. */
    public static final class RequiresToolchain implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Toolchain.missing(true).map(SkipResult::skip).orElse(SkipResult.doNotSkip());
        }
    }

    @BeforeContainer
    static void createWorkDirectory() throws IOException {
        dir = Files.createTempDirectory("hbft-differential");
    }

    @AfterContainer
    static void deleteWorkDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Provide
    Arbitrary<AsmProgram> programs() {
        return InstructionGenerator.programs();
    }

    @Property(shrinking = ShrinkingMode.FULL)
    void emulatorMatchesQemuOnRandomPrograms(@ForAll("programs") AsmProgram program) throws Exception {
        String source = program.assembly();
        Path exe = Toolchain.build(source, dir, "program");
        // qemu runs in its own process while we emulate: two cores, half the wait.
        Process qemu = Toolchain.startQemu(exe);
        Outcome interpreted;
        Outcome translated;
        try {
            interpreted = Toolchain.runEmulator(exe, 0);
            translated = Toolchain.runEmulator(exe, 1);
        } catch (RuntimeException | Error e) {
            qemu.destroyForcibly().waitFor();
            throw e;
        }
        Outcome reference = Toolchain.finishQemu(qemu, exe, QEMU_TIMEOUT_SECONDS);
        if (!interpreted.equals(reference)) {
            throw new AssertionError("interpreted: " + mismatch(source, reference, interpreted));
        }
        if (!translated.equals(reference)) {
            throw new AssertionError("translated to blocks: " + mismatch(source, reference, translated));
        }
    }

    static String mismatch(String source, Outcome reference, Outcome ours) {
        StringBuilder m = new StringBuilder("emulator differs from qemu-hppa\n");
        if (reference.exit() != ours.exit()) {
            m.append("exit status: qemu ").append(reference.exit()).append(", ours ").append(ours.exit()).append('\n');
        }
        String[] q = reference.stdout().split("\n", -1);
        String[] o = ours.stdout().split("\n", -1);
        for (int i = 0; i < Math.max(q.length, o.length); i++) {
            String ql = i < q.length ? q[i] : "<none>";
            String ol = i < o.length ? o[i] : "<none>";
            if (!ql.equals(ol)) {
                m.append("  qemu ").append(ql).append("   ours ").append(ol).append('\n');
            }
        }
        if (!reference.stderr().equals(ours.stderr())) {
            m.append("stderr: qemu [").append(reference.stderr()).append("] ours [").append(ours.stderr()).append("]\n");
        }
        m.append("--- program ---\n").append(source);
        m.append("--- qemu stdout ---\n").append(reference.stdout());
        m.append("--- our stdout ---\n").append(ours.stdout());
        return m.toString();
    }
}
