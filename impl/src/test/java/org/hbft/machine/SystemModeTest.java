package org.hbft.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The system architecture the hypervisor depends on, checked against the PA-RISC 1.1 manual's
 * definitions: interruption vectoring, privilege checks, RFI, external interrupts, the interval
 * timer derived from the instruction count, the recovery counter, and TLB translation.
 */
class SystemModeTest {
    static final int CODE = 0x1000;
    static final int IVA = 0x8000;
    PagedMemory mem;
    Cpu cpu;

    @BeforeEach
    void boot() {
        mem = new PagedMemory();
        mem.map(0, 0x20000, PagedMemory.READ | PagedMemory.WRITE | PagedMemory.EXEC);
        cpu = new Cpu(mem, false);
        cpu.setControlRegister(ControlRegisters.IVA, IVA);
        Encode.parkingVectors(mem, IVA);
        cpu.setIaoq(CODE, CODE + 4);
    }

    void program(int... words) {
        for (int i = 0; i < words.length; i++) {
            mem.pokeWord(CODE + 4 * i, words[i]);
        }
    }

    /** An endless counting loop at CODE: r3 += 1. */
    void countingLoop() {
        program(Encode.addi(1, 3, 3), Encode.bl(-12, 0), Encode.nop());
    }

    @Test
    void recoveryCounterTrapsAfterCounterPlusOneInstructions() {
        countingLoop();
        cpu.setPsw(Psw.R | Psw.Q);
        cpu.setControlRegister(ControlRegisters.RC, 29);
        cpu.run(30);
        // 30 instructions of the loop have completed: 10 iterations of (addi, b, nop).
        assertThat(cpu.gr[3]).isEqualTo(10);
        assertThat(cpu.controlRegister(ControlRegisters.RC)).isEqualTo(-1);
        cpu.run(1);
        assertThat(cpu.iaoqFront()).isEqualTo(IVA + 32 * Interruption.RECOVERY_COUNTER + 4);
        assertThat(cpu.gr[20]).isEqualTo(Interruption.RECOVERY_COUNTER);
        assertThat(cpu.controlRegister(ControlRegisters.IIAOQ)).as("resumes at the next instruction").isEqualTo(CODE);
        assertThat(cpu.controlRegister(ControlRegisters.IPSW) & Psw.R).isNotZero();
        assertThat(cpu.psw() & Psw.R).as("interruption clears PSW R").isZero();
    }

    @Test
    void nullifiedInstructionsDoNotDecrementTheRecoveryCounter() {
        // cmpclr,= r0,r0 always nullifies the addi after it.
        program(Encode.cmpclrEq(0, 0, 0), Encode.addi(1, 3, 3), Encode.addi(1, 4, 4), Encode.bl(-20, 0), Encode.nop());
        cpu.setPsw(Psw.R | Psw.Q);
        cpu.setControlRegister(ControlRegisters.RC, 1000);
        cpu.run(50); // 10 iterations of 5 instructions, one of them nullified
        assertThat(cpu.gr[3]).isZero();
        assertThat(cpu.gr[4]).isEqualTo(10);
        assertThat(cpu.controlRegister(ControlRegisters.RC)).isEqualTo(1000 - 40);
    }

    @Test
    void hypervisorEpochCounterStopsAfterExactlyTheEpochAndLeavesGuestStateAlone() {
        countingLoop();
        cpu.setControlRegister(ControlRegisters.RC, 12345);
        cpu.armEpochCounter(30);
        assertThat(cpu.run(Long.MAX_VALUE)).isEqualTo(Cpu.Stop.EPOCH);
        assertThat(cpu.gr[3]).isEqualTo(10);
        assertThat(cpu.cycles()).isEqualTo(30);
        assertThat(cpu.controlRegister(ControlRegisters.RC)).as("the guest's CR0 is its own").isEqualTo(12345);
        assertThat(cpu.psw() & Psw.R).isZero();
        assertThat(cpu.iaoqFront()).isEqualTo(CODE);
        assertThat(cpu.epochCounterArmed()).isFalse();
    }

