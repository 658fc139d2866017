package org.hbft.machine;

/**
 * IEEE 754 binary32/binary64 arithmetic with the exception flags, rounding modes, NaN rules and
 * flush-to-zero behaviour of the PA-RISC floating-point unit as QEMU 7.2 models it.
 *
 * <p>Values travel as raw bit patterns in a {@code long} (single precision in the low 32 bits).
 * Every operation ORs the exceptions it raises into {@link #flags}, using the bit positions of
 * the status register's enable field (I=1, U=2, O=4, Z=8, V=16).
 *
 * <p>Each operation first tries a fast path built on Java's own round-to-nearest arithmetic,
 * taken only when that provably gives the same result and flags (round-to-nearest mode, no
 * flush-to-zero, finite inputs, a normal result). Everything else goes through an exact
 * software path: the exact result is formed as a 64-bit significand whose lowest bit is
 * "sticky" (ORed with everything shifted out below it), then rounded once by
 * {@link #roundPack}. Neither path allocates.
 *
 * <p>PA-RISC NaN conventions: a NaN whose most significant fraction bit is set is
 * <em>signaling</em>; quieting clears that bit and sets the next one; the default NaN is
 * 0x7fa00000 / 0x7ff4000000000000.
 */
final class FpArith {
    static final int FLAG_I = 1;
    static final int FLAG_U = 2;
    static final int FLAG_O = 4;
    static final int FLAG_Z = 8;
    static final int FLAG_V = 16;

    static final int RM_NEAREST = 0;
    static final int RM_ZERO = 1;
    static final int RM_UP = 2;
    static final int RM_DOWN = 3;

    static final int LESS = -1;
    static final int EQUAL = 0;
    static final int GREATER = 1;
    static final int UNORDERED = 2;

    /** Parameters of one binary interchange format. */
    static final class Fmt {
        final int fracBits;
        final int expMax;
        final int bias;
        final long fracMask;
        final long signBit;
        final long infBits;
        final long defaultNaN;
        /** Significand bits below the kept ones when the significand is normalised to bit 63. */
        final int roundBits;

        Fmt(int fracBits, int expBits) {
            this.fracBits = fracBits;
            this.expMax = (1 << expBits) - 1;
            this.bias = (1 << (expBits - 1)) - 1;
            this.fracMask = (1L << fracBits) - 1;
            this.signBit = 1L << (fracBits + expBits);
            this.infBits = (long) expMax << fracBits;
            this.defaultNaN = infBits | (1L << (fracBits - 2));
            this.roundBits = 63 - fracBits;
        }
    }

    static final Fmt SINGLE = new Fmt(23, 8);
    static final Fmt DOUBLE = new Fmt(52, 11);

    private static final long D_EXP = 0x7ff0000000000000L;
    private static final long D_FRAC = 0x000fffffffffffffL;
    private static final long D_HIDDEN = 1L << 52;
    private static final int F_EXP = 0x7f800000;
    private static final int F_FRAC = 0x007fffff;

    /** Current rounding mode (RM_*). */
    int rm;
    /** Flush denormal inputs and tiny results to zero (status-register D bit). */
    boolean ftz;
    /** Exceptions raised since the caller last cleared this field. */
    int flags;
    /** Round-to-nearest without flush-to-zero: Java arithmetic may be used. */
    private boolean nearest = true;

    void setMode(int roundingMode, boolean flushToZero) {
        rm = roundingMode;
        ftz = flushToZero;
        nearest = roundingMode == RM_NEAREST && !flushToZero;
    }

    // ---------------------------------------------------------------- classification

    private static int expField(long x, Fmt f) {
        return (int) (x >>> f.fracBits) & f.expMax;
    }

    static boolean isNaN(long x, Fmt f) {
        return expField(x, f) == f.expMax && (x & f.fracMask) != 0;
    }

    static boolean isSignalingNaN(long x, Fmt f) {
        return isNaN(x, f) && ((x >>> (f.fracBits - 1)) & 1) != 0;
    }

    private static boolean isInf(long x, Fmt f) {
        return expField(x, f) == f.expMax && (x & f.fracMask) == 0;
    }

    private static boolean isNeg(long x, Fmt f) {
        return (x & f.signBit) != 0;
    }

