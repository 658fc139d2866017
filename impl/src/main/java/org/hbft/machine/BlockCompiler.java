package org.hbft.machine;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.BALOAD;
import static org.objectweb.asm.Opcodes.BASTORE;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IALOAD;
import static org.objectweb.asm.Opcodes.IAND;
import static org.objectweb.asm.Opcodes.IASTORE;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.IF_ICMPLT;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IOR;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.LAND;
import static org.objectweb.asm.Opcodes.LOR;
import static org.objectweb.asm.Opcodes.LRETURN;
import static org.objectweb.asm.Opcodes.LSHL;
import static org.objectweb.asm.Opcodes.ISHL;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.IUSHR;
import static org.objectweb.asm.Opcodes.IXOR;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates runs of decoded PA-RISC instructions into {@link Block}s: one hidden class per
 * block, a nestmate of {@link Cpu}, whose {@code run} method performs the instructions with
 * register numbers, immediates and condition fields as constants, so HotSpot compiles each
 * block to straight-line machine code.
 *
 * <p>Translated are the instructions that cannot trap once their operands are known: register
 * arithmetic and logic without trapping forms, shifts, extracts and deposits, immediates, loads
 * and stores on the fast path (a page present in the CPU's direct tables, aligned, no explicit
 * space), conditional branches with their delay slot, and {@code BL}, {@code BLR}, {@code BV}.
 * Everything else ends the block; a load or store whose fast path fails leaves by a side exit
 * just before it, so the interpreter performs it with its full semantics (TLB, I/O space,
 * faults, code-page invalidation). Arithmetic and conditions are emitted by
 * {@link BlockArithmetic}; the rarer SAR-steered shifts, extracts and deposits call the
 * interpreter's own methods.
 */
final class BlockCompiler {
    /**
     * Longest block, in instruction words. Short blocks keep HotSpot's work small: it compiles a
     * block's bounded entry on the assumption that the budget never runs out at the positions
     * where it has not yet seen it run out, and compiles it again each time an epoch ends at a
     * new one; the cost of each compilation grows with the block. With 64-word blocks a
     * kernel-mode run spent about twice the compiler time of 16-word ones, no faster.
     */
    static final int MAX_LENGTH = 16;

    private static final int WORDS_PER_PAGE = PagedMemory.PAGE_SIZE / 4;
    private static final String CPU = "org/hbft/machine/Cpu";
    private static final String BLOCK = "org/hbft/machine/Block";
    private static final String RUN_DESC = "(L" + CPU + ";[IIII)J";
    private static final String FPU = "org/hbft/machine/Fpu";

    // Local variable slots of the generated run method.
    static final int C = 1, G = 2, PC = 3, BUDGET = 4, FROM = 5, NULLIFIED = 6, RD = 7, WR = 8, ADDR = 9,
            PAGE = 10, VAL = 11, NUL = 12, TARGET = 13, BASE = 14, OFF = 15;

    private enum Kind { SIMPLE, CONDITIONAL, JUMP, NONE }

    /** An instruction address: {@code pc + offset}, or the branch target local plus offset. */
    private record Addr(boolean fromTarget, int offset) {
        static Addr pc(int offset) {
            return new Addr(false, offset);
        }

        static Addr target() {
            return new Addr(true, 0);
        }

        Addr plus(int delta) {
            return new Addr(fromTarget, offset + delta);
        }
    }

    /** How an exit sets the nullify flag. */
    private enum Nul { CLEAR, SET, LOCAL }

    private record Exit(Label label, Addr front, Addr back, Nul nul, int issued, boolean side, boolean budget) {
        Exit(Label label, Addr front, Addr back, Nul nul, int issued, boolean side) {
            this(label, front, back, nul, issued, side, false);
        }
    }

    private final MethodHandles.Lookup lookup;
    private long compiled;

    /** {@code lookup} must be a full-privilege lookup on {@link Cpu}: blocks become its nestmates. */
    BlockCompiler(MethodHandles.Lookup lookup) {
        this.lookup = lookup;
    }

    /** Blocks translated so far. */
    long compiledCount() {
        return compiled;
    }

