package org.hbft.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.hbft.machine.Toolchain.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hand-written programs for control-flow and condition cases that random generation reaches
 * rarely or never (it only branches forward and never puts a branch in a delay slot). Each
 * states the expected registers; where qemu-hppa is installed its output must also match ours
 * byte for byte, so the expectations are checked against the reference too.
 */
class ExampleProgramsTest {
    @TempDir
    static Path dir;

    @BeforeEach
    void requireAssemblerAndLinker() {
        assumeTrue(Toolchain.missing(false).isEmpty(), () -> Toolchain.missing(false).get());
    }

    @Test
    void compareAndClearNullifiesTheBranchAfterIt() throws Exception {
        Map<String, Integer> v = run("""
                cmpclr,= %r1,%r1,%r3
                b .Lskip
                ldi 7,%r4
                ldi 8,%r5
        .Lskip: ldi 9,%r6
        """, Map.of(1, 5, 3, 0x33));
        // The branch is nullified, so ldi 7 is no delay slot but an ordinary next instruction.
        assertThat(v).containsEntry("r03", 0).containsEntry("r04", 7).containsEntry("r05", 8).containsEntry("r06", 9);
    }

    @Test
    void compareAndClearThatDoesNotNullifyLetsTheBranchRunItsDelaySlot() throws Exception {
        Map<String, Integer> v = run("""
                cmpclr,<> %r1,%r1,%r3
                b .Lskip
                ldi 7,%r4
                ldi 8,%r5
        .Lskip: ldi 9,%r6
        """, Map.of(1, 5, 5, 0x55));
        assertThat(v).containsEntry("r03", 0).containsEntry("r04", 7).containsEntry("r05", 0x55).containsEntry("r06", 9);
    }

    @Test
    void aNullifiedCompareAndClearNeitherClearsNorNullifies() throws Exception {
        Map<String, Integer> v = run("""
                cmpclr,= %r0,%r0,%r3
                cmpclr,= %r0,%r0,%r4
                ldi 5,%r5
        """, Map.of(3, 0x33, 4, 0x44));
        assertThat(v).containsEntry("r03", 0).containsEntry("r04", 0x44).containsEntry("r05", 5);
    }

    @Test
    void aNullifiedAdditionLeavesTheCarryAlone() throws Exception {
        Map<String, Integer> v = run("""
                add %r0,%r0,%r0
                add,tr %r0,%r0,%r0
                sub %r0,%r0,%r0
        """, Map.of());
        assertThat(v).containsEntry("cry", 0);
    }

    @Test
    void aBranchInTheDelaySlotRunsOneInstructionAtTheFirstTarget() throws Exception {
        Map<String, Integer> v = run("""
                b .La
                b .Lb
                ldi 1,%r3
        .La:    ldi 2,%r4
                ldi 3,%r5
        .Lb:    ldi 4,%r6
        """, Map.of());
        assertThat(v).containsEntry("r03", 0).containsEntry("r04", 2).containsEntry("r05", 0).containsEntry("r06", 4);
    }

    @Test
    void aDelaySlotInstructionCanNullifyTheBranchTarget() throws Exception {
        Map<String, Integer> v = run("""
                b .Lt
                cmpclr,= %r0,%r0,%r3
                ldi 1,%r4
        .Lt:    ldi 2,%r5
                ldi 3,%r6
        """, Map.of(3, 0x33));
        assertThat(v).containsEntry("r03", 0).containsEntry("r04", 0).containsEntry("r05", 0).containsEntry("r06", 3);
    }

    @Test
    void backwardBranchWithNullifyRunsTheDelaySlotOnlyWhenTaken() throws Exception {
        Map<String, Integer> v = run("""
                ldi 3,%r3
        .Ltop:  addi 1,%r4,%r4
                addib,<>,n -1,%r3,.Ltop
                addi 16,%r5,%r5
        """, Map.of());
        // Taken twice (delay slot runs), then falls through (delay slot nullified).
        assertThat(v).containsEntry("r03", 0).containsEntry("r04", 3).containsEntry("r05", 32);
    }

    @Test
    void forwardBranchWithNullifyRunsTheDelaySlotOnlyWhenNotTaken() throws Exception {
        Map<String, Integer> v = run("""
                cmpib,=,n 0,%r0,.L1
                ldi 1,%r3
        .L1:    cmpib,<>,n 0,%r0,.L2
                ldi 2,%r4
        .L2:    nop
        """, Map.of());
        assertThat(v).containsEntry("r03", 0).containsEntry("r04", 2);
    }