    /** Zero, or a denormal that flush-to-zero turns into zero. */
    private boolean isZero(long x, Fmt f) {
        return expField(x, f) == 0 && (ftz || (x & f.fracMask) == 0);
    }

    /** Unbiased exponent of a finite non-zero value, as if normalised. */
    private static int exponent(long x, Fmt f) {
        int e = expField(x, f);
        if (e != 0) {
            return e - f.bias;
        }
        long m = x & f.fracMask;
        return 63 - Long.numberOfLeadingZeros(m) - f.fracBits + 1 - f.bias;
    }

    /** Significand of a finite non-zero value, shifted so its leading one is bit 63. */
    private static long significand(long x, Fmt f) {
        long m = x & f.fracMask;
        if (expField(x, f) != 0) {
            m |= 1L << f.fracBits;
        }
        return m << Long.numberOfLeadingZeros(m);
    }

    private static long zero(boolean neg, Fmt f) {
        return neg ? f.signBit : 0;
    }

    private static long inf(boolean neg, Fmt f) {
        return neg ? f.signBit | f.infBits : f.infBits;
    }

    /** The quiet form of a signaling NaN: clear the top fraction bit, set the next. */
    private static long silence(long x, Fmt f) {
        long top = 1L << (f.fracBits - 1);
        return (x & ~top) | (top >>> 1);
    }

    /** NaN result of a one-operand operation. */
    private long returnNaN(long x, Fmt f) {
        if (isSignalingNaN(x, f)) {
            flags |= FLAG_V;
            return silence(x, f);
        }
        return x;
    }

    /** NaN result of a two-operand operation: signaling a, signaling b, quiet a, quiet b. */
    private long pickNaN(long a, long b, Fmt f) {
        boolean sa = isSignalingNaN(a, f);
        boolean sb = isSignalingNaN(b, f);
        long r;
        if (sa || sb) {
            flags |= FLAG_V;
            r = sa ? a : b;
            return silence(r, f);
        }
        return isNaN(a, f) ? a : b;
    }

    // ---------------------------------------------------------------- rounding

    private static long shiftRightJam(long m, int n) {
        if (n <= 0) {
            return m;
        }
        if (n >= 64) {
            return m != 0 ? 1 : 0;
        }
        return (m >>> n) | ((m << (64 - n)) != 0 ? 1 : 0);
    }

    /** Amount added before truncating {@code rb} low bits, per rounding mode. */
    private long increment(long m, int rb, boolean neg) {
        long half = 1L << (rb - 1);
        switch (rm) {
            case RM_NEAREST:
                // Half, except on an exact tie with an even kept part (round half to even).
                return (m & ((half << 2) - 1)) != half ? half : 0;
            case RM_ZERO:
                return 0;
            case RM_UP:
                return neg ? 0 : (1L << rb) - 1;
            default:
                return neg ? (1L << rb) - 1 : 0;
        }
    }

    private boolean overflowToMax(boolean neg) {
        switch (rm) {
            case RM_ZERO:
                return true;
            case RM_UP:
                return neg;
            case RM_DOWN:
                return !neg;
            default:
                return false;
        }
    }

    /**
     * Rounds {@code m * 2^(e-63)} (bit 63 of m set; bit 0 sticky) to format f. Tininess is
     * detected after rounding, and underflow is raised only for an inexact tiny result; with
     * flush-to-zero a tiny result becomes a signed zero and raises nothing.
     */
    long roundPack(boolean neg, int e, long m, Fmt f) {
        int rb = f.roundBits;
        long rmask = (1L << rb) - 1;
        int emin = 1 - f.bias;
        long sign = neg ? f.signBit : 0;
        if (e >= emin) {
            if ((m & rmask) != 0) {
                flags |= FLAG_I;
                long s = m + increment(m, rb, neg);
                if (Long.compareUnsigned(s, m) < 0) {
                    m = Long.MIN_VALUE;
                    e++;
                } else {
                    m = s & ~rmask;
                }
            }
            if (e > f.bias) {
                flags |= FLAG_O | FLAG_I;
                if (overflowToMax(neg)) {
                    return sign | (f.infBits - (1L << f.fracBits)) | f.fracMask;
                }
                return sign | f.infBits;
            }
            return sign | ((long) (e + f.bias) << f.fracBits) | ((m >>> rb) & f.fracMask);
        }
        if (ftz) {
            return sign;
        }
        // Tiny unless rounding at full precision carries up to the smallest normal.
        boolean tiny = e < emin - 1 || Long.compareUnsigned(m + increment(m, rb, neg), m) >= 0;
        m = shiftRightJam(m, emin - e);
        boolean inexact = (m & rmask) != 0;
        if (inexact) {
            flags |= FLAG_I;
            m = (m + increment(m, rb, neg)) & ~rmask;
            if (tiny) {
                flags |= FLAG_U;
            }
        }
        long biased = m < 0 ? 1 : 0; // rounding may carry into the smallest normal
        return sign | (biased << f.fracBits) | ((m >>> rb) & f.fracMask);
    }

