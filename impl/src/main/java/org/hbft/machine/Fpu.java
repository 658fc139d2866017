package org.hbft.machine;

/**
 * The floating-point coprocessor: 32 64-bit registers (fr0-fr3 hold the status and exception
 * registers) and the PA-RISC 1.1 floating-point operations, behaving as QEMU 7.2 does.
 *
 * <p>Single-precision operands name a register half with a 6-bit number: 0-31 are the left
 * (most significant) halves, 32-63 the right halves. As an operand, register 0 (fr0 / fr0L)
 * reads as zero.
 *
 * <p>Like QEMU, the unit keeps a "shadow" copy of the status word: it is reloaded when fr0 is
 * changed from outside (a load into fr0), supplies the rounding mode, the D (flush-to-zero)
 * bit, the enables and the compare bits, and after every arithmetic operation it is written
 * back to fr0 (which also clears fr0's right half, the first exception register).
 */
public final class Fpu {
    /** Result of {@link #execute}: continue normally. */
    static final int DONE = 0;
    /** Result of {@link #execute}: nullify the next instruction (FTEST). */
    static final int NULLIFY_NEXT = 1;
    /** Result of {@link #execute}: not a floating-point instruction we implement. */
    static final int ILLEGAL = -1;
    /** Result of {@link #execute}: an enabled IEEE exception trapped (assist exception). */
    static final int TRAP = -2;

    /** Status-register compare bit (C), in the left half of fr0. */
    static final int STATUS_C = 1 << 26;
    /** Status-register flush-to-zero (D) bit. */
    static final int STATUS_D = 1 << 5;
    /** Status-register rounding-mode field position (two bits). */
    static final int STATUS_RM_SHIFT = 9;
    /** The exception flags (V Z O U I) sit this far above their enable bits. */
    static final int FLAGS_SHIFT = 27;

    final long[] fr = new long[32];

    private final FpArith arith = new FpArith();
    /** Working copy of the status word (QEMU's fr0_shadow). */
    private int shadow;
    /** fr0 as this unit last left it; any other value means fr0 was loaded from outside. */
    private long fr0Seen;

    /** The working status word and fr0 as last left: state beside the registers ({@link IdleSnapshot}). */
    int workingStatus() {
        return shadow;
    }

    long fr0Seen() {
        return fr0Seen;
    }

    public long getDouble(int r) {
        return fr[r];
    }

    public void setDouble(int r, long bits) {
        fr[r] = bits;
    }

    public int getSingle(int r64) {
        return r64 < 32 ? (int) (fr[r64] >>> 32) : (int) fr[r64 - 32];
    }

    public void setSingle(int r64, int bits) {
        if (r64 < 32) {
            fr[r64] = (fr[r64] & 0xffffffffL) | ((long) bits << 32);
        } else {
            fr[r64 - 32] = (fr[r64 - 32] & 0xffffffff00000000L) | (bits & 0xffffffffL);
        }
    }

    int status() {
        return (int) (fr[0] >>> 32);
    }

    void setStatus(int value) {
        fr[0] = (fr[0] & 0xffffffffL) | ((long) value << 32);
    }

    /**
     * Executes an instruction of major opcode 0x06, 0x0C, 0x0E, 0x26 or 0x2E.
     *
     * @return {@link #DONE}, {@link #NULLIFY_NEXT}, {@link #ILLEGAL} or {@link #TRAP}
     */
    int execute(int insn) {
        if (fr[0] != fr0Seen && (int) (fr[0] >>> 32) != (int) (fr0Seen >>> 32)) {
            loadShadow((int) (fr[0] >>> 32));
        }
        int result;
        switch (insn >>> 26) {
            case 0x0C:
                result = op0C(insn);
                break;
            case 0x0E:
                result = op0E(insn);
                break;
            case 0x06:
                result = mpyAdd(insn, false);
                break;
            case 0x26:
                result = mpyAdd(insn, true);
                break;
            case 0x2E:
                result = fusedMulAdd(insn);
                break;
            default:
                result = ILLEGAL;
                break;
        }
        fr0Seen = fr[0];
        return result;
    }