    @Test
    void aNullifiedBackwardBranchDoesNotLoop() throws Exception {
        Map<String, Integer> v = run("""
        .Ltop:  addi 1,%r4,%r4
                cmpiclr,= 0,%r0,%r0
                b .Ltop
                addi 1,%r5,%r5
        """, Map.of());
        assertThat(v).containsEntry("r04", 1).containsEntry("r05", 1);
    }

    @Test
    void linkRegisterCarriesPrivilegeLevelThree() throws Exception {
        Map<String, Integer> v = run("""
                b,l .Lx,%r2
                nop
        .Lx:    ldil L%.Lx,%r3
                ldo R%.Lx(%r3),%r3
                sub %r2,%r3,%r4
        """, Map.of());
        assertThat(v).containsEntry("r04", 3);
    }

    @Test
    void addWithCarryChainsA64BitSum() throws Exception {
        Map<String, Integer> v = run("""
                add %r2,%r4,%r6
                add,c %r1,%r3,%r5
                sub %r6,%r4,%r8
                sub,b %r5,%r3,%r7
        """, Map.of(1, 0x00000001, 2, 0xffffffff, 3, 0, 4, 1));
        assertThat(v).containsEntry("r05", 2).containsEntry("r06", 0).containsEntry("r07", 1).containsEntry("r08", 0xffffffff);
    }

    @Test
    void lessThanAfterAnAdditionIsSignXorOverflow() throws Exception {
        Map<String, Integer> v = run("""
                add,< %r1,%r1,%r3
                ldi 1,%r4
                addi,<= 1,%r1,%r3
                ldi 1,%r5
        """, Map.of(1, 0x7fffffff));
        // 0x7fffffff + 0x7fffffff overflows to a negative result that is not "less than".
        assertThat(v).containsEntry("r04", 1).containsEntry("r05", 1);
    }

    @Test
    void divideStepTakesTheNewSignOfItsTargetWhenTargetIsR2() throws Exception {
        Map<String, Integer> v = run("""
                ds %r3,%r1,%r1
                ds %r0,%r4,%r5
        """, Map.of(1, 0x40000000, 3, 0x20000000, 4, 1));
        // r1 becomes 0x80000000; V = carry (0) xor its new sign (1), so the second step subtracts.
        assertThat(v).containsEntry("r01", 0x80000000).containsEntry("r05", 0xffffffff);
    }

    @Test
    void divideStepIntoR0TakesVFromR0() throws Exception {
        Map<String, Integer> v = run("""
                ds %r1,%r0,%r0
                ds %r0,%r5,%r6
        """, Map.of(1, 0x40000000, 5, 1));
        // The discarded result 0x80000000 must not count as the sign of r2 (%r0): V stays clear, so add.
        assertThat(v).containsEntry("r06", 1);
    }

    /** Runs {@code body} with the given initial registers (others 0); returns our printed values. */
    private Map<String, Integer> run(String body, Map<Integer, Integer> registers) throws Exception {
        List<Integer> regs = new ArrayList<>(Collections.nCopies(AsmProgram.INITIALISED.length, 0));
        for (int i = 0; i < AsmProgram.INITIALISED.length; i++) {
            regs.set(i, registers.getOrDefault(AsmProgram.INITIALISED[i], 0));
        }
        String source = AsmProgram.source(body, regs, Collections.nCopies(AsmProgram.BUFFER_WORDS, 0), 0, false, 0);
        Path work = Files.createTempDirectory(dir, "example");
        Path exe = Toolchain.build(source, work, "example");
        Outcome ours = Toolchain.runEmulator(exe, 0);
        assertThat(Toolchain.runEmulator(exe, 1)).as("translated to blocks").isEqualTo(ours);
        assertThat(ours.exit()).as("exit status").isBetween(0, 127);
        if (Toolchain.missing(true).isEmpty()) {
            Outcome reference = Toolchain.runQemu(exe);
            if (!reference.equals(ours)) {
                throw new AssertionError(RandomInstructionDifferentialTest.mismatch(source, reference, ours));
            }
        }
        return AsmProgram.parse(ours.stdout());
    }
}