    // ---------------------------------------------------------------- exact software path

    long addSub(long a, long b, boolean subtract, Fmt f) {
        if (isNaN(a, f) || isNaN(b, f)) {
            return pickNaN(a, b, f);
        }
        boolean sa = isNeg(a, f);
        boolean sb = isNeg(b, f) ^ subtract;
        boolean infA = isInf(a, f);
        boolean infB = isInf(b, f);
        if (infA || infB) {
            if (infA && infB && sa != sb) {
                flags |= FLAG_V;
                return f.defaultNaN;
            }
            return infA ? inf(sa, f) : inf(sb, f);
        }
        boolean za = isZero(a, f);
        boolean zb = isZero(b, f);
        if (za && zb) {
            return zero(sa == sb ? sa : rm == RM_DOWN, f);
        }
        if (za) {
            return (b & ~f.signBit) | zero(sb, f);
        }
        if (zb) {
            return a;
        }
        int ea = exponent(a, f);
        int eb = exponent(b, f);
        long fa = significand(a, f) >>> 1; // headroom for the carry of an addition
        long fb = significand(b, f) >>> 1;
        if (ea < eb || (ea == eb && fa < fb)) {
            int te = ea;
            ea = eb;
            eb = te;
            long tf = fa;
            fa = fb;
            fb = tf;
            boolean ts = sa;
            sa = sb;
            sb = ts;
        }
        fb = shiftRightJam(fb, ea - eb);
        long r;
        if (sa == sb) {
            r = fa + fb;
        } else {
            r = fa - fb;
            if (r == 0) {
                return zero(rm == RM_DOWN, f);
            }
        }
        int lz = Long.numberOfLeadingZeros(r);
        return roundPack(sa, ea + 1 - lz, r << lz, f);
    }

    long mul(long a, long b, Fmt f) {
        if (isNaN(a, f) || isNaN(b, f)) {
            return pickNaN(a, b, f);
        }
        boolean neg = isNeg(a, f) ^ isNeg(b, f);
        boolean za = isZero(a, f);
        boolean zb = isZero(b, f);
        if (isInf(a, f) || isInf(b, f)) {
            if (za || zb) {
                flags |= FLAG_V;
                return f.defaultNaN;
            }
            return inf(neg, f);
        }
        if (za || zb) {
            return zero(neg, f);
        }
        int e = exponent(a, f) + exponent(b, f);
        long fa = significand(a, f);
        long fb = significand(b, f);
        long hi = unsignedMultiplyHigh(fa, fb);
        long lo = fa * fb;
        if (hi >= 0) {
            hi = (hi << 1) | (lo >>> 63);
            lo <<= 1;
        } else {
            e++;
        }
        return roundPack(neg, e, hi | (lo != 0 ? 1 : 0), f);
    }