    /** A load wrote fr0: its status word becomes the one operations use, as on hardware. */
    void statusLoaded() {
        loadShadow((int) (fr[0] >>> 32));
        fr0Seen = fr[0];
    }

    private void loadShadow(int value) {
        shadow = value;
        arith.setMode((value >>> STATUS_RM_SHIFT) & 3, (value & STATUS_D) != 0);
    }

    /**
     * Records the exceptions of the operation just performed and writes the status word back
     * to fr0. Returns true when one of them is enabled: the result must then not be stored.
     */
    private boolean finish() {
        int exc = arith.flags;
        if (exc != 0) {
            arith.flags = 0;
            shadow |= exc << FLAGS_SHIFT;
        }
        fr[0] = (long) shadow << 32;
        return (exc & shadow) != 0;
    }

    private static int bits(int insn, int lsb, int len) {
        return Decoder.bits(insn, lsb, len);
    }

    /** Single operand read; fr0L reads as zero. Returned zero-extended. */
    /** Whether {@code insn} is a well-formed XMPYU, which can neither trap nor depend on the status word. */
    static boolean isMultiplyUnsigned(int insn) {
        return insn >>> 26 == 0x0E && bits(insn, 8, 1) != 0 && bits(insn, 5, 1) == 0 && bits(insn, 13, 3) == 2
                && bits(insn, 11, 1) == 0 && bits(insn, 9, 2) == 3 && bits(insn, 6, 1) == 0;
    }

    /** XMPYU: unsigned 32x32 -> 64 multiply of two single halves into a double register. */
    void multiplyUnsigned(int insn) {
        int r1 = (bits(insn, 7, 1) << 5) | bits(insn, 21, 5);
        int r2 = (bits(insn, 12, 1) << 5) | bits(insn, 16, 5);
        fr[bits(insn, 0, 5)] = readS(r1) * readS(r2);
    }

    private long readS(int r64) {
        return r64 == 0 ? 0 : getSingle(r64) & 0xffffffffL;
    }

    /** Double operand read; fr0 reads as zero. */
    private long readD(int r) {
        return r == 0 ? 0 : fr[r];
    }

    // ---------------------------------------------------------------- opcode 0x0C

    private int op0C(int insn) {
        if (bits(insn, 6, 3) != 0) {
            return ILLEGAL;
        }
        int r1 = bits(insn, 21, 5);
        int r2 = bits(insn, 16, 5);
        int sub = bits(insn, 13, 3);
        int fmt = bits(insn, 11, 2);
        int t = bits(insn, 0, 5);
        boolean bit5 = bits(insn, 5, 1) != 0;
        switch (bits(insn, 9, 2)) {
            case 0:
                if (r2 != 0 || bit5) {
                    return ILLEGAL;
                }
                if (sub < 2) {
                    // FID: QEMU 7.2 treats it as a single copy of fr0L (zero) into fr0L.
                    if (insn == 0x30000000) {
                        setSingle(0, 0);
                        return DONE;
                    }
                    return ILLEGAL;
                }
                return fmt > 1 ? ILLEGAL : class0(sub, fmt == 1, r1, t);
            case 1:
                if (bits(insn, 18, 3) != 0 || bit5) {
                    return ILLEGAL;
                }
                return class1(bits(insn, 15, 3), bits(insn, 11, 2), bits(insn, 13, 2), r1, t, r1, t);
            case 2:
                if (bit5) {
                    return r1 == 0 && r2 == 0 && fmt == 0 ? ftest(sub, t) : ILLEGAL;
                }
                return fmt > 1 ? ILLEGAL : compare(fmt == 1, r1, r2, sub, t);
            default:
                if (bit5 || fmt > 1 || sub > 3) {
                    return ILLEGAL;
                }
                return class3(sub, fmt == 1, r1, r2, t);
        }
    }

    // ---------------------------------------------------------------- opcode 0x0E

