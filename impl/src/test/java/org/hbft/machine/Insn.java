package org.hbft.machine;

import static org.hbft.machine.Asm.r;

import java.util.List;

/**
 * One record of a generated program body: one instruction, or a few that belong together
 * (a branch and its delay slot, a memory access and the instructions that aim its base register
 * into the scratch buffer).
 *
 * <p>Every record is valid in any state the program can be in when it reaches the record, so
 * the records of a body can be removed or reordered freely (which is what shrinking does):
 * <ul>
 *   <li>Branches only go forward to record labels, except {@link Loop}, whose counter bounds it.
 *   <li>A record that needs registers set up first starts with a <em>guard</em>, an instruction
 *       that never nullifies. The previous record may nullify the guard, but not the set-up after
 *       it, because an instruction only ever nullifies the one that follows it.
 *   <li>Operand combinations are normalised when rendered (e.g. an extract field that would
 *       reach past bit 0 is shortened), so whatever values shrinking picks stay defined.
 * </ul>
 * %r30 holds the address of the middle of the scratch buffer for the whole program and is
 * never written by the body.
 */
sealed interface Insn {
    void render(Asm a);

    // ------------------------------------------------------------------ registers

    /** Registers an instruction may read. */
    int[] SOURCES = range(0, 31);
    /** Registers an instruction may write: all but %r30 (%r0 writes are discarded, which is tested too). */
    int[] TARGETS = without(range(0, 31), 30);
    /** Registers for set-up values (bases, indexes, counters, links): neither %r0 nor %r30. */
    int[] SCRATCH = without(range(1, 31), 30);