    long div(long a, long b, Fmt f) {
        if (isNaN(a, f) || isNaN(b, f)) {
            return pickNaN(a, b, f);
        }
        boolean neg = isNeg(a, f) ^ isNeg(b, f);
        boolean infA = isInf(a, f);
        boolean infB = isInf(b, f);
        boolean za = isZero(a, f);
        boolean zb = isZero(b, f);
        if (infA) {
            if (infB) {
                flags |= FLAG_V;
                return f.defaultNaN;
            }
            return inf(neg, f);
        }
        if (infB) {
            return zero(neg, f);
        }
        if (zb) {
            if (za) {
                flags |= FLAG_V;
                return f.defaultNaN;
            }
            flags |= FLAG_Z;
            return inf(neg, f);
        }
        if (za) {
            return zero(neg, f);
        }
        int e = exponent(a, f) - exponent(b, f);
        long ma = significand(a, f) >>> f.roundBits; // fracBits+1 bits, leading one at fracBits
        long mb = significand(b, f) >>> f.roundBits;
        if (ma < mb) {
            ma <<= 1;
            e--;
        }
        // Long division: 64 quotient bits, the first of them the leading one.
        long q = 0;
        long r = ma;
        for (int i = 0; i < 64; i++) {
            q <<= 1;
            if (r >= mb) {
                r -= mb;
                q |= 1;
            }
            r <<= 1;
        }
        return roundPack(neg, e, q | (r != 0 ? 1 : 0), f);
    }

    long sqrt(long a, Fmt f) {
        if (isNaN(a, f)) {
            return returnNaN(a, f);
        }
        if (isZero(a, f)) {
            return zero(isNeg(a, f), f);
        }
        if (isNeg(a, f)) {
            flags |= FLAG_V;
            return f.defaultNaN;
        }
        if (isInf(a, f)) {
            return a;
        }
        int e = exponent(a, f);
        long m = significand(a, f);
        // Scale to x in [1, 4) by an even power of two 2^k; the root r is then in [1, 2).
        int k = e & ~1;
        int ex = e - k;
        long xm = m >>> 11; // 53-bit significand of x
        double x = Double.longBitsToDouble(((long) (ex + 1023) << 52) | (xm & D_FRAC));
        double r;
        int cmp; // sign of r*r - x, computed exactly
        if (f == DOUBLE) {
            r = Math.sqrt(x);
            long mr = (Double.doubleToRawLongBits(r) & D_FRAC) | D_HIDDEN;
            // r*r = mr^2 * 2^-104 and x = xm * 2^(ex-52): compare mr^2 with xm << (ex+52).
            int sh = ex + 52;
            long sqHi = Math.multiplyHigh(mr, mr);
            long xHi = xm >>> (64 - sh);
            cmp = sqHi != xHi ? Long.compare(sqHi, xHi) : Long.compareUnsigned(mr * mr, xm << sh);
        } else {
            // Round the double root to single; its square is exact in double.
            r = (float) Math.sqrt(x);
            cmp = Double.compare(r * r, x);
        }
        long rb = Double.doubleToRawLongBits(r);
        int er = (int) (rb >>> 52) - 1023 + (k >> 1);
        long rm64 = ((rb & D_FRAC) | D_HIDDEN) << 11;
        // Encode on which side of r the exact root lies with a sticky-style nudge.
        if (cmp > 0) {
            rm64--;
            if (rm64 >= 0) {
                rm64 = (rm64 << 1) | 1;
                er--;
            }
        } else if (cmp < 0) {
            rm64 |= 1;
        }
        return roundPack(false, er, rm64, f);
    }

