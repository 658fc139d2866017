package org.hbft.machine;

import java.util.Arrays;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import org.hbft.machine.Insn.BOp;
import org.hbft.machine.Insn.MemOp;
import org.hbft.machine.Insn.SOp;
import org.hbft.machine.Insn.Simple;

/**
 * jqwik arbitraries for random PA-RISC 1.1 integer programs. Everything is built from
 * combinators, so a failing program shrinks record by record and field by field (registers
 * towards the low ones, immediates towards 0, conditions towards "never").
 */
final class InstructionGenerator {
    static final int MAX_BODY = 40;

    private static final SOp[] THREE_REGISTER = {SOp.ADD, SOp.ADD_L, SOp.ADD_C, SOp.SH1ADD, SOp.SH2ADD, SOp.SH3ADD,
        SOp.SH1ADD_L, SOp.SH2ADD_L, SOp.SH3ADD_L, SOp.SUB, SOp.SUB_B, SOp.CMPCLR, SOp.AND, SOp.OR, SOp.XOR,
        SOp.ANDCM, SOp.UXOR, SOp.UADDCM, SOp.DS};
    /** Carry consumers and producers, weighted up so that carry chains are common. */
    private static final SOp[] CARRY = {SOp.ADD, SOp.ADD_C, SOp.ADD_C, SOp.SUB, SOp.SUB_B, SOp.SUB_B, SOp.DS};
    /** A few registers that most operands come from, so instructions depend on each other. */
    private static final int[] HOT = {1, 2, 3, 4, 5, 6};

    private InstructionGenerator() {
    }

    static Arbitrary<AsmProgram> programs() {
        return Combinators.combine(
                Arbitraries.integers().list().ofSize(AsmProgram.INITIALISED.length),
                Arbitraries.integers().list().ofSize(AsmProgram.BUFFER_WORDS),
                Arbitraries.integers().between(0, 31),
                Arbitraries.of(false, true),
                padding(),
                records().list().ofMinSize(1).ofMaxSize(MAX_BODY))
            .as(AsmProgram::new);
    }

