package org.hbft.machine;

/**
 * The floating-point coprocessor: 32 64-bit registers (fr0-fr3 hold the status and exception
 * registers) and the PA-RISC 1.1 floating-point operations GCC uses.
 *
 * <p>Single-precision operands name a register half with a 6-bit number: 0-31 are the left
 * (most significant) halves, 32-63 the right halves.
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

    final long[] fr = new long[32];

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
     * Executes an instruction of major opcode 0x06, 0x0C, 0x0E or 0x26.
     *
     * @return {@link #DONE}, {@link #NULLIFY_NEXT}, {@link #ILLEGAL} or {@link #TRAP}
     */
    int execute(int insn) {
        int opcode = insn >>> 26;
        if (opcode == 0x0E && Decoder.bits(insn, 13, 3) == 2 && Decoder.bits(insn, 8, 4) == 7
                && Decoder.bits(insn, 5, 2) == 0) {
            // XMPYU: unsigned 32x32 -> 64 multiply of two single halves into a double register.
            int r1 = (Decoder.bits(insn, 7, 1) << 5) | Decoder.bits(insn, 21, 5);
            int r2 = (Decoder.bits(insn, 12, 1) << 5) | Decoder.bits(insn, 16, 5);
            int t = Decoder.bits(insn, 0, 5);
            long a = getSingle(r1) & 0xffffffffL;
            long b = getSingle(r2) & 0xffffffffL;
            fr[t] = a * b;
            return DONE;
        }
        return ILLEGAL;
    }

    void digestInto(java.security.MessageDigest md) {
        for (long v : fr) {
            for (int i = 56; i >= 0; i -= 8) {
                md.update((byte) (v >>> i));
            }
        }
    }
}