    /**
     * Fused multiply-add, (a * b) + c or -(a * b) + c with a single rounding (PA 2.0 FMPYFADD
     * and FMPYNFADD). A NaN operand yields the first NaN of a, b, c, quieted.
     */
    long mulAdd(long a, long b, long c, boolean negateProduct, Fmt f) {
        if (isNaN(a, f) || isNaN(b, f) || isNaN(c, f)) {
            if (isSignalingNaN(a, f) || isSignalingNaN(b, f) || isSignalingNaN(c, f)) {
                flags |= FLAG_V;
            }
            long r = isNaN(a, f) ? a : isNaN(b, f) ? b : c;
            return isSignalingNaN(r, f) ? silence(r, f) : r;
        }
        boolean sp = isNeg(a, f) ^ isNeg(b, f) ^ negateProduct;
        boolean sc = isNeg(c, f);
        boolean zp = isZero(a, f) || isZero(b, f);
        boolean infP = isInf(a, f) || isInf(b, f);
        if (infP) {
            if (zp || (isInf(c, f) && sp != sc)) {
                flags |= FLAG_V;
                return f.defaultNaN;
            }
            return inf(sp, f);
        }
        if (isInf(c, f)) {
            return inf(sc, f);
        }
        boolean zc = isZero(c, f);
        if (zp) {
            if (!zc) {
                return (c & ~f.signBit) | zero(sc, f);
            }
            return zero(sp == sc ? sp : rm == RM_DOWN, f);
        }
        // Exact product as a 128-bit significand (pHi:pLo), leading one moved to bit 126.
        long fa = significand(a, f);
        long fb = significand(b, f);
        long pHi = unsignedMultiplyHigh(fa, fb);
        long pLo = fa * fb;
        int pe = exponent(a, f) + exponent(b, f) + 1; // value = (pHi:pLo) * 2^(pe - 127)
        if (pHi >= 0) {
            pHi = (pHi << 1) | (pLo >>> 63);
            pLo <<= 1;
            pe--;
        }
        if (zc) {
            return roundPack(sp, pe, pHi | (pLo != 0 ? 1 : 0), f);
        }
        pLo = (pLo >>> 1) | (pHi << 63); // the low bits are zero: nothing is lost
        pHi >>>= 1;
        long cHi = significand(c, f) >>> 1;
        long cLo = 0;
        int ce = exponent(c, f);
        // Make p the operand of larger magnitude; both now have their leading one at bit 126.
        boolean sign = sp;
        if (ce > pe || (ce == pe && (cHi > pHi || (cHi == pHi && Long.compareUnsigned(cLo, pLo) > 0)))) {
            long t = pHi;
            pHi = cHi;
            cHi = t;
            t = pLo;
            pLo = cLo;
            cLo = t;
            int te = pe;
            pe = ce;
            ce = te;
            sign = sc;
            sc = sp;
        }
        int d = pe - ce;
        // Shift the smaller one right by d with sticky.
        if (d >= 128) {
            cLo = (cHi | cLo) != 0 ? 1 : 0;
            cHi = 0;
        } else if (d >= 64) {
            boolean lost = cLo != 0 || (d > 64 && (cHi << (128 - d)) != 0);
            cLo = (d == 64 ? cHi : cHi >>> (d - 64)) | (lost ? 1 : 0);
            cHi = 0;
        } else if (d > 0) {
            boolean lost = (cLo << (64 - d)) != 0;
            cLo = (cLo >>> d) | (cHi << (64 - d)) | (lost ? 1 : 0);
            cHi >>>= d;
        }
        long rHi;
        long rLo;
        if (sign == sc) {
            rLo = pLo + cLo;
            rHi = pHi + cHi + (Long.compareUnsigned(rLo, pLo) < 0 ? 1 : 0);
        } else {
            rLo = pLo - cLo;
            rHi = pHi - cHi - (Long.compareUnsigned(pLo, cLo) < 0 ? 1 : 0);
            if ((rHi | rLo) == 0) {
                return zero(rm == RM_DOWN, f);
            }
        }
        // Normalise to bit 127 and narrow to 64 bits with sticky.
        int lz = rHi != 0 ? Long.numberOfLeadingZeros(rHi) : 64 + Long.numberOfLeadingZeros(rLo);
        if (lz >= 64) {
            rHi = rLo << (lz - 64);
            rLo = 0;
        } else if (lz > 0) {
            rHi = (rHi << lz) | (rLo >>> (64 - lz));
            rLo <<= lz;
        }
        return roundPack(sign, pe + 1 - lz, rHi | (rLo != 0 ? 1 : 0), f);
    }

    /** FRND: round to an integral value in the current rounding mode. */
    long roundToInt(long a, Fmt f) {
        if (isNaN(a, f)) {
            return returnNaN(a, f);
        }
        if (isInf(a, f)) {
            return a;
        }
        boolean neg = isNeg(a, f);
        if (isZero(a, f)) {
            return zero(neg, f);
        }
        int e = exponent(a, f);
        if (e >= f.fracBits) {
            return a;
        }
        long m = significand(a, f);
        long mag = roundMagnitude(m, e, neg, rm);
        if (lastInexact) {
            flags |= FLAG_I;
        }
        if (mag == 0) {
            return zero(neg, f);
        }
        int lz = Long.numberOfLeadingZeros(mag);
        return roundPack(neg, 63 - lz, mag << lz, f);
    }