    private int op0E(int insn) {
        int r1 = bits(insn, 21, 5);
        int r2 = bits(insn, 16, 5);
        int sub = bits(insn, 13, 3);
        int t = bits(insn, 0, 5);
        boolean dbl = bits(insn, 11, 1) != 0;
        int h12 = bits(insn, 12, 1);
        int h7 = bits(insn, 7, 1);
        int h6 = bits(insn, 6, 1);
        if (bits(insn, 5, 1) != 0) {
            return ILLEGAL;
        }
        if (bits(insn, 8, 1) != 0) {
            if (!isMultiplyUnsigned(insn)) {
                return ILLEGAL;
            }
            multiplyUnsigned(insn);
            return DONE;
        }
        switch (bits(insn, 9, 2)) {
            case 0:
                if (r2 != 0 || h12 != 0 || (dbl && (h7 | h6) != 0) || sub < 2) {
                    return ILLEGAL;
                }
                return dbl ? class0(sub, true, r1, t) : class0(sub, false, (h7 << 5) | r1, (h6 << 5) | t);
            case 1: {
                int sf = dbl ? 1 : 0;
                int df = bits(insn, 13, 1);
                if (bits(insn, 18, 3) != 0 || bits(insn, 14, 1) != 0 || h12 != 0
                        || (sf == 1 && h7 != 0) || (df == 1 && h6 != 0)) {
                    return ILLEGAL;
                }
                return class1(bits(insn, 15, 3), sf, df, (h7 << 5) | r1, (h6 << 5) | t, r1, t);
            }
            case 2:
                if (h6 != 0 || (dbl && (h12 | h7) != 0)) {
                    return ILLEGAL;
                }
                return dbl ? compare(true, r1, r2, sub, t) : compare(false, (h7 << 5) | r1, (h12 << 5) | r2, sub, t);
            default:
                if (sub > 3 || (dbl && (h12 | h7 | h6) != 0)) {
                    return ILLEGAL;
                }
                return dbl ? class3(sub, true, r1, r2, t)
                        : class3(sub, false, (h7 << 5) | r1, (h12 << 5) | r2, (h6 << 5) | t);
        }
    }

    // ---------------------------------------------------------------- operation classes

    /** FCPY, FABS, FSQRT, FRND, FNEG, FNEGABS (sub 2-7). Register numbers are r64 for single. */
    private int class0(int sub, boolean dbl, int r, int t) {
        long a = dbl ? readD(r) : readS(r);
        long sign = dbl ? Long.MIN_VALUE : 0x80000000L;
        long v;
        switch (sub) {
            case 2:
                v = a;
                break;
            case 3:
                v = a & ~sign;
                break;
            case 4:
                v = dbl ? arith.sqrtD(a) : arith.sqrtS(a);
                if (finish()) {
                    return TRAP;
                }
                break;
            case 5:
                v = arith.roundToInt(a, dbl ? FpArith.DOUBLE : FpArith.SINGLE);
                if (finish()) {
                    return TRAP;
                }
                break;
            case 6:
                v = a ^ sign;
                break;
            default:
                v = a | sign;
                break;
        }
        if (dbl) {
            fr[t] = v;
        } else {
            setSingle(t, (int) v);
        }
        return DONE;
    }

