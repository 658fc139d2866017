package org.hbft.machine;

import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IALOAD;
import static org.objectweb.asm.Opcodes.IAND;
import static org.objectweb.asm.Opcodes.IASTORE;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IF_ICMPEQ;
import static org.objectweb.asm.Opcodes.IF_ICMPLE;
import static org.objectweb.asm.Opcodes.IF_ICMPLT;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.IOR;
import static org.objectweb.asm.Opcodes.ISHL;
import static org.objectweb.asm.Opcodes.ISHR;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.ISUB;
import static org.objectweb.asm.Opcodes.IUSHR;
import static org.objectweb.asm.Opcodes.IXOR;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.SIPUSH;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits the arithmetic of a translated block with its instruction fields as constants:
 * additions and subtractions with their carries, divide step, the immediate-position extract,
 * deposit and shift-pair, and the condition tables of {@link Conditions} specialised for one
 * condition field, so no table is consulted at run time. The semantics are those of the
 * interpreter's {@code Cpu.add}, {@code sub}, {@code addImmediate}, {@code subImmediate},
 * {@code divideStep}, {@code extract}, {@code deposit} and {@code shiftPair}; the random
 * instruction tests run every program both ways against qemu-hppa.
 */
final class BlockArithmetic {
    private static final int C = BlockCompiler.C, G = BlockCompiler.G, NUL = BlockCompiler.NUL;
    // Operand locals of the generated method, above BlockCompiler's.
    static final int A = 16, B = 17, RES = 18, CARRY = 19, SV = 20;
    private static final String CPU = "org/hbft/machine/Cpu";

    private final MethodVisitor mv;

    BlockArithmetic(MethodVisitor mv) {
        this.mv = mv;
    }

    // ------------------------------------------------------------------ instructions

    /** ADD, ADDL (no carry written), ADDC; returns whether NUL was set. */
    boolean add(int op, int insn) {
        int cf = (insn >>> 12) & 15;
        loadG((insn >>> 16) & 31);
        int sh = (insn >>> 6) & 3;
        if (op != Op.ADDC && sh != 0) {
            push(sh);
            mv.visitInsn(ISHL);
        }
        mv.visitVarInsn(ISTORE, A);
        loadG((insn >>> 21) & 31);
        mv.visitVarInsn(ISTORE, B);
        if (op == Op.ADDL && cf == 0) {
            mv.visitVarInsn(ILOAD, A);
            mv.visitVarInsn(ILOAD, B);
            mv.visitInsn(IADD);
            mv.visitVarInsn(ISTORE, RES);
            storeG(insn & 31, RES);
            return false;
        }
        sum(op == Op.ADDC ? CarryIn.CPU : CarryIn.ZERO, false);
        if (op != Op.ADDL) {
            writeCarries();
        }
        storeG(insn & 31, RES);
        return addCondition(cf);
    }

    /** SUB, SUBB: a - b as a + ~b + 1 (or + C); returns whether NUL was set. */
    boolean sub(int op, int insn) {
        int cf = (insn >>> 12) & 15;
        loadG((insn >>> 16) & 31);
        mv.visitVarInsn(ISTORE, A);
        loadG((insn >>> 21) & 31);
        mv.visitVarInsn(ISTORE, B);
        sum(op == Op.SUBB ? CarryIn.CPU : CarryIn.ONE, true);
        writeCarries();
        restoreB();
        storeG(insn & 31, RES);
        return op == Op.SUBB ? generalCondition(cf, true) : compareCondition(cf);
    }

    /** ADDI; returns whether NUL was set. */
    boolean addImmediate(int insn, int imm) {
        addImmediateSum(insn, imm);
        addImmediateWrite(insn);
        return addCondition((insn >>> 12) & 15);
    }

    /** ADDIT, part one: pushes 1 if its condition holds (it then traps); nothing is written yet. */
    void addImmediateTraps(int insn, int imm) {
        addImmediateSum(insn, imm);
        overflowBits(false);
        general((insn >>> 12) & 15);
    }

    /** ADDIT, part two, when it does not trap: the results of part one are written. */
    void addImmediateWrite(int insn) {
        writeCarries();
        storeG((insn >>> 16) & 31, RES);
    }

    private void addImmediateSum(int insn, int imm) {
        push(imm);
        mv.visitVarInsn(ISTORE, A);
        loadG((insn >>> 21) & 31);
        mv.visitVarInsn(ISTORE, B);
        sum(CarryIn.ZERO, false);
    }