    @Test
    void hypervisorEpochCounterSkipsNullifiedInstructionsAndSurvivesOtherStops() {
        program(Encode.cmpclrEq(0, 0, 0), Encode.addi(1, 3, 3), Encode.addi(1, 4, 4), Encode.bl(-20, 0), Encode.nop());
        cpu.armEpochCounter(40);
        assertThat(cpu.run(25)).as("a budget stop mid-epoch").isEqualTo(Cpu.Stop.BUDGET);
        assertThat(cpu.epochRemaining()).isEqualTo(20);
        assertThat(cpu.run(Long.MAX_VALUE)).isEqualTo(Cpu.Stop.EPOCH);
        assertThat(cpu.gr[4]).isEqualTo(10);
        assertThat(cpu.cycles()).as("40 counted + 10 nullified").isEqualTo(50);
    }

    @Test
    void recoveryCounterStandsStillWhileDisabled() {
        countingLoop();
        cpu.setControlRegister(ControlRegisters.RC, 5);
        cpu.run(300);
        assertThat(cpu.gr[3]).isEqualTo(100);
        assertThat(cpu.controlRegister(ControlRegisters.RC)).isEqualTo(5);
    }

    @Test
    void privilegedOperationAtUserLevelVectorsToInterruption10() {
        program(Encode.ssm(0, 0));
        cpu.setIaoq(CODE | 3, (CODE + 4) | 3);
        cpu.setPsw(Psw.Q);
        cpu.run(2);
        assertThat(cpu.gr[20]).isEqualTo(Interruption.PRIVILEGED_OPERATION);
        assertThat(cpu.controlRegister(ControlRegisters.IIR)).isEqualTo(Encode.ssm(0, 0));
        assertThat(cpu.controlRegister(ControlRegisters.IIAOQ)).isEqualTo(CODE | 3);
        assertThat(cpu.privilege()).isZero();
    }

    @Test
    void controlRegistersArePrivilegedExceptSar() {
        program(Encode.ldi(7, 1), Encode.mtctl(1, ControlRegisters.SAR), Encode.mtctl(1, ControlRegisters.EIEM));
        cpu.setIaoq(CODE | 3, (CODE + 4) | 3);
        cpu.setPsw(Psw.Q);
        cpu.run(4);
        assertThat(cpu.controlRegister(ControlRegisters.SAR)).isEqualTo(7);
        assertThat(cpu.gr[20]).isEqualTo(Interruption.PRIVILEGED_REGISTER);
        assertThat(cpu.controlRegister(ControlRegisters.EIEM)).isZero();
    }

    @Test
    void breakVectorsAndRfiResumesAtTheSavedQueue() {
        // Handler for BREAK: resume after the break by rewriting the saved queue, then return.
        int v = IVA + 32 * Interruption.BREAK;
        mem.pokeWord(v, Encode.mfctl(ControlRegisters.IIAOQ, 1)); // front: the break itself
        mem.pokeWord(v + 4, Encode.ldo(4, 1, 1));
        mem.pokeWord(v + 8, Encode.mtctl(1, ControlRegisters.IIAOQ)); // each write shifts the queue
        mem.pokeWord(v + 12, Encode.ldo(4, 1, 1));
        mem.pokeWord(v + 16, Encode.mtctl(1, ControlRegisters.IIAOQ));
        mem.pokeWord(v + 20, Encode.rfi());
        program(Encode.ldi(1, 5), Encode.breakInsn(), Encode.ldi(2, 6), Encode.ldi(3, 7), Encode.bl(-8, 0), Encode.nop());
        cpu.setPsw(Psw.Q);
        cpu.run(12);
        assertThat(cpu.gr[5]).isEqualTo(1);
        assertThat(cpu.gr[6]).isEqualTo(2);
        assertThat(cpu.gr[7]).isEqualTo(3);
        assertThat(cpu.psw() & Psw.Q).as("RFI restores the PSW").isNotZero();
    }

    @Test
    void externalInterruptIsTakenOnlyWhenUnmaskedAndEnabled() {
        countingLoop();
        cpu.setPsw(Psw.Q);
        cpu.raiseExternal(1 << 5);
        cpu.run(10);
        assertThat(cpu.gr[20]).as("PSW I clear: no interrupt").isZero();
        cpu.setControlRegister(ControlRegisters.EIEM, 1 << 5);
        cpu.setPsw(Psw.Q | Psw.I);
        cpu.run(2);
        assertThat(cpu.gr[20]).isEqualTo(Interruption.EXTERNAL);
        assertThat(cpu.psw() & Psw.I).isZero();
    }