    /** Set by {@link #roundMagnitude}: whether a fraction was discarded. */
    private boolean lastInexact;

    /**
     * Integer magnitude of {@code m * 2^(e-63)} (0 <= e <= 63 or e < 0) rounded in mode
     * {@code mode}; {@link #lastInexact} tells whether it was exact.
     */
    private long roundMagnitude(long m, int e, boolean neg, int mode) {
        if (e < 0) {
            lastInexact = true;
            boolean one;
            switch (mode) {
                case RM_NEAREST:
                    one = e == -1 && (m << 1) != 0; // strictly above one half
                    break;
                case RM_ZERO:
                    one = false;
                    break;
                case RM_UP:
                    one = !neg;
                    break;
                default:
                    one = neg;
                    break;
            }
            return one ? 1 : 0;
        }
        int shift = 63 - e;
        if (shift == 0) {
            lastInexact = false;
            return m;
        }
        long frac = m & ((1L << shift) - 1);
        long mag = m >>> shift;
        if (frac == 0) {
            lastInexact = false;
            return mag;
        }
        lastInexact = true;
        boolean up;
        switch (mode) {
            case RM_NEAREST: {
                long half = 1L << (shift - 1);
                up = frac > half || (frac == half && (mag & 1) != 0);
                break;
            }
            case RM_ZERO:
                up = false;
                break;
            case RM_UP:
                up = !neg;
                break;
            default:
                up = neg;
                break;
        }
        return up ? mag + 1 : mag;
    }

    /** Format conversion (FCNV between single and double). */
    long convert(long a, Fmt from, Fmt to) {
        if (isNaN(a, from)) {
            long x = returnNaN(a, from);
            // The fraction keeps its top bits; narrowing may leave none (QEMU then yields Inf).
            long frac = ((x & from.fracMask) << from.roundBits) >>> to.roundBits;
            return (isNeg(x, from) ? to.signBit : 0) | to.infBits | frac;
        }
        boolean neg = isNeg(a, from);
        if (isInf(a, from)) {
            return inf(neg, to);
        }
        if (isZero(a, from)) {
            return zero(neg, to);
        }
        return roundPack(neg, exponent(a, from), significand(a, from), to);
    }

    /** Integer (sign and 64-bit magnitude) to floating point in the current rounding mode. */
    long fromInt(boolean neg, long mag, Fmt f) {
        if (mag == 0) {
            return 0;
        }
        int lz = Long.numberOfLeadingZeros(mag);
        return roundPack(neg, 63 - lz, mag << lz, f);
    }

    /**
     * Floating point to a 32- or 64-bit integer, rounding in {@code mode}. Out-of-range values
     * and infinities saturate and raise only invalid; NaN gives the largest positive value.
     */
    long toInt(long a, Fmt f, int mode, boolean unsigned, boolean wide) {
        long max = unsigned ? (wide ? -1L : 0xffffffffL) : (wide ? Long.MAX_VALUE : Integer.MAX_VALUE);
        long min = unsigned ? 0 : (wide ? Long.MIN_VALUE : Integer.MIN_VALUE);
        if (isNaN(a, f)) {
            flags |= FLAG_V;
            return max;
        }
        boolean neg = isNeg(a, f);
        if (isInf(a, f)) {
            flags |= FLAG_V;
            return neg ? min : max;
        }
        if (isZero(a, f)) {
            return 0;
        }
        int e = exponent(a, f);
        long mag;
        boolean big = e > 63;
        if (big) {
            mag = -1L;
            lastInexact = false;
        } else {
            mag = roundMagnitude(significand(a, f), e, neg, mode);
        }
        int inexact = lastInexact ? FLAG_I : 0;
        if (mag == 0) {
            flags |= inexact;
            return 0;
        }
        if (neg) {
            if (!unsigned && !big && Long.compareUnsigned(mag, -min) <= 0) {
                flags |= inexact;
                return -mag;
            }
            flags |= FLAG_V;
            return min;
        }
        if (big || Long.compareUnsigned(mag, max) > 0) {
            flags |= FLAG_V;
            return max;
        }
        flags |= inexact;
        return mag;
    }