    /** SUBI: imm - b. */
    boolean subImmediate(int insn, int imm) {
        push(imm);
        mv.visitVarInsn(ISTORE, A);
        loadG((insn >>> 21) & 31);
        mv.visitVarInsn(ISTORE, B);
        sum(CarryIn.ONE, true);
        writeCarries();
        restoreB();
        storeG((insn >>> 16) & 31, RES);
        return compareCondition((insn >>> 12) & 15);
    }

    /** DS: one step of non-restoring division, steered by PSW V. */
    boolean divideStep(int insn) {
        int r2 = (insn >>> 21) & 31;
        // A = (r1 << 1) | C; B = V ? ~r2 : r2; carry in = V.
        loadG((insn >>> 16) & 31);
        push(1);
        mv.visitInsn(ISHL);
        cpuField("cbMsb");
        mv.visitInsn(IOR);
        mv.visitVarInsn(ISTORE, A);
        loadG(r2);
        cpuField("vBit");
        push(31);
        mv.visitInsn(ISHR);
        mv.visitInsn(IXOR);
        mv.visitVarInsn(ISTORE, B);
        mv.visitVarInsn(ILOAD, A);
        mv.visitVarInsn(ILOAD, B);
        mv.visitInsn(IADD);
        cpuField("vBit");
        push(31);
        mv.visitInsn(IUSHR);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, RES);
        carryOut();
        writeCarries();
        storeG(insn & 31, RES);
        // V <- carry xor r2's sign, r2 read after the write of t.
        mv.visitVarInsn(ALOAD, C);
        push(0);
        mv.visitVarInsn(ILOAD, CARRY);
        mv.visitInsn(ISUB);
        loadG(r2);
        mv.visitInsn(IXOR);
        mv.visitFieldInsn(PUTFIELD, CPU, "vBit", "I");
        return addCondition((insn >>> 12) & 15);
    }

    /** EXTRW with an immediate position. */
    boolean extractImmediate(int insn) {
        int len = 32 - (insn & 31);
        int shift = 31 - ((insn >>> 5) & 31);
        if (shift + len > 32) {
            len = 32 - shift;
        }
        loadG((insn >>> 21) & 31);
        if (((insn >>> 10) & 1) != 0) {
            shiftBy(ISHL, 32 - shift - len);
            shiftBy(ISHR, 32 - len);
        } else {
            shiftBy(IUSHR, shift);
            if (len < 32) {
                push((1 << len) - 1);
                mv.visitInsn(IAND);
            }
        }
        mv.visitVarInsn(ISTORE, RES);
        storeG((insn >>> 16) & 31, RES);
        return shiftCondition((insn >>> 13) & 7);
    }

    /** DEPW and DEPWI with an immediate position. */
    boolean depositImmediate(int op, int insn) {
        int t = (insn >>> 21) & 31;
        int len = 32 - (insn & 31);
        int shift = (insn >>> 5) & 31;
        if (shift + len > 32) {
            len = 32 - shift;
        }
        int mask = len == 32 ? -1 : (1 << len) - 1;
        if (op == Op.DEPW_IMM) {
            loadG((insn >>> 16) & 31);
            push(mask);
            mv.visitInsn(IAND);
            shiftBy(ISHL, shift);
        } else {
            push((Decoder.lowSignExt((insn >>> 16) & 31, 5) & mask) << shift);
        }
        if (((insn >>> 10) & 1) != 0) {
            loadG(t);
            push(~(mask << shift));
            mv.visitInsn(IAND);
            mv.visitInsn(IOR);
        }
        mv.visitVarInsn(ISTORE, RES);
        storeG(t, RES);
        return shiftCondition((insn >>> 13) & 7);
    }

    /** SHRPW with an immediate shift. */
    boolean shiftPairImmediate(int insn) {
        int shift = 31 - ((insn >>> 5) & 31);
        loadG((insn >>> 21) & 31);
        if (shift != 0) {
            shiftBy(IUSHR, shift);
            loadG((insn >>> 16) & 31);
            shiftBy(ISHL, 32 - shift);
            mv.visitInsn(IOR);
        }
        mv.visitVarInsn(ISTORE, RES);
        storeG(insn & 31, RES);
        return shiftCondition((insn >>> 13) & 7);
    }

    // ------------------------------------------------------------------ conditions

    /** NUL = the add condition on A + B = RES (sets SV); returns false if cf is "never". */
    private boolean addCondition(int cf) {
        return generalCondition(cf, false);
    }

    /**
     * NUL = the arithmetic condition after an addition, or a subtraction with borrow (sets SV);
     * returns false, emitting nothing, if cf is "never".
     */
    private boolean generalCondition(int cf, boolean subtraction) {
        if (cf == 0) {
            return false;
        }
        overflowBits(subtraction);
        general(cf);
        mv.visitVarInsn(ISTORE, NUL);
        return true;
    }

    /** NUL = the compare condition on A and B; returns false, emitting nothing, if cf is "never". */
    boolean compareCondition(int cf) {
        if (cf == 0) {
            return false;
        }
        compare(cf);
        mv.visitVarInsn(ISTORE, NUL);
        return true;
    }

    /** NUL = a shift/extract condition on RES. */
    boolean shiftCondition(int c3) {
        if (c3 == 0) {
            return false;
        }
        pushShiftCondition(c3);
        mv.visitVarInsn(ISTORE, NUL);
        return true;
    }

    /** Pushes {@link Conditions#shiftExtract} on RES. */
    void pushShiftCondition(int c3) {
        int c = c3 & 3;
        if (c == 3) {
            c = 7;
        }
        logicalCondition((c << 1) | (c3 >>> 2));
    }

    /** Pushes the ADDB/ADDIB condition on A + B (nothing written but RES, CARRY, SV). */
    void pushAddBranchCondition(int cf) {
        sum(CarryIn.ZERO, false);
        overflowBits(false);
        general(cf);
    }

    /** Pushes a logical condition on RES: carry and overflow read as clear. */
    void logicalCondition(int cf) {
        push(0);
        mv.visitVarInsn(ISTORE, CARRY);
        push(0);
        mv.visitVarInsn(ISTORE, SV);
        general(cf);
    }

    /** Pushes 1 if {@link Conditions#general} holds for RES, CARRY, SV, else 0. */
    void general(int cf) {
        bool(cf, yes -> {
            switch (cf >>> 1) {
                case 1 -> {
                    mv.visitVarInsn(ILOAD, RES);
                    mv.visitJumpInsn(IFEQ, yes);
                }
                case 2 -> resXorSvNegative(yes);
                case 3 -> {
                    resXorSvNegative(yes);
                    mv.visitVarInsn(ILOAD, RES);
                    mv.visitJumpInsn(IFEQ, yes);
                }
                case 4 -> {
                    mv.visitVarInsn(ILOAD, CARRY);
                    mv.visitJumpInsn(IFEQ, yes);
                }
                case 5 -> {
                    mv.visitVarInsn(ILOAD, CARRY);
                    mv.visitJumpInsn(IFEQ, yes);
                    mv.visitVarInsn(ILOAD, RES);
                    mv.visitJumpInsn(IFEQ, yes);
                }
                case 6 -> {
                    mv.visitVarInsn(ILOAD, SV);
                    mv.visitJumpInsn(IFLT, yes);
                }
                default -> {
                    mv.visitVarInsn(ILOAD, RES);
                    push(1);
                    mv.visitInsn(IAND);
                    mv.visitJumpInsn(IFNE, yes);
                }
            }
        });
    }

    /** Pushes 1 if {@link Conditions#compare} holds for A and B, else 0. */
    void compare(int cf) {
        bool(cf, yes -> {
            switch (cf >>> 1) {
                case 1 -> compareJump(false, IF_ICMPEQ, yes);
                case 2 -> compareJump(false, IF_ICMPLT, yes);
                case 3 -> compareJump(false, IF_ICMPLE, yes);
                case 4 -> compareJump(true, IF_ICMPLT, yes);
                case 5 -> compareJump(true, IF_ICMPLE, yes);
                case 6 -> {
                    // signed overflow of a - b
                    mv.visitVarInsn(ILOAD, A);
                    mv.visitVarInsn(ILOAD, B);
                    mv.visitInsn(ISUB);
                    mv.visitVarInsn(ILOAD, A);
                    mv.visitInsn(IXOR);
                    mv.visitVarInsn(ILOAD, A);
                    mv.visitVarInsn(ILOAD, B);
                    mv.visitInsn(IXOR);
                    mv.visitInsn(IAND);
                    mv.visitJumpInsn(IFLT, yes);
                }
                default -> {
                    mv.visitVarInsn(ILOAD, A);
                    mv.visitVarInsn(ILOAD, B);
                    mv.visitInsn(ISUB);
                    push(1);
                    mv.visitInsn(IAND);
                    mv.visitJumpInsn(IFNE, yes);
                }
            }
        });
    }

    private void compareJump(boolean unsigned, int opcode, Label yes) {
        mv.visitVarInsn(ILOAD, A);
        if (unsigned) {
            push(Integer.MIN_VALUE);
            mv.visitInsn(IADD);
        }
        mv.visitVarInsn(ILOAD, B);
        if (unsigned) {
            push(Integer.MIN_VALUE);
            mv.visitInsn(IADD);
        }
        mv.visitJumpInsn(opcode, yes);
    }

    private void resXorSvNegative(Label yes) {
        mv.visitVarInsn(ILOAD, RES);
        mv.visitVarInsn(ILOAD, SV);
        mv.visitInsn(IXOR);
        mv.visitJumpInsn(IFLT, yes);
    }

    private interface Test {
        void jumpIfTrue(Label yes);
    }

    /** Pushes the test's truth (0 or 1), negated when cf's low bit is set. */
    private void bool(int cf, Test test) {
        boolean negate = (cf & 1) != 0;
        if (cf >>> 1 == 0) {
            push(negate ? 1 : 0);
            return;
        }
        Label yes = new Label();
        Label done = new Label();
        test.jumpIfTrue(yes);
        push(negate ? 1 : 0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        push(negate ? 0 : 1);
        mv.visitLabel(done);
    }

    // ------------------------------------------------------------------ pieces

    private enum CarryIn { ZERO, ONE, CPU }

    /** RES = A + (B or ~B) + carry in; CARRY = the carry out. With {@code invertB}, B becomes ~B (see {@link #restoreB}). */
    private void sum(CarryIn carryIn, boolean invertB) {
        if (invertB) {
            mv.visitVarInsn(ILOAD, B);
            push(-1);
            mv.visitInsn(IXOR);
            mv.visitVarInsn(ISTORE, B);
        }
        mv.visitVarInsn(ILOAD, A);
        mv.visitVarInsn(ILOAD, B);
        mv.visitInsn(IADD);
        if (carryIn == CarryIn.ONE) {
            push(1);
            mv.visitInsn(IADD);
        } else if (carryIn == CarryIn.CPU) {
            cpuField("cbMsb");
            mv.visitInsn(IADD);
        }
        mv.visitVarInsn(ISTORE, RES);
        carryOut();
    }

    /** After a subtraction's carries are written: B is b again, as the conditions want it. */
    private void restoreB() {
        mv.visitVarInsn(ILOAD, B);
        push(-1);
        mv.visitInsn(IXOR);
        mv.visitVarInsn(ISTORE, B);
    }

    /** CARRY = carry out of bit 31 of A + B (+ carry in) = RES, where B is the added operand. */
    private void carryOut() {
        // ((a & b) | ((a | b) & ~res)) >>> 31
        mv.visitVarInsn(ILOAD, A);
        mv.visitVarInsn(ILOAD, B);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ILOAD, A);
        mv.visitVarInsn(ILOAD, B);
        mv.visitInsn(IOR);
        mv.visitVarInsn(ILOAD, RES);
        push(-1);
        mv.visitInsn(IXOR);
        mv.visitInsn(IAND);
        mv.visitInsn(IOR);
        push(31);
        mv.visitInsn(IUSHR);
        mv.visitVarInsn(ISTORE, CARRY);
    }

    /** cb = A ^ B' ^ RES (B' the added operand), cbMsb = CARRY. */
    private void writeCarries() {
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(ILOAD, A);
        mv.visitVarInsn(ILOAD, B);
        mv.visitInsn(IXOR);
        mv.visitVarInsn(ILOAD, RES);
        mv.visitInsn(IXOR);
        mv.visitFieldInsn(PUTFIELD, CPU, "cb", "I");
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(ILOAD, CARRY);
        mv.visitFieldInsn(PUTFIELD, CPU, "cbMsb", "I");
    }

    /** SV = signed-overflow bits: (RES ^ A) & ~(A ^ B) for an addition, (RES ^ A) & (A ^ B) for a subtraction. */
    private void overflowBits(boolean subtraction) {
        mv.visitVarInsn(ILOAD, RES);
        mv.visitVarInsn(ILOAD, A);
        mv.visitInsn(IXOR);
        mv.visitVarInsn(ILOAD, A);
        mv.visitVarInsn(ILOAD, B);
        mv.visitInsn(IXOR);
        if (!subtraction) {
            push(-1);
            mv.visitInsn(IXOR);
        }
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, SV);
    }

    private void cpuField(String name) {
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, name, "I");
    }

    private void shiftBy(int opcode, int amount) {
        if (amount != 0) {
            push(amount);
            mv.visitInsn(opcode);
        }
    }

    void loadG(int r) {
        if (r == 0) {
            mv.visitInsn(ICONST_0);
        } else {
            mv.visitVarInsn(ALOAD, G);
            push(r);
            mv.visitInsn(IALOAD);
        }
    }

    /** g[r] = local (nothing for %r0). */
    void storeG(int r, int local) {
        if (r != 0) {
            mv.visitVarInsn(ALOAD, G);
            push(r);
            mv.visitVarInsn(ILOAD, local);
            mv.visitInsn(IASTORE);
        }
    }

    void push(int value) {
        push(mv, value);
    }

    static void push(MethodVisitor mv, int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }
}