    /**
     * FCNV. {@code sf}/{@code df} select the source/destination width (0 = 32-bit single
     * register, 1 = 64-bit double register); rs/ts are the single (r64) register numbers and
     * rd/td the double ones.
     */
    private int class1(int sub, int sf, int df, int rs, int ts, int rd, int td) {
        if (sf > 1 || df > 1) {
            return ILLEGAL;
        }
        long src = sf == 1 ? readD(rd) : readS(rs);
        FpArith.Fmt srcFmt = sf == 1 ? FpArith.DOUBLE : FpArith.SINGLE;
        FpArith.Fmt dstFmt = df == 1 ? FpArith.DOUBLE : FpArith.SINGLE;
        long v;
        switch (sub) {
            case 0: // float <-> float
                if (sf == df) {
                    return ILLEGAL;
                }
                v = sf == 1 ? arith.doubleToSingle(src) : arith.singleToDouble(src);
                break;
            case 1: // signed integer -> float
            case 5: // unsigned integer -> float
                v = arith.intToFloat(src, sub == 5, sf == 1, dstFmt);
                break;
            case 2: // float -> signed integer, current rounding mode
            case 3: // float -> signed integer, truncating
            case 6: // float -> unsigned integer
            case 7: // float -> unsigned integer, truncating
                v = arith.floatToInt(src, srcFmt, sub >= 6, df == 1, (sub & 1) != 0);
                break;
            default:
                return ILLEGAL;
        }
        if (finish()) {
            return TRAP;
        }
        if (df == 1) {
            fr[td] = v;
        } else {
            setSingle(ts, (int) v);
        }
        return DONE;
    }

    /**
     * FCMP: bits 4..1 of {@code c} say whether the condition holds for greater, less, equal
     * and unordered; bit 0 makes the compare signal on any NaN. With y = 0 the result goes to
     * C and the old C enters the compare queue; otherwise it goes to compare bit CA[y-1].
     */
    private int compare(boolean dbl, int r1, int r2, int y, int c) {
        int rel = dbl
                ? arith.compare(readD(r1), readD(r2), FpArith.DOUBLE, (c & 1) != 0)
                : arith.compare(readS(r1), readS(r2), FpArith.SINGLE, (c & 1) != 0);
        if (finish()) {
            return TRAP;
        }
        int bit;
        switch (rel) {
            case FpArith.GREATER:
                bit = (c >>> 4) & 1;
                break;
            case FpArith.LESS:
                bit = (c >>> 3) & 1;
                break;
            case FpArith.EQUAL:
                bit = (c >>> 2) & 1;
                break;
            default:
                bit = (c >>> 1) & 1;
                break;
        }
        int s = shadow;
        if (y != 0) {
            int pos = 21 - (y - 1);
            s = (s & ~(1 << pos)) | (bit << pos);
        } else {
            int queue = 0x3ff << 11;
            s = (s & ~queue) | ((s >>> 1) & queue);
            s = (s & ~(1 << 21)) | (((s >>> 26) & 1) << 21);
            s = (s & ~STATUS_C) | (bit << 26);
        }
        shadow = s;
        fr[0] = (long) s << 32;
        return DONE;
    }

    /** FTEST: nullify the next instruction when the selected compare result(s) say so. */
    private int ftest(int y, int c) {
        int s = shadow;
        boolean nullify;
        if (y == 1) {
            int mask;
            boolean reject = false;
            switch (c) {
                case 0:
                    return (s & STATUS_C) != 0 ? NULLIFY_NEXT : DONE;
                case 2:
                    reject = true;
                    mask = 0x43ff800;
                    break;
                case 1:
                    mask = 0x43ff800;
                    break;
                case 6:
                    reject = true;
                    mask = 0x43f8000;
                    break;
                case 5:
                    mask = 0x43f8000;
                    break;
                case 9:
                    mask = 0x43e0000;
                    break;
                case 13:
                    mask = 0x4380000;
                    break;
                case 17:
                    mask = 0x4200000;
                    break;
                default:
                    return ILLEGAL;
            }
            // QEMU 7.2's "reject" forms test that no bit outside the mask is set.
            nullify = reject ? (s | mask) == mask : (s & mask) == 0;
        } else {
            int cbit = (y ^ 1) - 1;
            nullify = ((s >>> (21 - cbit)) & 1) != 0;
        }
        return nullify ? NULLIFY_NEXT : DONE;
    }

    /** FADD, FSUB, FMPY, FDIV (sub 0-3). */
    private int class3(int sub, boolean dbl, int r1, int r2, int t) {
        if (dbl) {
            long v = arith3(sub, true, readD(r1), readD(r2));
            if (finish()) {
                return TRAP;
            }
            fr[t] = v;
        } else {
            long v = arith3(sub, false, readS(r1), readS(r2));
            if (finish()) {
                return TRAP;
            }
            setSingle(t, (int) v);
        }
        return DONE;
    }

