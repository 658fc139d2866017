package org.hbft.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Idle loops are fast-forwarded only when that is exact: a processor that skips and one that
 * spins every iteration end in the same state after the same instructions, whatever stops them
 * (an epoch's end, the run budget, the recovery counter, the interval timer); loops that store to
 * memory or read the clock are run, not skipped.
 */
class IdleLoopTest {
    static final int CODE = 0x1000;
    static final int IVA = 0x8000;
    /** The device register whose stores say "idle". */
    static final int IDLE_REG = 0xF0000008;
    static final int COUNTER = 0x4000;

    /** Two stores to the idle register per iteration, as GCC unrolls the kernel's idle task. */
    static final int[] KERNEL_IDLE_LOOP = {
        Encode.stw(19, 0, 28), Encode.stw(19, 0, 28), Encode.bl(-16, 0) | 2, Encode.nop(),
    };

    static Cpu machine(boolean skipping, int[] program, Consumer<Cpu> setup) {
        PagedMemory mem = new PagedMemory();
        mem.map(0, 0x20000, PagedMemory.READ | PagedMemory.WRITE | PagedMemory.EXEC);
        Cpu cpu = new Cpu(mem, false);
        cpu.setIoSpace(new Cpu.IoSpace() {
            @Override
            public boolean claims(int pa) {
                return pa == IDLE_REG;
            }

            @Override
            public int load(int pa, int size) {
                return 0;
            }

            @Override
            public void store(int pa, int size, int value) {
                cpu.idleHint();
            }
        });
        cpu.setIdleSkipping(skipping);
        cpu.setControlRegister(ControlRegisters.IVA, IVA);
        Encode.parkingVectors(mem, IVA);
        for (int i = 0; i < program.length; i++) {
            mem.pokeWord(CODE + 4 * i, program[i]);
        }
        cpu.gr[19] = 1;
        cpu.gr[28] = IDLE_REG;
        cpu.gr[5] = COUNTER;
        cpu.setIaoq(CODE, CODE + 4);
        cpu.setControlRegister(ControlRegisters.RC, 0x7fffffff);
        setup.accept(cpu);
        return cpu;
    }

    static void assertSameMachine(Cpu skipper, Cpu spinner) {
        assertThat(skipper.cycles()).isEqualTo(spinner.cycles());
        assertThat(skipper.epochRemaining()).isEqualTo(spinner.epochRemaining());
        assertThat(skipper.controlRegister(ControlRegisters.RC)).isEqualTo(spinner.controlRegister(ControlRegisters.RC));
        assertThat(skipper.controlRegister(ControlRegisters.EIRR)).isEqualTo(spinner.controlRegister(ControlRegisters.EIRR));
        assertThat(skipper.iaoqFront()).isEqualTo(spinner.iaoqFront());
        assertThat(skipper.stateDigest()).isEqualTo(spinner.stateDigest());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 3, 4, 5, 4096, 4097, 4098, 4099, 32768, 1_000_003})
    void idleLoopIsSkippedToTheEpochsEndExactly(long epoch) {
        Cpu skipper = machine(true, KERNEL_IDLE_LOOP, c -> { });
        Cpu spinner = machine(false, KERNEL_IDLE_LOOP, c -> { });
        for (Cpu c : new Cpu[] {skipper, spinner}) {
            c.armEpochCounter(epoch);
            assertThat(c.run(Long.MAX_VALUE)).isEqualTo(Cpu.Stop.EPOCH);
        }
        assertSameMachine(skipper, spinner);
        assertThat(spinner.idleInstructionsSkipped()).isZero();
        if (epoch >= 4096) {
            assertThat(skipper.idleInstructionsSkipped()).as("most of the epoch skipped").isGreaterThan(epoch * 9 / 10);
        }
        // And the next epoch, from a point inside the loop.
        for (Cpu c : new Cpu[] {skipper, spinner}) {
            c.armEpochCounter(epoch + 1);
            assertThat(c.run(Long.MAX_VALUE)).isEqualTo(Cpu.Stop.EPOCH);
        }
        assertSameMachine(skipper, spinner);
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 7, 1000, 99_999})
    void idleLoopIsSkippedToTheRunBudgetExactly(long budget) {
        Cpu skipper = machine(true, KERNEL_IDLE_LOOP, c -> { });
        Cpu spinner = machine(false, KERNEL_IDLE_LOOP, c -> { });
        skipper.run(budget);
        spinner.run(budget);
        assertSameMachine(skipper, spinner);
    }

    @Test
    void recoveryCounterTrapComesAtTheSameInstruction() {
        assertInterruptionComesAtTheSameInstruction(c -> {
            c.setPsw(Psw.R | Psw.Q);
            c.setControlRegister(ControlRegisters.RC, 10_001);
        }, 50_000, Interruption.RECOVERY_COUNTER, 9_000);
    }

    @Test
    void intervalTimerInterruptComesAtTheSameInstruction() {
        assertInterruptionComesAtTheSameInstruction(c -> {
            c.setControlRegister(ControlRegisters.EIEM, 1 << 31);
            c.setPsw(Psw.Q | Psw.I);
            c.setControlRegister(ControlRegisters.IT, 20_002);
        }, 30_000, Interruption.EXTERNAL, 19_000);
    }

    /** The kernel's idle loop, set up to be interrupted: a skipper and a spinner take it at the same place. */
    static void assertInterruptionComesAtTheSameInstruction(Consumer<Cpu> setup, long budget, int vector, long skippedAtLeast) {
        Cpu skipper = machine(true, KERNEL_IDLE_LOOP, setup);
        Cpu spinner = machine(false, KERNEL_IDLE_LOOP, setup);
        skipper.run(budget);
        spinner.run(budget);
        assertThat(spinner.gr[20]).isEqualTo(vector);
        assertThat(skipper.idleInstructionsSkipped()).isGreaterThan(skippedAtLeast);
        assertSameMachine(skipper, spinner);
        assertThat(skipper.controlRegister(ControlRegisters.IIAOQ)).isEqualTo(spinner.controlRegister(ControlRegisters.IIAOQ));
    }

    @Test
    void loopThatStoresToMemoryIsRunNotSkipped() {
        // counter += 1 in memory, through r19, which then holds 1 again: the registers repeat, memory does not.
        int[] program = {
            Encode.ldw(0, 5, 19), Encode.addi(1, 19, 19), Encode.stw(19, 0, 5), Encode.ldi(1, 19),
            Encode.stw(19, 0, 28), Encode.bl(-28, 0), Encode.nop(),
        };
        Cpu skipper = machine(true, program, c -> { });
        Cpu spinner = machine(false, program, c -> { });
        for (Cpu c : new Cpu[] {skipper, spinner}) {
            c.armEpochCounter(70_000);
            c.run(Long.MAX_VALUE);
        }
        assertThat(skipper.idleInstructionsSkipped()).isZero();
        assertThat(skipper.memory().peekWord(COUNTER)).isEqualTo(10_000);
        assertSameMachine(skipper, spinner);
    }

    @Test
    void loopThatWaitsForTheIntervalTimerIsRunNotSkipped() {
        // Spins, idle, until CR16 reaches the deadline in r6, then sets r7 and parks: the registers
        // at the idle store repeat, but each iteration reads a clock that moves.
        int[] program = {
            Encode.mfctl(ControlRegisters.IT, 19),
            cmpclrUnsignedLess(19, 6, 0), // nullifies the exit branch while CR16 < deadline
            Encode.bl(12, 0),
            Encode.ldi(1, 19),
            Encode.stw(19, 0, 28),
            Encode.bl(-28, 0),
            Encode.nop(),
            Encode.ldi(77, 7),
            Encode.bl(-8, 0),
            Encode.nop(),
        };
        Consumer<Cpu> setup = c -> c.gr[6] = 50_000;
        Cpu skipper = machine(true, program, setup);
        Cpu spinner = machine(false, program, setup);
        for (long budget : new long[] {40_000, 20_000}) {
            skipper.run(budget);
            spinner.run(budget);
            assertSameMachine(skipper, spinner);
        }
        assertThat(spinner.gr[7]).as("the loop ended at its deadline").isEqualTo(77);
        assertThat(skipper.idleInstructionsSkipped()).isZero();
    }

    @Test
    void loopThatIsNotAFixedPointIsRunNotSkipped() {
        // r3 counts iterations: the state never repeats.
        int[] program = {Encode.addi(1, 3, 3), Encode.stw(19, 0, 28), Encode.bl(-16, 0), Encode.nop()};
        Cpu skipper = machine(true, program, c -> { });
        Cpu spinner = machine(false, program, c -> { });
        skipper.run(40_000);
        spinner.run(40_000);
        assertThat(skipper.gr[3]).isEqualTo(10_000);
        assertThat(skipper.idleInstructionsSkipped()).isZero();
        assertSameMachine(skipper, spinner);
    }

    /**
     * Any loop with an idle store in it: its body draws on a few registers (among them the idle
     * store's value and address), a scratch memory area (a counter in it, too) and the interval
     * timer (against a deadline, too), so some loops are fixed points and most are not. Skipping
     * or spinning, the processor ends in one state.
     */
    @Property
    void anyLoopEndsInTheSameStateSkippedOrSpun(@ForAll("loopBodies") List<int[]> snippets,
            @ForAll @IntRange(min = 1, max = 10_000) int epoch, @ForAll @IntRange(min = 1, max = 10_000) int budget,
            @ForAll @IntRange(min = 0, max = 20_000) int deadline) {
        int[] body = snippets.stream().flatMapToInt(java.util.Arrays::stream).toArray();
        int[] program = java.util.Arrays.copyOf(body, body.length + 3);
        int branch = body.length + 1;
        program[body.length] = Encode.stw(19, 0, 28);
        program[branch] = Encode.bl(-4 * branch - 8, 0);
        program[branch + 1] = Encode.nop();
        Cpu skipper = machine(true, program, c -> c.gr[6] = deadline);
        Cpu spinner = machine(false, program, c -> c.gr[6] = deadline);
        for (Cpu c : new Cpu[] {skipper, spinner}) {
            c.armEpochCounter(epoch);
            c.run(Long.MAX_VALUE);
            c.run(budget);
        }
        assertSameMachine(skipper, spinner);
        assertThat(skipper.memory().peekWord(COUNTER)).isEqualTo(spinner.memory().peekWord(COUNTER));
        assertThat(skipper.memory().peekWord(COUNTER + 4)).isEqualTo(spinner.memory().peekWord(COUNTER + 4));
        // Not vacuous: a fair share of the loops is skipped, and some are not.
        Statistics.label("skipped").collect(skipper.idleInstructionsSkipped() > 0);
        Statistics.label("skipped").coverage(c -> {
            c.check(true).percentage(p -> p > 10);
            c.check(false).percentage(p -> p > 10);
        });
    }

    @Provide
    Arbitrary<List<int[]>> loopBodies() {
        Arbitrary<Integer> reg = Arbitraries.of(1, 2, 3, 19, 28);
        Arbitrary<Integer> disp = Arbitraries.of(0, 4);
        Arbitrary<Integer> insn = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(-2, 2), reg).as(Encode::ldi),
                Combinators.combine(Arbitraries.integers().between(-1, 1), reg, reg).as(Encode::addi),
                Combinators.combine(reg, reg, reg).as(Encode::addl),
                Combinators.combine(reg, reg, reg).as(Encode::cmpclrEq),
                Combinators.combine(disp, reg).as((d, t) -> Encode.ldw(d, 5, t)),
                Combinators.combine(reg, disp).as((r, d) -> Encode.stw(r, d, 5)),
                reg.map(t -> Encode.mfctl(ControlRegisters.IT, t)),
                Arbitraries.just(Encode.stw(19, 0, 28)),
                Arbitraries.just(Encode.nop()));
        // A memory counter bumped through a register, and a clock read against the deadline in r6
        // that nullifies what follows until the deadline has passed.
        Arbitrary<int[]> counter = Combinators.combine(disp, reg)
                .as((d, t) -> new int[] {Encode.ldw(d, 5, t), Encode.addi(1, t, t), Encode.stw(t, d, 5)});
        Arbitrary<int[]> deadline = reg.map(t -> new int[] {Encode.mfctl(ControlRegisters.IT, t), cmpclrUnsignedLess(t, 6, 0)});
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, insn.map(i -> new int[] {i})),
                net.jqwik.api.Tuple.of(1, counter),
                net.jqwik.api.Tuple.of(1, deadline)).list().ofMinSize(0).ofMaxSize(6);
    }

    /** CMPCLR,<< r1,r2,t: clears t and nullifies the next instruction when r1 < r2 unsigned. */
    static int cmpclrUnsignedLess(int r1, int r2, int t) {
        return (0x02 << 26) | (r2 << 21) | (r1 << 16) | (4 << 13) | (0x22 << 6) | t;
    }
}