    @Test
    void interruptsBetweenInstructionsLeaveIirAsItWas() {
        countingLoop();
        cpu.setControlRegister(ControlRegisters.IIR, 0x1234);
        cpu.setControlRegister(ControlRegisters.EIEM, 1 << 5);
        cpu.setPsw(Psw.Q | Psw.I);
        cpu.run(4); // the loop's page is current when the interrupt comes
        cpu.raiseExternal(1 << 5);
        cpu.run(1);
        assertThat(cpu.gr[20]).isEqualTo(Interruption.EXTERNAL);
        assertThat(cpu.controlRegister(ControlRegisters.IIR)).isEqualTo(0x1234);
    }

    @Test
    void intervalTimerCountsInstructionsAndRequestsInterruptAtTheComparisonValue() {
        countingLoop();
        cpu.setControlRegister(ControlRegisters.IT, 100);
        cpu.run(99);
        assertThat(cpu.controlRegister(ControlRegisters.EIRR)).isZero();
        cpu.run(1);
        assertThat(cpu.controlRegister(ControlRegisters.IT)).isEqualTo(100);
        assertThat(cpu.controlRegister(ControlRegisters.EIRR)).isEqualTo(1 << 31);
    }

    @Test
    void intervalTimerReadInsideARunCountsTheInstructionsBeforeIt() {
        program(Encode.ldi(1, 5), Encode.ldi(2, 6), Encode.mfctl(ControlRegisters.IT, 3), Encode.bl(-12, 0), Encode.nop());
        cpu.run(7);
        cpu.run(10);
        assertThat(cpu.gr[3]).as("read once per loop; the last read saw the instructions issued before it")
                .isEqualTo(14);
    }

    @Test
    void dataTranslationMissesThenHitsAfterTlbInsert() {
        mem.pokeWord(0x3008, 0xcafe);
        // r1 = virtual 0x10000008; r2 = physical page 3 in the PA 1.1 insert format; r3 = rights.
        program(Encode.ldw(0, 1, 4), Encode.bl(-8, 0), Encode.nop());
        cpu.gr[1] = 0x10000008;
        cpu.setPsw(Psw.Q | Psw.D);
        cpu.run(3);
        assertThat(cpu.gr[20]).isEqualTo(Interruption.DTLB_MISS);
        assertThat(cpu.controlRegister(ControlRegisters.IOR)).isEqualTo(0x10000008);

        cpu.gr[20] = 0;
        cpu.setPsw(Psw.Q);
        program(Encode.idtlb(true, 2, 1), Encode.idtlb(false, 3, 1), Encode.bl(-8, 0), Encode.nop());
        cpu.gr[2] = 3 << 5;
        cpu.gr[3] = (1 << 24) | (3 << 22) | (3 << 20) | (1 << 28); // read/write, PL1=PL2=3, dirty
        cpu.setIaoq(CODE, CODE + 4);
        cpu.run(3);
        program(Encode.ldw(0, 1, 4), Encode.bl(-8, 0), Encode.nop());
        cpu.setIaoq(CODE, CODE + 4);
        cpu.setPsw(Psw.Q | Psw.D);
        cpu.run(2);
        assertThat(cpu.gr[20]).isZero();
        assertThat(cpu.gr[4]).isEqualTo(0xcafe);
    }

    @Test
    void executionIsDeterministic() {
        countingLoop();
        Cpu other = new Cpu(copyOf(mem), false);
        other.setControlRegister(ControlRegisters.IVA, IVA);
        other.setIaoq(CODE, CODE + 4);
        cpu.run(12345);
        other.run(12345);
        assertThat(other.stateDigest()).isEqualTo(cpu.stateDigest());
        other.run(1);
        assertThat(other.stateDigest()).isNotEqualTo(cpu.stateDigest());
    }

    private static PagedMemory copyOf(PagedMemory src) {
        PagedMemory m = new PagedMemory();
        m.map(0, 0x20000, PagedMemory.READ | PagedMemory.WRITE | PagedMemory.EXEC);
        m.write(0, src.read(0, 0x20000), 0, 0x20000);
        return m;
    }
}