    /**
     * Translates the run of instructions starting at word {@code start} of a decoded page;
     * {@link Block#NONE} if the first instruction is not translatable.
     */
    Block compile(int[] ops, int[] raw, int[] imms, int start) {
        int length = plan(ops, raw, start);
        if (length == 0) {
            return Block.NONE;
        }
        byte[] bytes = new Generator(ops, raw, imms, start, length).generate();
        try {
            MethodHandles.Lookup hidden = lookup.defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
            MethodHandle constructor = hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class));
            compiled++;
            return (Block) constructor.invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("block translation failed at word " + start, e);
        }
    }

    // ------------------------------------------------------------------ planning

    /** How many words from {@code start} form the block (0: none). */
    static int plan(int[] ops, int[] raw, int start) {
        int i = start;
        while (true) {
            int rel = i - start;
            if (i >= WORDS_PER_PAGE || rel >= MAX_LENGTH) {
                return rel;
            }
            switch (kind(ops[i], raw[i])) {
                case SIMPLE:
                    i++;
                    break;
                case CONDITIONAL:
                    if (!delaySlotFits(ops, raw, i, rel)) {
                        return rel;
                    }
                    i++;
                    break;
                case JUMP:
                    return delaySlotFits(ops, raw, i, rel) ? rel + 2 : rel;
                default:
                    return rel;
            }
        }
    }

    private static boolean delaySlotFits(int[] ops, int[] raw, int i, int rel) {
        return i + 1 < WORDS_PER_PAGE && rel + 2 <= MAX_LENGTH && kind(ops[i + 1], raw[i + 1]) == Kind.SIMPLE;
    }

    private static boolean noSpace(int insn) {
        return (insn & 0xc000) == 0;
    }

    private static Kind kind(int op, int insn) {
        switch (op) {
            case Op.LDO: case Op.LDIL: case Op.ADDIL:
            case Op.OR: case Op.AND: case Op.XOR: case Op.ANDCM:
            case Op.CMPCLR: case Op.CMPICLR:
            case Op.ADD: case Op.ADDL: case Op.ADDC: case Op.SUB: case Op.SUBB:
            case Op.ADDI: case Op.ADDIT: case Op.SUBI: case Op.DS:
            case Op.EXTRW_SAR: case Op.EXTRW_IMM: case Op.DEPW_SAR: case Op.DEPW_IMM:
            case Op.DEPWI_SAR: case Op.DEPWI_IMM: case Op.SHRPW_SAR: case Op.SHRPW_IMM:
                return Kind.SIMPLE;
            case Op.FLDW:
                // A load of fr0's status half also reloads the status word: the interpreter's business.
                return noSpace(insn) && (((insn >>> 1) & 0x20) | (insn & 31)) != 0 ? Kind.SIMPLE : Kind.NONE;
            case Op.FLDD:
                return noSpace(insn) && (insn & 31) != 0 ? Kind.SIMPLE : Kind.NONE;
            case Op.FSTW: case Op.FSTD:
                return noSpace(insn) ? Kind.SIMPLE : Kind.NONE;
            case Op.FP_OP:
                return Fpu.isMultiplyUnsigned(insn) && (insn & 31) != 0 ? Kind.SIMPLE : Kind.NONE;
            case Op.LDW: case Op.LDH: case Op.LDB: case Op.STW: case Op.STH: case Op.STB:
            case Op.LDWM: case Op.STWM:
                return noSpace(insn) ? Kind.SIMPLE : Kind.NONE;
            case Op.LDS: case Op.STS:
                return noSpace(insn) && ((insn >>> 6) & 3) <= 2 ? Kind.SIMPLE : Kind.NONE;
            case Op.LDX:
                return (insn & 0xc020) == 0 && ((insn >>> 6) & 3) <= 2 ? Kind.SIMPLE : Kind.NONE;
            case Op.CMPB: case Op.CMPIB: case Op.ADDB: case Op.ADDIB: case Op.MOVB: case Op.MOVIB:
            case Op.BB_SAR: case Op.BB_IMM:
                return Kind.CONDITIONAL;
            case Op.BL: case Op.BLR: case Op.BV:
                return Kind.JUMP;
            default:
                return Kind.NONE;
        }
    }

    /** Whether a translatable non-branch instruction can nullify the next one. */
    private static boolean mayNullify(int op, int insn) {
        switch (op) {
            case Op.OR: case Op.AND: case Op.XOR: case Op.ANDCM: case Op.CMPCLR: case Op.CMPICLR:
            case Op.ADD: case Op.ADDL: case Op.ADDC: case Op.SUB: case Op.SUBB:
            case Op.ADDI: case Op.SUBI: case Op.DS:
                return ((insn >>> 12) & 15) != 0;
            case Op.EXTRW_SAR: case Op.EXTRW_IMM: case Op.DEPW_SAR: case Op.DEPW_IMM:
            case Op.DEPWI_SAR: case Op.DEPWI_IMM: case Op.SHRPW_SAR: case Op.SHRPW_IMM:
                return ((insn >>> 13) & 7) != 0;
            default:
                return false;
        }
    }

    // ------------------------------------------------------------------ code generation

    /** Generates one block's class. */
    private static final class Generator {
        private final int[] ops;
        private final int[] raw;
        private final int[] imms;
        private final int start;
        private final int length;
        private Label[] at;
        private final List<Exit> sideExits = new ArrayList<>();
        private MethodVisitor mv;
        private BlockArithmetic arith;
        /** Whether the method being generated honours BUDGET (see Block#run). */
        private boolean bounded;

        Generator(int[] ops, int[] raw, int[] imms, int start, int length) {
            this.ops = ops;
            this.raw = raw;
            this.imms = imms;
            this.start = start;
            this.length = length;
        }

        byte[] generate() {
            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
            cw.visit(V17, ACC_FINAL | ACC_SUPER, "org/hbft/machine/TranslatedBlock", null, BLOCK, null);
            MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
            init.visitCode();
            init.visitVarInsn(ALOAD, 0);
            BlockArithmetic.push(init, length);
            BlockArithmetic.push(init, start);
            BlockArithmetic.push(init, entries());
            init.visitMethodInsn(INVOKESPECIAL, BLOCK, "<init>", "(III)V", false);
            init.visitInsn(RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();

            method(cw, "run", false);
            method(cw, "runBounded", true);
            cw.visitEnd();
            return cw.toByteArray();
        }

        private void method(ClassWriter cw, String name, boolean bounded) {
            this.bounded = bounded;
            at = new Label[length + 1];
            for (int i = 0; i <= length; i++) {
                at[i] = new Label();
            }
            sideExits.clear();
            mv = cw.visitMethod(0, name, RUN_DESC, null, null);
            arith = new BlockArithmetic(mv);
            mv.visitCode();
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, NULLIFIED);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, NUL);
            mv.visitVarInsn(ALOAD, C);
            mv.visitFieldInsn(GETFIELD, CPU, "rd", "[[B");
            mv.visitVarInsn(ASTORE, RD);
            mv.visitVarInsn(ALOAD, C);
            mv.visitFieldInsn(GETFIELD, CPU, "wr", "[[B");
            mv.visitVarInsn(ASTORE, WR);
            if (bounded) {
                // Entry at any position where the queue is sequential (see Block#runBounded).
                Label[] entry = new Label[entries()];
                System.arraycopy(at, 0, entry, 0, entry.length);
                mv.visitVarInsn(ILOAD, FROM);
                mv.visitTableSwitchInsn(0, entry.length - 1, at[0], entry);
            }
            body();
            for (Exit e : sideExits) {
                mv.visitLabel(e.label());
                emitExit(e);
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        /** Positions one can enter at: all but the delay slot of a final jump. */
        private int entries() {
            boolean endsInJump = length >= 2 && kind(ops[start + length - 2], raw[start + length - 2]) == Kind.JUMP;
            return endsInJump ? length - 1 : length;
        }

        private void body() {
            for (int rel = 0; rel < length; rel++) {
                mv.visitLabel(at[rel]);
                int i = start + rel;
                int op = ops[i];
                int insn = raw[i];
                Kind kind = kind(op, insn);
                if (bounded) {
                    // Every label is a sequential, unnullified state: stop here if the instruction
                    // (with the one it may nullify or its delay slot) would exceed the budget.
                    int need = rel + (kind == Kind.SIMPLE && !mayNullify(op, insn) ? 1 : 2);
                    Label stop = new Label();
                    sideExits.add(new Exit(stop, Addr.pc(4 * rel), Addr.pc(4 * rel + 4), Nul.CLEAR, rel, true, true));
                    mv.visitVarInsn(ILOAD, BUDGET);
                    push(need);
                    mv.visitJumpInsn(IF_ICMPLT, stop);
                }
                switch (kind) {
                    case SIMPLE:
                        if (simple(rel, Addr.pc(4 * rel + 4))) {
                            mv.visitVarInsn(ILOAD, NUL);
                            mv.visitJumpInsn(IFEQ, at[rel + 1]);
                            skipNext(rel);
                        }
                        break;
                    case CONDITIONAL:
                        conditional(rel);
                        break;
                    case JUMP:
                        jump(rel);
                        return; // the jump and its delay slot end the block
                    default:
                        throw new IllegalStateException("planned an untranslatable instruction");
                }
            }
            mv.visitLabel(at[length]);
            emitExit(new Exit(null, Addr.pc(4 * length), Addr.pc(4 * length + 4), Nul.CLEAR, length, false));
        }

        /** The instruction at {@code rel} nullifies the next one. */
        private void skipNext(int rel) {
            if (rel + 1 < length && kind(ops[start + rel + 1], raw[start + rel + 1]) == Kind.JUMP) {
                // A nullified jump: its delay slot is then an ordinary instruction, after the block.
                mv.visitIincInsn(NULLIFIED, 1);
                emitExit(new Exit(null, Addr.pc(4 * rel + 8), Addr.pc(4 * rel + 12), Nul.CLEAR, rel + 2, false));
            } else if (rel + 1 < length) {
                mv.visitIincInsn(NULLIFIED, 1);
                mv.visitJumpInsn(GOTO, at[rel + 2]);
            } else {
                emitExit(new Exit(null, Addr.pc(4 * rel + 4), Addr.pc(4 * rel + 8), Nul.SET, rel + 1, false));
            }
        }

        private void conditional(int rel) {
            int i = start + rel;
            int op = ops[i];
            int insn = raw[i];
            int disp = imms[i];
            boolean n = (insn & 2) != 0;
            int cf = (((insn >>> 13) & 7) << 1) | ((insn >>> 27) & 1);
            int r1 = (insn >>> 16) & 31;
            int r2 = (insn >>> 21) & 31;
            switch (op) {
                case Op.CMPB:
                case Op.CMPIB:
                    operands(op == Op.CMPB ? r1 : -1, Decoder.lowSignExt(r1, 5), r2);
                    arith.compare(cf);
                    break;
                case Op.ADDB:
                case Op.ADDIB:
                    operands(op == Op.ADDB ? r1 : -1, Decoder.lowSignExt(r1, 5), r2);
                    arith.pushAddBranchCondition(cf);
                    storeGFrom(r2, BlockArithmetic.RES);
                    break;
                case Op.MOVB:
                case Op.MOVIB:
                    registerOrImmediate(op == Op.MOVB ? r1 : -1, Decoder.lowSignExt(r1, 5));
                    mv.visitVarInsn(ISTORE, BlockArithmetic.RES);
                    storeGFrom(r2, BlockArithmetic.RES);
                    arith.pushShiftCondition((insn >>> 13) & 7);
                    break;
                default: // BB_SAR, BB_IMM: the bit numbered from the left, tested set or clear
                    loadG(r1);
                    if (op == Op.BB_SAR) {
                        mv.visitVarInsn(ALOAD, C);
                        mv.visitFieldInsn(GETFIELD, CPU, "sar", "I");
                    } else {
                        push(r2);
                    }
                    mv.visitInsn(ISHL);
                    push(31);
                    mv.visitInsn(IUSHR);
                    if (((insn >>> 15) & 1) != 0) {
                        mv.visitInsn(ICONST_1);
                        mv.visitInsn(IXOR);
                    }
                    break;
            }
            Label notTaken = new Label();
            mv.visitJumpInsn(IFEQ, notTaken);
            Addr target = Addr.pc(4 * rel + 8 + disp);
            if (n && disp >= 0) {
                mv.visitIincInsn(NULLIFIED, 1);
                emitExit(new Exit(null, target, target.plus(4), Nul.CLEAR, rel + 2, false));
            } else {
                delaySlotThenExit(rel, target);
            }
            mv.visitLabel(notTaken);
            if (n && disp < 0) {
                mv.visitIincInsn(NULLIFIED, 1);
                mv.visitJumpInsn(GOTO, at[rel + 2]);
            }
            // Otherwise the delay slot follows as an ordinary sequential instruction.
        }

        private void jump(int rel) {
            int i = start + rel;
            int op = ops[i];
            int insn = raw[i];
            int t = (insn >>> 21) & 31;
            Addr target;
            switch (op) {
                case Op.BL:
                    target = Addr.pc(4 * rel + 8 + imms[i]);
                    storeGPc(t, 4 * rel + 8);
                    break;
                case Op.BLR:
                    mv.visitVarInsn(ILOAD, PC);
                    push(4 * rel + 8);
                    mv.visitInsn(IADD);
                    loadG((insn >>> 16) & 31);
                    push(3);
                    mv.visitInsn(ISHL);
                    mv.visitInsn(IADD);
                    mv.visitVarInsn(ISTORE, TARGET);
                    target = Addr.target();
                    storeGPc(t, 4 * rel + 8);
                    break;
                default: // BV
                    loadG(t);
                    loadG((insn >>> 16) & 31);
                    push(3);
                    mv.visitInsn(ISHL);
                    mv.visitInsn(IADD);
                    mv.visitVarInsn(ILOAD, PC);
                    mv.visitMethodInsn(INVOKESTATIC, BLOCK, "demote", "(II)I", false);
                    mv.visitVarInsn(ISTORE, TARGET);
                    target = Addr.target();
                    break;
            }
            if ((insn & 2) != 0) {
                mv.visitIincInsn(NULLIFIED, 1);
                emitExit(new Exit(null, target, target.plus(4), Nul.CLEAR, rel + 2, false));
            } else {
                delaySlotThenExit(rel, target);
            }
        }

        /** The delay slot at {@code rel + 1} of a taken branch, then the exit to {@code target}. */
        private void delaySlotThenExit(int rel, Addr target) {
            boolean nullifies = simple(rel + 1, target);
            emitExit(new Exit(null, target, target.plus(4), nullifies ? Nul.LOCAL : Nul.CLEAR, rel + 2, false));
        }

        /**
         * Emits the non-branch instruction at {@code rel}; {@code back} is the back of the queue
         * while it executes (for a side exit). Returns true if it left a nullify decision in NUL.
         */
        private boolean simple(int rel, Addr back) {
            int i = start + rel;
            int op = ops[i];
            int insn = raw[i];
            int imm = imms[i];
            int b = (insn >>> 21) & 31;
            int x = (insn >>> 16) & 31;
            int t5 = insn & 31;
            switch (op) {
                case Op.LDO:
                    if (x != 0) {
                        mv.visitVarInsn(ALOAD, G);
                        push(x);
                        loadG(b);
                        push(imm);
                        mv.visitInsn(IADD);
                        mv.visitInsn(IASTORE);
                    }
                    return false;
                case Op.LDIL:
                    if (b != 0) {
                        mv.visitVarInsn(ALOAD, G);
                        push(b);
                        push(imm);
                        mv.visitInsn(IASTORE);
                    }
                    return false;
                case Op.ADDIL:
                    mv.visitVarInsn(ALOAD, G);
                    push(1);
                    loadG(b);
                    push(imm);
                    mv.visitInsn(IADD);
                    mv.visitInsn(IASTORE);
                    return false;
                case Op.LDW:
                case Op.LDH:
                case Op.LDB:
                    loadG(b);
                    push(imm);
                    mv.visitInsn(IADD);
                    mv.visitVarInsn(ISTORE, ADDR);
                    load(rel, back, op == Op.LDW ? 2 : op == Op.LDH ? 1 : 0);
                    storeGFrom(x, VAL);
                    return false;
                case Op.STW:
                case Op.STH:
                case Op.STB:
                    loadG(b);
                    push(imm);
                    mv.visitInsn(IADD);
                    mv.visitVarInsn(ISTORE, ADDR);
                    store(rel, back, op == Op.STW ? 2 : op == Op.STH ? 1 : 0, x);
                    return false;
                case Op.LDWM:
                case Op.STWM:
                    // Negative displacement: modify before the access; otherwise after.
                    loadG(b);
                    mv.visitVarInsn(ISTORE, BASE);
                    mv.visitVarInsn(ILOAD, BASE);
                    if (imm < 0) {
                        push(imm);
                        mv.visitInsn(IADD);
                    }
                    mv.visitVarInsn(ISTORE, ADDR);
                    if (op == Op.LDWM) {
                        load(rel, back, 2);
                        storeBasePlus(b, imm);
                        storeGFrom(x, VAL);
                    } else {
                        store(rel, back, 2, x);
                        storeBasePlus(b, imm);
                    }
                    return false;
                case Op.LDS:
                case Op.STS: {
                    boolean modify = ((insn >>> 5) & 1) != 0;
                    boolean before = ((insn >>> 13) & 1) != 0;
                    int size = (insn >>> 6) & 3;
                    loadG(b);
                    mv.visitVarInsn(ISTORE, BASE);
                    mv.visitVarInsn(ILOAD, BASE);
                    if (!(modify && !before)) {
                        push(imm);
                        mv.visitInsn(IADD);
                    }
                    mv.visitVarInsn(ISTORE, ADDR);
                    if (op == Op.LDS) {
                        load(rel, back, size);
                        if (modify) {
                            storeBasePlus(b, imm);
                        }
                        storeGFrom(t5, VAL);
                    } else {
                        store(rel, back, size, x);
                        if (modify) {
                            storeBasePlus(b, imm);
                        }
                    }
                    return false;
                }
                case Op.LDX: {
                    int size = (insn >>> 6) & 3;
                    boolean scale = ((insn >>> 13) & 1) != 0;
                    loadG(b);
                    loadG(x);
                    if (scale && size != 0) {
                        push(size);
                        mv.visitInsn(ISHL);
                    }
                    mv.visitInsn(IADD);
                    mv.visitVarInsn(ISTORE, ADDR);
                    load(rel, back, size);
                    storeGFrom(t5, VAL);
                    return false;
                }
                case Op.OR:
                case Op.AND:
                case Op.XOR:
                case Op.ANDCM: {
                    loadG(x);
                    loadG(b);
                    if (op == Op.ANDCM) {
                        push(-1);
                        mv.visitInsn(IXOR);
                    }
                    mv.visitInsn(op == Op.OR ? IOR : op == Op.XOR ? IXOR : IAND);
                    mv.visitVarInsn(ISTORE, BlockArithmetic.RES);
                    storeGFrom(t5, BlockArithmetic.RES);
                    int cf = (insn >>> 12) & 15;
                    if (cf == 0) {
                        return false;
                    }
                    arith.logicalCondition(cf);
                    mv.visitVarInsn(ISTORE, NUL);
                    return true;
                }
                case Op.CMPCLR:
                case Op.CMPICLR: {
                    int cf = (insn >>> 12) & 15;
                    int t = op == Op.CMPCLR ? t5 : x;
                    if (cf != 0) {
                        operands(op == Op.CMPCLR ? x : -1, imm, b);
                        arith.compareCondition(cf);
                    }
                    if (t != 0) {
                        mv.visitVarInsn(ALOAD, G);
                        push(t);
                        mv.visitInsn(ICONST_0);
                        mv.visitInsn(IASTORE);
                    }
                    return cf != 0;
                }
                case Op.ADD:
                case Op.ADDL:
                case Op.ADDC:
                    return arith.add(op, insn);
                case Op.SUB:
                case Op.SUBB:
                    return arith.sub(op, insn);
                case Op.ADDI:
                    return arith.addImmediate(insn, imm);
                case Op.ADDIT: {
                    // Traps when its condition holds: then the interpreter performs it.
                    Label side = new Label();
                    sideExits.add(new Exit(side, Addr.pc(4 * rel), back, Nul.CLEAR, rel, true));
                    arith.addImmediateTraps(insn, imm);
                    mv.visitJumpInsn(IFNE, side);
                    arith.addImmediateWrite(insn);
                    return false;
                }
                case Op.FLDW:
                case Op.FLDD:
                case Op.FSTW:
                case Op.FSTD:
                    floatMemory(rel, back, op, insn, imm);
                    return false;
                case Op.FP_OP:
                    mv.visitVarInsn(ALOAD, C);
                    mv.visitFieldInsn(GETFIELD, CPU, "fpu", "L" + FPU + ";");
                    push(insn);
                    mv.visitMethodInsn(INVOKEVIRTUAL, FPU, "multiplyUnsigned", "(I)V", false);
                    return false;
                case Op.SUBI:
                    return arith.subImmediate(insn, imm);
                case Op.DS:
                    return arith.divideStep(insn);
                case Op.EXTRW_IMM:
                    return arith.extractImmediate(insn);
                case Op.DEPW_IMM:
                case Op.DEPWI_IMM:
                    return arith.depositImmediate(op, insn);
                case Op.SHRPW_IMM:
                    return arith.shiftPairImmediate(insn);
                // The SAR-steered forms are rarer: the interpreter's own methods.
                case Op.EXTRW_SAR:
                    return viaCpu("extract", "(II)V", mayNullify(op, insn), op, insn);
                case Op.DEPW_SAR:
                case Op.DEPWI_SAR:
                    return viaCpu("deposit", "(II)V", mayNullify(op, insn), op, insn);
                case Op.SHRPW_SAR:
                    return viaCpu("shiftPair", "(II)V", mayNullify(op, insn), op, insn);
                default:
                    throw new IllegalStateException("not a simple instruction: op " + op);
            }
        }

        /** FLDW, FLDD, FSTW, FSTD, short or indexed, with their address modification. */
        private void floatMemory(int rel, Addr back, int op, int insn, int disp) {
            int b = (insn >>> 21) & 31;
            boolean shortForm = ((insn >>> 12) & 1) != 0;
            boolean modify = ((insn >>> 5) & 1) != 0;
            boolean dbl = op == Op.FLDD || op == Op.FSTD;
            int t = insn & 31;
            int t64 = (((insn >>> 6) & 1) << 5) | t;
            loadG(b);
            mv.visitVarInsn(ISTORE, BASE);
            if (shortForm) {
                push(disp);
            } else {
                loadG((insn >>> 16) & 31);
                if (((insn >>> 13) & 1) != 0) {
                    push(dbl ? 3 : 2);
                    mv.visitInsn(ISHL);
                }
            }
            mv.visitVarInsn(ISTORE, OFF);
            boolean postModify = shortForm ? modify && ((insn >>> 13) & 1) == 0 : modify;
            mv.visitVarInsn(ILOAD, BASE);
            if (!postModify) {
                mv.visitVarInsn(ILOAD, OFF);
                mv.visitInsn(IADD);
            }
            mv.visitVarInsn(ISTORE, ADDR);
            boolean isLoad = op == Op.FLDW || op == Op.FLDD;
            pageOrSideExit(rel, back, isLoad ? RD : WR, dbl ? 3 : 2);
            if (op == Op.FLDW) {
                fpu();
                push(t64);
                pageOffset();
                mv.visitMethodInsn(INVOKESTATIC, BLOCK, "loadWord", "([BI)I", false);
                mv.visitMethodInsn(INVOKEVIRTUAL, FPU, "setSingle", "(II)V", false);
            } else if (op == Op.FLDD) {
                fpu();
                mv.visitFieldInsn(GETFIELD, FPU, "fr", "[J");
                push(t);
                pageOffset();
                mv.visitMethodInsn(INVOKESTATIC, BLOCK, "loadDouble", "([BI)J", false);
                mv.visitInsn(org.objectweb.asm.Opcodes.LASTORE);
            } else if (op == Op.FSTW) {
                pageOffset();
                fpu();
                push(t64);
                mv.visitMethodInsn(INVOKEVIRTUAL, FPU, "getSingle", "(I)I", false);
                mv.visitMethodInsn(INVOKESTATIC, BLOCK, "storeWord", "([BII)V", false);
            } else {
                pageOffset();
                fpu();
                mv.visitFieldInsn(GETFIELD, FPU, "fr", "[J");
                push(t);
                mv.visitInsn(org.objectweb.asm.Opcodes.LALOAD);
                mv.visitMethodInsn(INVOKESTATIC, BLOCK, "storeDouble", "([BIJ)V", false);
            }
            if (modify && b != 0) {
                mv.visitVarInsn(ALOAD, G);
                push(b);
                mv.visitVarInsn(ILOAD, BASE);
                mv.visitVarInsn(ILOAD, OFF);
                mv.visitInsn(IADD);
                mv.visitInsn(IASTORE);
            }
        }

        private void fpu() {
            mv.visitVarInsn(ALOAD, C);
            mv.visitFieldInsn(GETFIELD, CPU, "fpu", "L" + FPU + ";");
        }

        /** Pushes PAGE and the offset of ADDR within it. */
        private void pageOffset() {
            mv.visitVarInsn(ALOAD, PAGE);
            mv.visitVarInsn(ILOAD, ADDR);
            push(PagedMemory.PAGE_MASK);
            mv.visitInsn(IAND);
        }

        /** Calls the interpreter's own implementation with constant arguments (HotSpot folds them). */
        private boolean viaCpu(String method, String desc, boolean nullifies, int... args) {
            if (nullifies) {
                mv.visitVarInsn(ALOAD, C);
                mv.visitInsn(ICONST_0);
                mv.visitFieldInsn(PUTFIELD, CPU, "nullifyNext", "Z");
            }
            mv.visitVarInsn(ALOAD, C);
            for (int a : args) {
                push(a);
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, CPU, method, desc, false);
            if (nullifies) {
                mv.visitVarInsn(ALOAD, C);
                mv.visitFieldInsn(GETFIELD, CPU, "nullifyNext", "Z");
                mv.visitVarInsn(ISTORE, NUL);
            }
            return nullifies;
        }

        /** Loads {@code 1 << size} bytes at ADDR into VAL, or leaves by a side exit. */
        private void load(int rel, Addr back, int size) {
            pageOrSideExit(rel, back, RD, size);
            mv.visitVarInsn(ALOAD, PAGE);
            mv.visitVarInsn(ILOAD, ADDR);
            push(PagedMemory.PAGE_MASK);
            mv.visitInsn(IAND);
            if (size == 2) {
                mv.visitMethodInsn(INVOKESTATIC, BLOCK, "loadWord", "([BI)I", false);
            } else if (size == 1) {
                mv.visitMethodInsn(INVOKESTATIC, BLOCK, "loadHalf", "([BI)I", false);
            } else {
                mv.visitInsn(BALOAD);
                push(0xff);
                mv.visitInsn(IAND);
            }
            mv.visitVarInsn(ISTORE, VAL);
        }

        /** Stores register {@code r} at ADDR, or leaves by a side exit. */
        private void store(int rel, Addr back, int size, int r) {
            pageOrSideExit(rel, back, WR, size);
            mv.visitVarInsn(ALOAD, PAGE);
            mv.visitVarInsn(ILOAD, ADDR);
            push(PagedMemory.PAGE_MASK);
            mv.visitInsn(IAND);
            loadG(r);
            if (size == 2) {
                mv.visitMethodInsn(INVOKESTATIC, BLOCK, "storeWord", "([BII)V", false);
            } else if (size == 1) {
                mv.visitMethodInsn(INVOKESTATIC, BLOCK, "storeHalf", "([BII)V", false);
            } else {
                mv.visitInsn(BASTORE);
            }
        }

        /** PAGE = table[ADDR >>> PAGE_SHIFT]; a missing page or misalignment leaves before the instruction. */
        private void pageOrSideExit(int rel, Addr back, int table, int size) {
            Label side = new Label();
            sideExits.add(new Exit(side, Addr.pc(4 * rel), back, Nul.CLEAR, rel, true));
            mv.visitVarInsn(ALOAD, table);
            mv.visitVarInsn(ILOAD, ADDR);
            push(PagedMemory.PAGE_SHIFT);
            mv.visitInsn(IUSHR);
            mv.visitInsn(AALOAD);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, PAGE);
            mv.visitJumpInsn(IFNULL, side);
            if (size > 0) {
                mv.visitVarInsn(ILOAD, ADDR);
                push((1 << size) - 1);
                mv.visitInsn(IAND);
                mv.visitJumpInsn(IFNE, side);
            }
        }

        private void emitExit(Exit e) {
            boolean backInField = !e.back().equals(e.front().plus(4));
            if (backInField) {
                mv.visitVarInsn(ALOAD, C);
                pushAddr(e.back());
                mv.visitFieldInsn(PUTFIELD, CPU, "jitBack", "I");
            }
            pushAddr(e.front());
            mv.visitInsn(I2L);
            mv.visitLdcInsn(0xffffffffL);
            mv.visitInsn(LAND);
            mv.visitVarInsn(ILOAD, NULLIFIED);
            mv.visitInsn(I2L);
            push(Block.NULLIFIED_SHIFT);
            mv.visitInsn(LSHL);
            mv.visitInsn(LOR);
            long flags = ((long) e.issued() << Block.ISSUED_SHIFT) | (e.side() ? Block.SIDE_EXIT : 0)
                    | (e.nul() == Nul.SET ? Block.NULLIFY : 0) | (backInField ? Block.BACK_IN_FIELD : 0)
                    | (e.budget() ? Block.BUDGET_STOP : 0);
            mv.visitLdcInsn(flags);
            mv.visitInsn(LOR);
            if (e.nul() == Nul.LOCAL) {
                mv.visitVarInsn(ILOAD, NUL);
                mv.visitInsn(I2L);
                push(Long.numberOfTrailingZeros(Block.NULLIFY));
                mv.visitInsn(LSHL);
                mv.visitInsn(LOR);
            }
            mv.visitInsn(LRETURN);
        }

        private void pushAddr(Addr a) {
            mv.visitVarInsn(ILOAD, a.fromTarget() ? TARGET : PC);
            if (a.offset() != 0) {
                push(a.offset());
                mv.visitInsn(IADD);
            }
        }

        private void loadG(int r) {
            arith.loadG(r);
        }

        /** Pushes register {@code r}, or {@code immediate} when {@code r} is -1 (the immediate form). */
        private void registerOrImmediate(int r, int immediate) {
            if (r >= 0) {
                loadG(r);
            } else {
                push(immediate);
            }
        }

        /** A = register {@code r} or the immediate (see {@link #registerOrImmediate}), B = register {@code b}. */
        private void operands(int r, int immediate, int b) {
            registerOrImmediate(r, immediate);
            mv.visitVarInsn(ISTORE, BlockArithmetic.A);
            loadG(b);
            mv.visitVarInsn(ISTORE, BlockArithmetic.B);
        }

        /** g[r] = local (nothing for %r0). */
        private void storeGFrom(int r, int local) {
            arith.storeG(r, local);
        }

        /** g[r] = BASE + delta. */
        private void storeBasePlus(int r, int delta) {
            if (r != 0) {
                mv.visitVarInsn(ALOAD, G);
                push(r);
                mv.visitVarInsn(ILOAD, BASE);
                push(delta);
                mv.visitInsn(IADD);
                mv.visitInsn(IASTORE);
            }
        }

        /** g[r] = pc + offset (a link register). */
        private void storeGPc(int r, int offset) {
            if (r != 0) {
                mv.visitVarInsn(ALOAD, G);
                push(r);
                mv.visitVarInsn(ILOAD, PC);
                push(offset);
                mv.visitInsn(IADD);
                mv.visitInsn(IASTORE);
            }
        }

        private void push(int value) {
            BlockArithmetic.push(mv, value);
        }
    }
}