    /** FCMP relation; a NaN operand raises invalid if signaling, or if the compare signals. */
    int compare(long a, long b, Fmt f, boolean signaling) {
        if (isNaN(a, f) || isNaN(b, f)) {
            if (signaling || isSignalingNaN(a, f) || isSignalingNaN(b, f)) {
                flags |= FLAG_V;
            }
            return UNORDERED;
        }
        if (ftz) {
            if (expField(a, f) == 0) {
                a &= f.signBit;
            }
            if (expField(b, f) == 0) {
                b &= f.signBit;
            }
        }
        if (f == DOUBLE) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            return x < y ? LESS : x > y ? GREATER : EQUAL;
        }
        float x = Float.intBitsToFloat((int) a);
        float y = Float.intBitsToFloat((int) b);
        return x < y ? LESS : x > y ? GREATER : EQUAL;
    }

    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    // ---------------------------------------------------------------- entry points with fast paths

    private static long mantD(long x) {
        long m = x & D_FRAC;
        return (x & D_EXP) != 0 ? m | D_HIDDEN : m;
    }

    private static long oddPart(long m) {
        return m >>> Long.numberOfTrailingZeros(m);
    }

    /** Whether the exact product of two significands needs more than {@code bits} bits. */
    private static boolean productInexact(long ma, long mb, int bits) {
        long oa = oddPart(ma);
        long ob = oddPart(mb);
        return Math.multiplyHigh(oa, ob) != 0 || ((oa * ob) >>> bits) != 0;
    }

    long addD(long a, long b, boolean subtract) {
        if (nearest) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            if (subtract) {
                y = -y;
            }
            double r = x + y;
            if (r - r == 0) { // finite, so both inputs were finite
                // Fast2Sum: the rounding error is exact when the larger operand comes first.
                double err = Math.abs(x) >= Math.abs(y) ? y - (r - x) : x - (r - y);
                if (err != 0) {
                    flags |= FLAG_I;
                }
                return Double.doubleToRawLongBits(r);
            }
        }
        return addSub(a, b, subtract, DOUBLE);
    }

    long addS(long a, long b, boolean subtract) {
        if (nearest) {
            double x = Float.intBitsToFloat((int) a);
            double y = Float.intBitsToFloat((int) b);
            if (subtract) {
                y = -y;
            }
            double d = x + y;
            float r = (float) d; // rounding via double is innocuous for addition
            if (r - r == 0) {
                double err = Math.abs(x) >= Math.abs(y) ? y - (d - x) : x - (d - y);
                if (err != 0 || r != d) {
                    flags |= FLAG_I;
                }
                return Float.floatToRawIntBits(r) & 0xffffffffL;
            }
        }
        return addSub(a, b, subtract, SINGLE);
    }

    long mulD(long a, long b) {
        if (nearest) {
            double r = Double.longBitsToDouble(a) * Double.longBitsToDouble(b);
            double ar = Math.abs(r);
            if (ar > Double.MIN_NORMAL && ar <= Double.MAX_VALUE) {
                if (productInexact(mantD(a), mantD(b), 53)) {
                    flags |= FLAG_I;
                }
                return Double.doubleToRawLongBits(r);
            }
        }
        return mul(a, b, DOUBLE);
    }

    long mulS(long a, long b) {
        if (nearest) {
            double d = (double) Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b);
            float r = (float) d;
            float ar = Math.abs(r);
            if (ar > Float.MIN_NORMAL && ar <= Float.MAX_VALUE) {
                if (r != d) {
                    flags |= FLAG_I;
                }
                return Float.floatToRawIntBits(r) & 0xffffffffL;
            }
        }
        return mul(a, b, SINGLE);
    }

    long divD(long a, long b) {
        if (nearest) {
            double r = Double.longBitsToDouble(a) / Double.longBitsToDouble(b);
            double ar = Math.abs(r);
            if (ar > Double.MIN_NORMAL && ar <= Double.MAX_VALUE) {
                // Exact iff the divisor's odd part divides the dividend's.
                if (oddPart(mantD(a)) % oddPart(mantD(b)) != 0) {
                    flags |= FLAG_I;
                }
                return Double.doubleToRawLongBits(r);
            }
        }
        return div(a, b, DOUBLE);
    }

    long divS(long a, long b) {
        if (nearest) {
            int ia = (int) a;
            int ib = (int) b;
            float r = (float) ((double) Float.intBitsToFloat(ia) / Float.intBitsToFloat(ib));
            float ar = Math.abs(r);
            if (ar > Float.MIN_NORMAL && ar <= Float.MAX_VALUE) {
                if (oddPart(mantS(ia)) % oddPart(mantS(ib)) != 0) {
                    flags |= FLAG_I;
                }
                return Float.floatToRawIntBits(r) & 0xffffffffL;
            }
        }
        return div(a, b, SINGLE);
    }

    private static long mantS(int x) {
        long m = x & F_FRAC;
        return (x & F_EXP) != 0 ? m | (1L << 23) : m;
    }

    long sqrtD(long a) {
        if (nearest && a > 0 && a < D_EXP) {
            double r = Math.sqrt(Double.longBitsToDouble(a));
            long or = oddPart(mantD(Double.doubleToRawLongBits(r)));
            if (or >= (1L << 27) || or * or != oddPart(mantD(a))) {
                flags |= FLAG_I;
            }
            return Double.doubleToRawLongBits(r);
        }
        return sqrt(a, DOUBLE);
    }

    long sqrtS(long a) {
        int ia = (int) a;
        if (nearest && ia > 0 && ia < F_EXP) {
            double x = Float.intBitsToFloat(ia);
            float r = (float) Math.sqrt(x);
            if ((double) r * r != x) {
                flags |= FLAG_I;
            }
            return Float.floatToRawIntBits(r) & 0xffffffffL;
        }
        return sqrt(a & 0xffffffffL, SINGLE);
    }

    long singleToDouble(long a) {
        int ia = (int) a;
        int e = ia & F_EXP;
        if ((e != 0 && e != F_EXP) || (ia & 0x7fffffff) == 0) {
            return Double.doubleToRawLongBits(Float.intBitsToFloat(ia)); // exact
        }
        return convert(a & 0xffffffffL, SINGLE, DOUBLE);
    }

    long doubleToSingle(long a) {
        if (nearest) {
            double x = Double.longBitsToDouble(a);
            float r = (float) x;
            float ar = Math.abs(r);
            if ((ar > Float.MIN_NORMAL && ar <= Float.MAX_VALUE) || x == 0) {
                if (r != x) {
                    flags |= FLAG_I;
                }
                return Float.floatToRawIntBits(r) & 0xffffffffL;
            }
        }
        return convert(a, DOUBLE, SINGLE);
    }

    /** Signed or unsigned 32/64-bit integer to single or double. */
    long intToFloat(long v, boolean unsigned, boolean wide, Fmt to) {
        if (!wide) {
            v = unsigned ? v & 0xffffffffL : (int) v;
        }
        boolean huge = unsigned && v < 0; // an unsigned 64-bit value of 2^63 or more
        if (to == DOUBLE && !huge && v > -(1L << 53) && v < (1L << 53)) {
            return Double.doubleToRawLongBits((double) v); // exact
        }
        if (unsigned || v >= 0) {
            return fromInt(false, v, to);
        }
        return fromInt(true, -v, to);
    }

    /**
     * Single or double to a signed/unsigned 32/64-bit integer; {@code truncate} selects round
     * toward zero instead of the current mode. 32-bit results are returned sign/zero-extended.
     */
    long floatToInt(long a, Fmt from, boolean unsigned, boolean wide, boolean truncate) {
        int mode = truncate ? RM_ZERO : rm;
        if (!ftz && !unsigned && (mode == RM_ZERO || mode == RM_NEAREST)) {
            double x = from == DOUBLE ? Double.longBitsToDouble(a) : Float.intBitsToFloat((int) a);
            double r = mode == RM_ZERO ? x : Math.rint(x);
            double lim = wide ? 0x1p63 : 0x1p31;
            if (r >= -lim && r < lim) {
                long v = (long) r;
                if ((double) v != x) {
                    flags |= FLAG_I;
                }
                return v;
            }
        }
        return toInt(a, from, mode, unsigned, wide);
    }
}