    private long arith3(int sub, boolean dbl, long a, long b) {
        switch (sub) {
            case 0:
                return dbl ? arith.addD(a, b, false) : arith.addS(a, b, false);
            case 1:
                return dbl ? arith.addD(a, b, true) : arith.addS(a, b, true);
            case 2:
                return dbl ? arith.mulD(a, b) : arith.mulS(a, b);
            default:
                return dbl ? arith.divD(a, b) : arith.divS(a, b);
        }
    }

    /**
     * FMPYADD / FMPYSUB: tm = rm1 * rm2, then ta = ta +/- ra, performed one after the other.
     * QEMU 7.2 takes a clear bit 5 to mean single precision, with 5-bit register fields
     * naming fr16-fr31 (bit 4 selects the right half).
     */
    private int mpyAdd(int insn, boolean subtract) {
        int rm1 = bits(insn, 21, 5);
        int rm2 = bits(insn, 16, 5);
        int ta = bits(insn, 11, 5);
        int ra = bits(insn, 6, 5);
        int tm = bits(insn, 0, 5);
        if (bits(insn, 5, 1) != 0) {
            long p = arith.mulD(readD(rm1), readD(rm2));
            if (finish()) {
                return TRAP;
            }
            fr[tm] = p;
            long s = arith.addD(readD(ta), readD(ra), subtract);
            if (finish()) {
                return TRAP;
            }
            fr[ta] = s;
        } else {
            long p = arith.mulS(readS(mpyReg(rm1)), readS(mpyReg(rm2)));
            if (finish()) {
                return TRAP;
            }
            setSingle(mpyReg(tm), (int) p);
            long s = arith.addS(readS(mpyReg(ta)), readS(mpyReg(ra)), subtract);
            if (finish()) {
                return TRAP;
            }
            setSingle(mpyReg(ta), (int) s);
        }
        return DONE;
    }

    /**
     * FMPYFADD / FMPYNFADD (PA 2.0, major opcode 0x2E, which QEMU 7.2 also accepts for PA 1.1):
     * t = (rm1 * rm2) + ra, or -(rm1 * rm2) + ra, with a single rounding.
     */
    private int fusedMulAdd(int insn) {
        int rm1 = bits(insn, 21, 5);
        int rm2 = bits(insn, 16, 5);
        int ra = (bits(insn, 13, 3) << 2) | bits(insn, 9, 2);
        int t = bits(insn, 0, 5);
        boolean neg = bits(insn, 5, 1) != 0;
        if (bits(insn, 11, 1) != 0) {
            if (bits(insn, 12, 1) != 0 || bits(insn, 6, 3) != 0) {
                return ILLEGAL;
            }
            long v = arith.mulAdd(readD(rm1), readD(rm2), readD(ra), neg, FpArith.DOUBLE);
            if (finish()) {
                return TRAP;
            }
            fr[t] = v;
        } else {
            long v = arith.mulAdd(readS((bits(insn, 7, 1) << 5) | rm1), readS((bits(insn, 12, 1) << 5) | rm2),
                    readS((bits(insn, 8, 1) << 5) | ra), neg, FpArith.SINGLE);
            if (finish()) {
                return TRAP;
            }
            setSingle((bits(insn, 6, 1) << 5) | t, (int) v);
        }
        return DONE;
    }

    /** Single-precision FMPYADD register field to an r64 number: fr16-fr31, bit 4 = right. */
    private static int mpyReg(int r) {
        return 16 + (r & 15) + ((r & 16) << 1);
    }

    void digestInto(java.security.MessageDigest md) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * fr.length + 4);
        for (long v : fr) {
            b.putLong(v);
        }
        // The working status word is state too: it decides rounding and traps.
        b.putInt(shadow);
        md.update(b.array());
    }
}
