package org.hbft.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hbft.machine.linux.LinuxProcess;
import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Test;

/**
 * Translated blocks must stop exactly where the interpreter stops: at the end of a hypervisor
 * epoch and at the guest's own recovery-counter trap, with the same instruction address queue,
 * registers and instruction count.
 */
class BlockTranslationTest {
    /** What is visible at a stop. */
    record Stop(Cpu.Stop reason, long cycles, int front, int back, int psw, List<Integer> registers) {
        static Stop of(Cpu.Stop reason, Cpu cpu) {
            List<Integer> regs = new ArrayList<>();
            for (int r : cpu.gr) {
                regs.add(r);
            }
            return new Stop(reason, cpu.cycles(), cpu.iaoqFront(), cpu.iaoqBack(), cpu.psw(), regs);
        }
    }

    private static Cpu boot(int jitThreshold) throws ElfException {
        ElfImage image = ElfImage.read(RepoPaths.guests().resolve("bin/dhry-O2"));
        LinuxProcess p = new LinuxProcess(image, "dhry", List.of("dhry", "3000"), InputStream.nullInputStream(),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), w -> { }, false);
        p.cpu().setJitThreshold(jitThreshold);
        return p.cpu();
    }

    /** Runs epochs of the given lengths (cycling through them) and records every stop. */
    private static List<Stop> epochs(int jitThreshold, int[] lengths, int count) throws ElfException {
        Cpu cpu = boot(jitThreshold);
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cpu.armEpochCounter(lengths[i % lengths.length]);
            Cpu.Stop reason = cpu.run(Long.MAX_VALUE);
            stops.add(Stop.of(reason, cpu));
            if (reason != Cpu.Stop.EPOCH) {
                break;
            }
        }
        return stops;
    }

    @Test
    void epochsEndAtTheSameInstructionTranslatedOrInterpreted() throws ElfException {
        int[] lengths = {1, 2, 3, 7, 64, 65, 1000, 4096, 5};
        List<Stop> interpreted = epochs(0, lengths, 3000);
        List<Stop> translated = epochs(1, lengths, 3000);
        assertThat(interpreted).hasSize(3000).allMatch(s -> s.reason() == Cpu.Stop.EPOCH);
        assertThat(translated).isEqualTo(interpreted);
    }

    @Test
    void guestRecoveryCounterTrapsAtTheSameInstructionTranslatedOrInterpreted() throws ElfException {
        List<List<Stop>> runs = new ArrayList<>();
        for (int threshold : new int[] {0, 1, 32}) {
            Cpu cpu = boot(threshold);
            List<Stop> stops = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                // Arm CR0 as a guest kernel would: the trap comes when it goes negative.
                cpu.setPsw(cpu.psw() | Psw.R);
                cpu.setControlRegister(ControlRegisters.RC, 37 + (i * 101) % 3000);
                Cpu.Stop reason = cpu.run(Long.MAX_VALUE);
                stops.add(Stop.of(reason, cpu));
                assertThat(reason).isEqualTo(Cpu.Stop.TRAP);
                assertThat(cpu.trapNumber()).isEqualTo(Interruption.RECOVERY_COUNTER);
                cpu.setPsw(cpu.psw() & ~Psw.R);
            }
            runs.add(stops);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
    }

    @Test
    void translationHappensOnlyOnceAWordIsHot() throws ElfException {
        Cpu never = boot(0);
        never.run(2_000_000);
        assertThat(never.translatedBlocks()).isZero();

        Cpu eager = boot(1);
        eager.run(2_000_000);
        Cpu lazy = boot(1000);
        lazy.run(2_000_000);
        assertThat(lazy.translatedBlocks()).isPositive().isLessThan(eager.translatedBlocks());
        assertThat(Arrays.equals(lazy.gr, eager.gr)).isTrue();
        assertThat(lazy.cycles()).isEqualTo(eager.cycles());
    }
}
