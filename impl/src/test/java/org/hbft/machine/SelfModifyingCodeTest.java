package org.hbft.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A guest store over an instruction it has already run must take effect the next time that
 * instruction runs, whether it was interpreted or translated into a block: the store drops the
 * page's decoded and translated code. Here a loop runs until it is hot, a routine on the same
 * page overwrites the loop's first instruction, and the loop runs again.
 */
class SelfModifyingCodeTest {
    static final int CODE = 0x1000;
    static final int STORE = CODE + 0x100;
    static final int DATA = 0x3000;
    static final int IVA = 0x8000;
    static final int LOOPS = 1000;

    @ParameterizedTest(name = "translation threshold {0}")
    @ValueSource(ints = {0, 1, 32})
    void aStoreOverAHotLoopChangesWhatTheLoopDoes(int jitThreshold) {
        PagedMemory mem = new PagedMemory();
        mem.map(0, 0x20000, PagedMemory.READ | PagedMemory.WRITE | PagedMemory.EXEC);
        Cpu cpu = new Cpu(mem, false);
        cpu.setJitThreshold(jitThreshold);
        cpu.setControlRegister(ControlRegisters.IVA, IVA);
        // The break vector records its number in r20 and parks.
        int vector = IVA + 32 * Interruption.BREAK;
        mem.pokeWord(vector, Encode.ldi(Interruption.BREAK, 20));
        mem.pokeWord(vector + 4, Encode.bl(-8, 0));
        mem.pokeWord(vector + 8, Encode.nop());
        // r3 += 1, r4 times; then break.
        int[] loop = {Encode.addi(1, 3, 3), Encode.addi(-1, 4, 4), Encode.cmpclrEq(4, 0, 0), Encode.bl(-20, 0),
            Encode.nop(), Encode.breakInsn()};
        for (int i = 0; i < loop.length; i++) {
            mem.pokeWord(CODE + 4 * i, loop[i]);
        }
        // The guest's own store of "r3 += 2" over the loop's first instruction; then break.
        mem.pokeWord(DATA, Encode.addi(2, 3, 3));
        mem.pokeWord(STORE, Encode.ldw(0, 6, 7));
        mem.pokeWord(STORE + 4, Encode.stw(7, 0, 8));
        mem.pokeWord(STORE + 8, Encode.breakInsn());

        runToBreak(cpu, CODE);
        assertThat(cpu.gr[3]).isEqualTo(LOOPS);
        if (jitThreshold > 0) {
            assertThat(cpu.translatedBlocks()).as("the loop was translated").isPositive();
        }

        cpu.gr[6] = DATA;
        cpu.gr[8] = CODE;
        runToBreak(cpu, STORE);
        assertThat(mem.peekWord(CODE)).isEqualTo(Encode.addi(2, 3, 3));

        runToBreak(cpu, CODE);
        assertThat(cpu.gr[3]).as("the rewritten instruction ran").isEqualTo(2 * LOOPS);
    }

    /** Runs from {@code at} with r3 = 0 and r4 = LOOPS until the break vector is reached. */
    private static void runToBreak(Cpu cpu, int at) {
        cpu.gr[3] = 0;
        cpu.gr[4] = LOOPS;
        cpu.gr[20] = 0;
        cpu.setPsw(0);
        cpu.setIaoq(at, at + 4);
        cpu.run(10L * LOOPS);
        assertThat(cpu.gr[20]).as("reached the break").isEqualTo(Interruption.BREAK);
    }
}