    /** The first of {@code pool}, from {@code preferred} on (cyclically), that is not in {@code taken}. */
    static int avoiding(int preferred, int[] pool, int... taken) {
        int start = 0;
        for (int i = 0; i < pool.length; i++) {
            if (pool[i] == preferred) {
                start = i;
            }
        }
        for (int k = 0; k < pool.length; k++) {
            int candidate = pool[(start + k) % pool.length];
            boolean free = true;
            for (int t : taken) {
                free &= t != candidate;
            }
            if (free) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no free register");
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int[] without(int[] regs, int drop) {
        return java.util.Arrays.stream(regs).filter(x -> x != drop).toArray();
    }

    // ------------------------------------------------------------------ conditions (GNU as names)

    String[] ADD_CONDS = {"", "=", "<", "<=", "nuv", "znv", "sv", "od", "tr", "<>", ">=", ">", "uv", "vnz", "nsv", "ev"};
    String[] COMPARE_CONDS = {"", "=", "<", "<=", "<<", "<<=", "sv", "od", "tr", "<>", ">=", ">", ">>=", ">>", "nsv", "ev"};
    /** Logical conditions; the carry and overflow tests are undefined after a logical operation. */
    String[] LOGICAL_CONDS = {"", "=", "<", "<=", "od", "tr", "<>", ">=", ">", "ev"};
    /** UXOR: the carry tests are undefined (and rejected by the assembler). */
    String[] UXOR_CONDS = {"", "sbz", "shz", "tr", "nbz", "nhz"};
    String[] UNIT_CONDS = {"", "sbz", "shz", "sdc", "sbc", "shc", "tr", "nbz", "nhz", "ndc", "nbc", "nhc"};
    /** Shift, extract, deposit and move-and-branch conditions. */
    String[] SED_CONDS = {"", "=", "<", "od", "tr", "<>", ">=", "ev"};
    String[] NO_CONDS = {""};

    static String withCond(String mnemonic, String[] conds, int cond) {
        String c = conds[Math.floorMod(cond, conds.length)];
        return c.isEmpty() ? mnemonic : mnemonic + "," + c;
    }

    // ------------------------------------------------------------------ straight-line instructions

    enum Shape { RRR, IMM11, LDIL, LDO, ADDIL, SHRPW, SHRPW_SAR, EXTRACT, DEPOSIT, DEPOSIT_IMM, MTSAR, MFSAR,
        EXTRACT_SAR, DEPOSIT_SAR, DEPOSIT_IMM_SAR }

    enum SOp {
        ADD("add", Shape.RRR, ADD_CONDS), ADD_L("add,l", Shape.RRR, ADD_CONDS), ADD_C("add,c", Shape.RRR, ADD_CONDS),
        SH1ADD("sh1add", Shape.RRR, ADD_CONDS), SH2ADD("sh2add", Shape.RRR, ADD_CONDS),
        SH3ADD("sh3add", Shape.RRR, ADD_CONDS), SH1ADD_L("sh1addl", Shape.RRR, ADD_CONDS),
        SH2ADD_L("sh2addl", Shape.RRR, ADD_CONDS), SH3ADD_L("sh3addl", Shape.RRR, ADD_CONDS),
        SUB("sub", Shape.RRR, COMPARE_CONDS), SUB_B("sub,b", Shape.RRR, COMPARE_CONDS),
        CMPCLR("cmpclr", Shape.RRR, COMPARE_CONDS),
        AND("and", Shape.RRR, LOGICAL_CONDS), OR("or", Shape.RRR, LOGICAL_CONDS), XOR("xor", Shape.RRR, LOGICAL_CONDS),
        ANDCM("andcm", Shape.RRR, LOGICAL_CONDS), UXOR("uxor", Shape.RRR, UXOR_CONDS),
        UADDCM("uaddcm", Shape.RRR, UNIT_CONDS),
        // DS tests its result like an addition, but the assembler spells its conditions as for a compare.
        DS("ds", Shape.RRR, COMPARE_CONDS),
        ADDI("addi", Shape.IMM11, ADD_CONDS), SUBI("subi", Shape.IMM11, COMPARE_CONDS),
        CMPICLR("cmpiclr", Shape.IMM11, COMPARE_CONDS),
        LDIL("ldil", Shape.LDIL, NO_CONDS), LDO("ldo", Shape.LDO, NO_CONDS), ADDIL("addil", Shape.ADDIL, NO_CONDS),
        SHRPW("shrpw", Shape.SHRPW, SED_CONDS), SHRPW_SAR("shrpw", Shape.SHRPW_SAR, SED_CONDS),
        EXTRW_U("extrw,u", Shape.EXTRACT, SED_CONDS), EXTRW_S("extrw,s", Shape.EXTRACT, SED_CONDS),
        DEPW("depw", Shape.DEPOSIT, SED_CONDS), DEPW_Z("depw,z", Shape.DEPOSIT, SED_CONDS),
        DEPWI("depwi", Shape.DEPOSIT_IMM, SED_CONDS), DEPWI_Z("depwi,z", Shape.DEPOSIT_IMM, SED_CONDS),
        MTSAR("mtsar", Shape.MTSAR, NO_CONDS), MFSAR("mfctl", Shape.MFSAR, NO_CONDS),
        // Field positions from %sar: only inside SarField, which sets %sar so that the field fits.
        EXTRW_U_SAR("extrw,u", Shape.EXTRACT_SAR, SED_CONDS), EXTRW_S_SAR("extrw,s", Shape.EXTRACT_SAR, SED_CONDS),
        DEPW_SAR("depw", Shape.DEPOSIT_SAR, SED_CONDS), DEPW_Z_SAR("depw,z", Shape.DEPOSIT_SAR, SED_CONDS),
        DEPWI_SAR("depwi", Shape.DEPOSIT_IMM_SAR, SED_CONDS), DEPWI_Z_SAR("depwi,z", Shape.DEPOSIT_IMM_SAR, SED_CONDS);

        final String mnemonic;
        final Shape shape;
        final String[] conds;

        SOp(String mnemonic, Shape shape, String[] conds) {
            this.mnemonic = mnemonic;
            this.shape = shape;
            this.conds = conds;
        }
    }

    /**
     * An instruction that neither branches nor touches memory. Fields are used as the shape
     * needs: r1, r2 registers read; t the register written; i1, i2, i3 immediates (i1 the
     * immediate/displacement/value/position, i2 a field length 1..32, i3 a 5-bit deposit value).
     */
    record Simple(SOp op, int cond, int r1, int r2, int t, int i1, int i2, int i3) implements Insn {
        @Override
        public void render(Asm a) {
            a.emit(text(true));
        }

        /** This instruction with "never" as its condition: a guard that cannot nullify. */
        void renderAsGuard(Asm a) {
            a.emit(text(false));
        }

        /** The register written, or -1 (MTSAR). */
        int writes() {
            switch (op.shape) {
                case ADDIL:
                    return 1;
                case MTSAR:
                    return -1;
                default:
                    return t;
            }
        }

        /** Field length, shortened so that a field at {@code pos} does not reach past bit 0. */
        static int fieldLength(int pos, int len) {
            return Math.min(len, pos + 1);
        }

        String text(boolean conditional) {
            String m = conditional ? withCond(op.mnemonic, op.conds, cond) : op.mnemonic;
            switch (op.shape) {
                case RRR:
                    return m + " " + r(r1) + "," + r(r2) + "," + r(t);
                case IMM11:
                    return m + " " + i1 + "," + r(r2) + "," + r(t);
                case LDIL:
                    return String.format("ldil L%%0x%08x,%s", i1, r(t));
                case LDO:
                    return "ldo " + i1 + "(" + r(r2) + ")," + r(t);
                case ADDIL:
                    return String.format("addil L%%0x%08x,%s", i1, r(r2));
                case SHRPW:
                    return m + " " + r(r1) + "," + r(r2) + "," + i1 + "," + r(t);
                case SHRPW_SAR:
                    return m + " " + r(r1) + "," + r(r2) + ",%sar," + r(t);
                case EXTRACT:
                case DEPOSIT:
                    return m + " " + r(r1) + "," + i1 + "," + fieldLength(i1, i2) + "," + r(t);
                case DEPOSIT_IMM:
                    return m + " " + i3 + "," + i1 + "," + fieldLength(i1, i2) + "," + r(t);
                case MTSAR:
                    return "mtsar " + r(r1);
                case MFSAR:
                    return "mfctl %sar," + r(t);
                case EXTRACT_SAR:
                case DEPOSIT_SAR:
                    return m + " " + r(r1) + ",%sar," + i2 + "," + r(t);
                default:
                    return m + " " + i3 + ",%sar," + i2 + "," + r(t);
            }
        }

        @Override
        public String toString() {
            return text(true);
        }
    }

    /** An extract or deposit at the position in %sar: sets %sar (to at least len - 1) first. */
    record SarField(Simple field, int position, int rs, Simple guard) implements Insn {
        @Override
        public void render(Asm a) {
            guard.renderAsGuard(a);
            a.emit("ldi " + Math.max(position, field.i2() - 1) + "," + r(rs));
            a.emit("mtsar " + r(rs));
            field.render(a);
        }
    }

    // ------------------------------------------------------------------ memory

    /** Memory references: buffer offsets are relative to the buffer start, %r30 points at its middle. */
    int BUFFER_BYTES = 256;
    int CENTRE = 128;

    enum MemOp {
        LDB("ldb", 1, true), LDH("ldh", 2, true), LDW("ldw", 4, true),
        STB("stb", 1, false), STH("sth", 2, false), STW("stw", 4, false);

        final String mnemonic;
        final int size;
        final boolean load;

        MemOp(String mnemonic, int size, boolean load) {
            this.mnemonic = mnemonic;
            this.size = size;
            this.load = load;
        }
    }

    /** Aims {@code base} at buffer offset {@code offset} (which may lie outside; the access corrects it). */
    static void setBase(Asm a, int base, int offset) {
        a.emit("ldo " + (offset - CENTRE) + "(%r30)," + r(base));
    }

    /**
     * A load or store with a displacement: none, ,ma (address = base, then base += d) or ,mb
     * (base += d, then address = base). The assembler picks the 5-bit short form when d fits,
     * the 14-bit form otherwise (which for the modifying word forms means ,ma with d &gt;= 0
     * or ,mb with d &lt; 0). {@code base == 30} without modification uses %r30 directly.
     */
    record Access(MemOp op, int mode, int disp, int where, int rv, int base, Simple guard) implements Insn {
        @Override
        public void render(Asm a) {
            int size = op.size;
            int offset = Math.floorMod(where, BUFFER_BYTES / size) * size;
            int m = Math.floorMod(mode, 3);
            int d = disp;
            int b = base;
            if (m == 0 && b == 30) {
                d = offset - CENTRE;
            } else if (m != 0) {
                boolean longForm = size == 4 && (m == 1 ? d >= 0 : d < 0);
                if (!longForm) {
                    d = Math.floorMod(d + 16, 32) - 16;
                }
                if (b == 30 || op.load) {
                    // %r30 stays fixed; a modifying load into its own base register is undefined.
                    b = avoiding(b, SCRATCH, rv);
                }
            }
            guard.renderAsGuard(a);
            if (b != 30) {
                setBase(a, b, m == 1 ? offset : offset - d);
            }
            String mnemonic = op.mnemonic + (m == 1 ? ",ma" : m == 2 ? ",mb" : "");
            String address = d + "(" + r(b) + ")";
            a.emit(op.load ? mnemonic + " " + address + "," + r(rv) : mnemonic + " " + r(rv) + "," + address);
        }
    }

    /** An indexed load: ldbx/ldhx/ldwx with ,s (index scaled by the size) and/or ,m (post-modify). */
    record Indexed(MemOp op, int completer, int index, int where, int rt, int base, int rx, Simple guard) implements Insn {
        @Override
        public void render(Asm a) {
            int size = op.size;
            int offset = Math.floorMod(where, BUFFER_BYTES / size) * size;
            boolean scaled = (completer & 1) != 0;
            boolean modify = (completer & 2) != 0;
            int b = modify ? avoiding(base, SCRATCH, rt) : base;
            int x = rx == 0 ? 0 : avoiding(rx, SCRATCH, b);
            int idx = x == 0 ? 0 : index;
            int step = scaled ? idx * size : idx;
            guard.renderAsGuard(a);
            if (x != 0) {
                a.emit("ldi " + idx + "," + r(x));
            }
            setBase(a, b, modify ? offset : offset - step);
            String c = (scaled ? "s" : "") + (modify ? "m" : "");
            a.emit(op.mnemonic + "x" + (c.isEmpty() ? "" : "," + c) + " " + r(x) + "(" + r(b) + ")," + r(rt));
        }
    }

    /** STBY,B / STBY,E (store bytes) at any byte of the buffer, optionally modifying the base. */
    record StoreBytes(boolean end, boolean modify, int disp, int where, int rv, int base, Simple guard) implements Insn {
        @Override
        public void render(Asm a) {
            int offset = Math.floorMod(where, BUFFER_BYTES);
            guard.renderAsGuard(a);
            setBase(a, base, modify ? offset : offset - disp);
            a.emit("stby," + (end ? "e" : "b") + (modify ? ",m" : "") + " " + r(rv) + "," + disp + "(" + r(base) + ")");
        }
    }

    /** LDCW (load and clear word), short or indexed, at a 16-byte aligned word of the buffer. */
    record LoadClear(boolean indexed, int completer, int disp, int where, int rt, int base, int rx, Simple guard)
            implements Insn {
        @Override
        public void render(Asm a) {
            int offset = Math.floorMod(where, BUFFER_BYTES / 16) * 16;
            int c = Math.floorMod(completer, 4);
            guard.renderAsGuard(a);
            if (!indexed) {
                // 0: none, 1: ,ma (address = base), 2 and 3: ,mb
                int b = c == 0 ? base : avoiding(base, SCRATCH, rt);
                String mode = c == 0 ? "" : c == 1 ? ",ma" : ",mb";
                setBase(a, b, c == 1 ? offset : offset - disp);
                a.emit("ldcw" + mode + " " + disp + "(" + r(b) + ")," + r(rt));
            } else {
                boolean scaled = (c & 1) != 0;
                boolean modify = (c & 2) != 0;
                int b = modify ? avoiding(base, SCRATCH, rt) : base;
                int x = avoiding(rx, SCRATCH, b);
                int step = scaled ? disp * 4 : disp;
                a.emit("ldi " + disp + "," + r(x));
                setBase(a, b, modify ? offset : offset - step);
                String comp = (scaled ? "s" : "") + (modify ? "m" : "");
                a.emit("ldcwx" + (comp.isEmpty() ? "" : "," + comp) + " " + r(x) + "(" + r(b) + ")," + r(rt));
            }
        }
    }

    // ------------------------------------------------------------------ branches

    enum BOp {
        CMPB("cmpb", COMPARE_CONDS), CMPIB("cmpib", COMPARE_CONDS), ADDB("addb", ADD_CONDS), ADDIB("addib", ADD_CONDS),
        MOVB("movb", SED_CONDS), MOVIB("movib", SED_CONDS), BB("bb", new String[] {"<", ">="}),
        BB_SAR("bb", new String[] {"<", ">="});

        final String mnemonic;
        final String[] conds;

        BOp(String mnemonic, String[] conds) {
            this.mnemonic = mnemonic;
            this.conds = conds;
        }
    }

    /**
     * A forward conditional branch over {@code skip} records, with its delay slot. ADDB, ADDIB,
     * MOVB and MOVIB write r2; imm is the 5-bit immediate or the bit position for BB.
     */
    record CondBranch(BOp op, int cond, boolean nullify, int r1, int r2, int imm, int skip, Simple delay)
            implements Insn {
        @Override
        public void render(Asm a) {
            String m = withCond(op.mnemonic, op.conds, cond) + (nullify ? ",n" : "");
            String target = a.target(skip);
            switch (op) {
                case CMPB:
                case ADDB:
                case MOVB:
                    a.emit(m + " " + r(r1) + "," + r(r2) + "," + target);
                    break;
                case CMPIB:
                case ADDIB:
                case MOVIB:
                    a.emit(m + " " + imm + "," + r(r2) + "," + target);
                    break;
                case BB:
                    a.emit(m + " " + r(r1) + "," + Math.floorMod(imm, 32) + "," + target);
                    break;
                default:
                    a.emit(m + " " + r(r1) + ",%sar," + target);
                    break;
            }
            delay.render(a);
        }
    }

    /** B / B,L forward ({@code link == 0} is the plain branch), or B,GATE (which at privilege 3 ORs 3 into the link). */
    record Jump(boolean gate, boolean nullify, int link, int skip, Simple delay) implements Insn {
        @Override
        public void render(Asm a) {
            String n = nullify ? ",n" : "";
            if (gate) {
                a.emit("b,gate" + n + " " + a.target(skip) + "," + r(link));
            } else if (link == 0) {
                a.emit("b" + n + " " + a.target(skip));
            } else {
                a.emit("b,l" + n + " " + a.target(skip) + "," + r(link));
            }
            delay.render(a);
        }
    }

    /**
     * BLR into a table of four two-word entries, each an instruction and a branch out. An entry's
     * instruction may nullify the branch out; execution then runs on into the next entry.
     */
    record TableJump(int index, boolean nullify, int link, int rx, Simple delay, List<Simple> entries, Simple guard)
            implements Insn {
        @Override
        public void render(Asm a) {
            String after = a.fresh();
            guard.renderAsGuard(a);
            a.emit("ldi " + index + "," + r(rx));
            a.emit("blr" + (nullify ? ",n" : "") + " " + r(rx) + "," + r(link));
            delay.render(a);
            for (Simple e : entries) {
                e.render(a);
                a.emit("b,n " + after);
            }
            a.label(after);
        }
    }

    /**
     * BV to a forward record label, computed with LDIL/LDO, optionally through an index (target =
     * base + 8 * index). {@code choice} holds the index (bits 0-1) and a value 0..3 for the low
     * bits of the target (bits 2-3), which a branch at privilege 3 must ignore.
     */
    record RegisterJump(boolean indexed, boolean nullify, int choice, int skip, int base, int rx, Simple delay,
            Simple guard) implements Insn {
        @Override
        public void render(Asm a) {
            int x = indexed ? avoiding(rx, SCRATCH, base) : 0;
            int idx = indexed ? choice & 3 : 0;
            int low = (choice >> 2) & 3;
            int adjust = low - 8 * idx;
            String target = a.target(skip) + (adjust == 0 ? "" : adjust > 0 ? "+" + adjust : "" + adjust);
            guard.renderAsGuard(a);
            if (x != 0) {
                a.emit("ldi " + idx + "," + r(x));
            }
            a.emit("ldil L%" + target + "," + r(base));
            a.emit("ldo R%" + target + "(" + r(base) + ")," + r(base));
            a.emit("bv" + (nullify ? ",n" : "") + " " + r(x) + "(" + r(base) + ")");
            delay.render(a);
        }
    }

    /**
     * B,L to a subroutine placed inline, which returns with BV through the link register. The
     * return point holds a guard, so a return delay slot that nullifies cannot make it fall
     * into the subroutine again.
     */
    record Call(boolean nullifyCall, boolean nullifyReturn, int link, Simple delay, List<Simple> body,
            Simple returnDelay, Simple guard, Simple returnGuard) implements Insn {
        @Override
        public void render(Asm a) {
            int[] written = body.stream().mapToInt(Simple::writes).toArray();
            int rt = avoiding(link, SCRATCH, concat(written, delay.writes()));
            String sub = a.fresh();
            String after = a.fresh();
            guard.renderAsGuard(a);
            a.emit("b,l" + (nullifyCall ? ",n" : "") + " " + sub + "," + r(rt));
            delay.render(a);
            returnGuard.renderAsGuard(a);
            a.emit("b,n " + after);
            a.label(sub);
            for (Simple s : body) {
                s.render(a);
            }
            a.emit("bv" + (nullifyReturn ? ",n" : "") + " %r0(" + r(rt) + ")");
            returnDelay.render(a);
            a.label(after);
        }
    }

    /**
     * A backward ADDIB loop run {@code count} (1..4) times at most: the body instructions may
     * nullify the ADDIB, which ends the loop early; the counter is written by nothing else.
     */
    record Loop(int count, boolean nullify, boolean greater, int counter, List<Simple> body, Simple delay,
            Simple guard) implements Insn {
        @Override
        public void render(Asm a) {
            int[] written = body.stream().mapToInt(Simple::writes).toArray();
            int rc = avoiding(counter, SCRATCH, concat(written, delay.writes()));
            String top = a.fresh();
            guard.renderAsGuard(a);
            a.emit("ldi " + count + "," + r(rc));
            a.label(top);
            for (Simple s : body) {
                s.render(a);
            }
            a.emit("addib," + (greater ? ">" : "<>") + (nullify ? ",n" : "") + " -1," + r(rc) + "," + top);
            delay.render(a);
        }
    }

    private static int[] concat(int[] a, int b) {
        int[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }
}