    /**
     * NOPs before the body: none, or enough to start the body up to ~150 instructions before the
     * end of the first text page (the prologue ends at 0x10178), so that it runs into the next.
     */
    static Arbitrary<Integer> padding() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, between(780, 929)));
    }

    static Arbitrary<Insn> records() {
        return Arbitraries.frequencyOf(
                Tuple.of(40, up(simple())),
                Tuple.of(3, up(sarField())),
                Tuple.of(8, up(access())),
                Tuple.of(3, up(indexed())),
                Tuple.of(2, up(storeBytes())),
                Tuple.of(2, up(loadClear())),
                Tuple.of(14, up(condBranch())),
                Tuple.of(3, up(jump())),
                Tuple.of(2, up(tableJump())),
                Tuple.of(2, up(registerJump())),
                Tuple.of(2, up(call())),
                Tuple.of(3, up(loop())));
    }

    private static Arbitrary<Insn> up(Arbitrary<? extends Insn> a) {
        return a.map(x -> x);
    }

    // ------------------------------------------------------------------ operands

    private static Arbitrary<Integer> pool(int[] regs) {
        return Arbitraries.of(IntStream.of(regs).boxed().toList());
    }

    private static Arbitrary<Integer> biased(int[] regs) {
        int[] hot = IntStream.of(HOT).filter(r -> Arrays.stream(regs).anyMatch(x -> x == r)).toArray();
        return Arbitraries.frequencyOf(Tuple.of(3, pool(hot)), Tuple.of(2, pool(regs)));
    }

    static Arbitrary<Integer> src() {
        return Arbitraries.frequencyOf(Tuple.of(10, biased(Insn.SOURCES)), Tuple.of(1, Arbitraries.just(0)));
    }

    static Arbitrary<Integer> dst() {
        return Arbitraries.frequencyOf(Tuple.of(20, biased(Insn.SCRATCH)), Tuple.of(1, Arbitraries.just(0)));
    }

    static Arbitrary<Integer> scratch() {
        return biased(Insn.SCRATCH);
    }

    /** Condition index: "never" (index 0) often, otherwise any of the instruction's table. */
    static Arbitrary<Integer> cond() {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)), Tuple.of(3, Arbitraries.integers().between(0, 15)));
    }

    private static Arbitrary<Integer> between(int lo, int hi) {
        return Arbitraries.integers().between(lo, hi);
    }

    private static Arbitrary<Boolean> bool() {
        return Arbitraries.of(false, true);
    }

    // ------------------------------------------------------------------ straight-line

    static Arbitrary<Simple> simple() {
        Arbitrary<Simple> rrr = Combinators.combine(Arbitraries.of(THREE_REGISTER), cond(), src(), src(), dst())
                .as((op, c, a, b, t) -> new Simple(op, c, a, b, t, 0, 0, 0));
        Arbitrary<Simple> carry = Combinators.combine(Arbitraries.of(CARRY), cond(), src(), src(), dst())
                .as((op, c, a, b, t) -> new Simple(op, c, a, b, t, 0, 0, 0));
        Arbitrary<Simple> imm = Combinators.combine(Arbitraries.of(SOp.ADDI, SOp.SUBI, SOp.CMPICLR), cond(),
                between(-1024, 1023), src(), dst())
                .as((op, c, i, b, t) -> new Simple(op, c, 0, b, t, i, 0, 0));
        Arbitrary<Simple> ldil = Combinators.combine(Arbitraries.integers(), dst())
                .as((v, t) -> new Simple(SOp.LDIL, 0, 0, 0, t, v, 0, 0));
        Arbitrary<Simple> ldo = Combinators.combine(between(-8192, 8191), src(), dst())
                .as((d, b, t) -> new Simple(SOp.LDO, 0, 0, b, t, d, 0, 0));
        Arbitrary<Simple> addil = Combinators.combine(Arbitraries.integers(), src())
                .as((v, b) -> new Simple(SOp.ADDIL, 0, 0, b, 1, v, 0, 0));
        Arbitrary<Simple> shrpw = Combinators.combine(Arbitraries.of(SOp.SHRPW, SOp.SHRPW_SAR), cond(), src(), src(),
                between(0, 31), dst())
                .as((op, c, a, b, sa, t) -> new Simple(op, c, a, b, t, sa, 0, 0));
        Arbitrary<Simple> extract = Combinators.combine(Arbitraries.of(SOp.EXTRW_U, SOp.EXTRW_S), cond(), src(),
                between(0, 31), between(1, 32), dst())
                .as((op, c, a, pos, len, t) -> new Simple(op, c, a, 0, t, pos, len, 0));
        Arbitrary<Simple> deposit = Combinators.combine(Arbitraries.of(SOp.DEPW, SOp.DEPW_Z), cond(), src(),
                between(0, 31), between(1, 32), dst())
                .as((op, c, a, pos, len, t) -> new Simple(op, c, a, 0, t, pos, len, 0));
        Arbitrary<Simple> depositImm = Combinators.combine(Arbitraries.of(SOp.DEPWI, SOp.DEPWI_Z), cond(),
                between(-16, 15), between(0, 31), between(1, 32), dst())
                .as((op, c, v, pos, len, t) -> new Simple(op, c, 0, 0, t, pos, len, v));
        Arbitrary<Simple> mtsar = src().map(a -> new Simple(SOp.MTSAR, 0, a, 0, 0, 0, 0, 0));
        Arbitrary<Simple> mfsar = dst().map(t -> new Simple(SOp.MFSAR, 0, 0, 0, t, 0, 0, 0));
        return Arbitraries.frequencyOf(
                Tuple.of(12, rrr), Tuple.of(4, carry), Tuple.of(5, imm), Tuple.of(1, ldil), Tuple.of(1, ldo),
                Tuple.of(1, addil), Tuple.of(3, shrpw), Tuple.of(3, extract), Tuple.of(3, deposit),
                Tuple.of(2, depositImm), Tuple.of(1, mtsar), Tuple.of(1, mfsar));
    }

    static Arbitrary<Insn.SarField> sarField() {
        Arbitrary<Simple> field = Combinators.combine(
                Arbitraries.of(SOp.EXTRW_U_SAR, SOp.EXTRW_S_SAR, SOp.DEPW_SAR, SOp.DEPW_Z_SAR, SOp.DEPWI_SAR, SOp.DEPWI_Z_SAR),
                cond(), src(), between(-16, 15), between(1, 32), dst())
            .as((op, c, a, v, len, t) -> new Simple(op, c, a, 0, t, 0, len, v));
        return Combinators.combine(field, between(0, 31), scratch(), simple()).as(Insn.SarField::new);
    }

    // ------------------------------------------------------------------ memory

    private static Arbitrary<Integer> baseOrCentre() {
        return Arbitraries.frequencyOf(Tuple.of(4, scratch()), Tuple.of(1, Arbitraries.just(30)));
    }

    static Arbitrary<Insn.Access> access() {
        return Combinators.combine(Arbitraries.of(MemOp.class), between(0, 2), between(-4096, 4095), between(0, 255),
                dst(), baseOrCentre(), simple())
            .as(Insn.Access::new);
    }

    static Arbitrary<Insn.Indexed> indexed() {
        return Combinators.combine(Arbitraries.of(MemOp.LDB, MemOp.LDH, MemOp.LDW), between(0, 3), between(-8, 8),
                between(0, 255), dst(), scratch(),
                Arbitraries.frequencyOf(Tuple.of(5, scratch()), Tuple.of(1, Arbitraries.just(0))), simple())
            .as(Insn.Indexed::new);
    }

    static Arbitrary<Insn.StoreBytes> storeBytes() {
        return Combinators.combine(bool(), bool(), between(-16, 15), between(0, 255), src(), scratch(), simple())
            .as(Insn.StoreBytes::new);
    }

    static Arbitrary<Insn.LoadClear> loadClear() {
        return Combinators.combine(bool(), between(0, 3), between(-16, 15), between(0, 15), dst(), scratch(),
                scratch(), simple())
            .as(Insn.LoadClear::new);
    }

    // ------------------------------------------------------------------ branches

    private static Arbitrary<Integer> skip() {
        return between(0, 4);
    }

    static Arbitrary<Insn.CondBranch> condBranch() {
        return Combinators.combine(Arbitraries.of(BOp.class), between(0, 15), bool(), src(), dst(), between(-16, 15),
                skip(), simple())
            .as(Insn.CondBranch::new);
    }

    static Arbitrary<Insn.Jump> jump() {
        return Combinators.combine(Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))),
                bool(), Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, dst())), skip(), simple())
            .as(Insn.Jump::new);
    }

    static Arbitrary<Insn.TableJump> tableJump() {
        return Combinators.combine(between(0, 3), bool(), dst(), scratch(), simple(), simple().list().ofSize(4),
                simple())
            .as(Insn.TableJump::new);
    }

    static Arbitrary<Insn.RegisterJump> registerJump() {
        return Combinators.combine(bool(), bool(), between(0, 15), skip(), scratch(), scratch(), simple(), simple())
            .as(Insn.RegisterJump::new);
    }

    static Arbitrary<Insn.Call> call() {
        return Combinators.combine(bool(), bool(), scratch(), simple(), simple().list().ofMinSize(1).ofMaxSize(2),
                simple(), simple(), simple())
            .as(Insn.Call::new);
    }

    static Arbitrary<Insn.Loop> loop() {
        return Combinators.combine(between(1, 4), bool(), bool(), scratch(), simple().list().ofMinSize(1).ofMaxSize(3),
                simple(), simple())
            .as(Insn.Loop::new);
    }
}
