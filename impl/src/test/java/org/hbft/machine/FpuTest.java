package org.hbft.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The floating-point coprocessor, per operation family, with expected values taken from
 * qemu-hppa 7.2 (the reference) where its behaviour is not plain IEEE 754, and a BigDecimal
 * oracle for the rounding of the arithmetic operations in all four rounding modes.
 */
class FpuTest {
    // Status-register bits (left half of fr0).
    static final int V = 1 << 31;
    static final int Z = 1 << 30;
    static final int O = 1 << 29;
    static final int U = 1 << 28;
    static final int I = 1 << 27;
    static final int C = 1 << 26;
    static final int D = 1 << 5;
    static final int RZ = 1 << 9;
    static final int RU = 2 << 9;
    static final int RD = 3 << 9;

    static final long DNAN = 0x7ff4000000000000L;
    static final int SNAN_DEFAULT = 0x7fa00000;

    Fpu fpu;

    @BeforeEach
    void setUp() {
        fpu = new Fpu();
    }

    // ---------------------------------------------------------------- encoders

    static int c0(int sub, int fmt, int r, int t) {
        return 0x30000000 | r << 21 | sub << 13 | fmt << 11 | t;
    }

    static int c1(int sub, int df, int sf, int r, int t) {
        return 0x30000200 | r << 21 | sub << 15 | df << 13 | sf << 11 | t;
    }

    static int cmp(int r1, int r2, int y, int fmt, int c) {
        return 0x30000400 | r1 << 21 | r2 << 16 | y << 13 | fmt << 11 | c;
    }

    static int ftest(int y, int c) {
        return 0x30000420 | y << 13 | c;
    }

    static int c3(int sub, int fmt, int r1, int r2, int t) {
        return 0x30000600 | r1 << 21 | r2 << 16 | sub << 13 | fmt << 11 | t;
    }

    static int e0(int sub, int dbl, int r, int t) {
        return 0x38000000 | (r & 31) << 21 | sub << 13 | dbl << 11 | (r >> 5) << 7 | (t >> 5) << 6 | (t & 31);
    }

    static int e1(int sub, int sf, int df, int r, int t) {
        return 0x38000200 | (r & 31) << 21 | sub << 15 | df << 13 | sf << 11 | (r >> 5) << 7 | (t >> 5) << 6
                | (t & 31);
    }

    static int e3(int sub, int dbl, int r1, int r2, int t) {
        return 0x38000600 | (r1 & 31) << 21 | (r2 & 31) << 16 | sub << 13 | (r2 >> 5) << 12 | dbl << 11
                | (r1 >> 5) << 7 | (t >> 5) << 6 | (t & 31);
    }

    static int mpyadd(boolean sub, int rm1, int rm2, int ta, int ra, int dbl, int tm) {
        return (sub ? 0x26 : 0x06) << 26 | rm1 << 21 | rm2 << 16 | ta << 11 | ra << 6 | dbl << 5 | tm;
    }

    static long d(double x) {
        return Double.doubleToRawLongBits(x);
    }

    static int f(float x) {
        return Float.floatToRawIntBits(x);
    }

    void status(int s) {
        fpu.setStatus(s);
    }

    int status() {
        return fpu.status();
    }

    int run(int insn) {
        return fpu.execute(insn);
    }

    /** fadd/fsub/fmpy/fdiv,dbl fr4 op fr5 -> fr6. */
    long dop(int sub, double a, double b) {
        fpu.fr[4] = d(a);
        fpu.fr[5] = d(b);
        assertThat(run(c3(sub, 1, 4, 5, 6))).isEqualTo(Fpu.DONE);
        return fpu.fr[6];
    }

    /** The single-precision form, fr4L op fr5L -> fr6L. */
    int sop(int sub, float a, float b) {
        fpu.setSingle(4, f(a));
        fpu.setSingle(5, f(b));
        assertThat(run(c3(sub, 0, 4, 5, 6))).isEqualTo(Fpu.DONE);
        return fpu.getSingle(6);
    }

    // ---------------------------------------------------------------- class 0

    @Nested
    class Class0 {
        @Test
        void copyAbsNegNegabsDouble() {
            fpu.fr[4] = d(-2.5);
            run(c0(2, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(-2.5));
            run(c0(3, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(2.5));
            run(c0(6, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(2.5));
            fpu.fr[4] = d(2.5);
            run(c0(7, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(-2.5));
            // Pure sign operations: a signaling NaN passes through and no flag is raised.
            fpu.fr[4] = 0x7ff8000000000001L;
            run(c0(6, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(0xfff8000000000001L);
            assertThat(status()).isZero();
        }

        @Test
        void singleHalvesInBothEncodings() {
            fpu.fr[4] = 0x4000000000000000L | (f(-3.0f) & 0xffffffffL);
            run(e0(3, 0, 36, 38)); // fabs,sgl fr4R -> fr6R
            assertThat(fpu.getSingle(38)).isEqualTo(f(3.0f));
            fpu.setSingle(4, f(1.5f));
            run(c0(6, 0, 4, 6)); // 0x0C single operands are left halves
            assertThat(fpu.getSingle(6)).isEqualTo(f(-1.5f));
        }

        @Test
        void registerZeroReadsAsZero() {
            fpu.fr[0] = 0x1234567800000000L;
            fpu.fr[6] = -1;
            run(c0(2, 1, 0, 6)); // fcpy,dbl fr0 -> fr6
            assertThat(fpu.fr[6]).isZero();
            // fcpy does not refresh the status register.
            assertThat(fpu.fr[0]).isEqualTo(0x1234567800000000L);
        }

        @Test
        void fidClearsFr0LeftHalfOnly() {
            fpu.fr[0] = 0x123456789abcdef0L;
            assertThat(run(0x30000000)).isEqualTo(Fpu.DONE);
            assertThat(fpu.fr[0]).isEqualTo(0x000000009abcdef0L);
        }

        @Test
        void sqrt() {
            fpu.fr[4] = d(2.0);
            run(c0(4, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(Math.sqrt(2.0)));
            assertThat(status()).isEqualTo(I);
            status(0);
            fpu.fr[4] = d(16.0);
            run(c0(4, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(4.0));
            assertThat(status()).isZero();
            fpu.fr[4] = d(-0.0);
            run(c0(4, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(-0.0));
            fpu.fr[4] = d(-1.0);
            run(c0(4, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(DNAN);
            assertThat(status()).isEqualTo(V);
        }

        @Test
        void sqrtDirectedRounding() {
            double r = Math.sqrt(2.0);
            boolean above = new BigDecimal(r).pow(2).compareTo(BigDecimal.valueOf(2)) > 0;
            fpu.fr[4] = d(2.0);
            status(RU);
            run(c0(4, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(above ? r : Math.nextUp(r)));
            status(RD);
            run(c0(4, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(above ? Math.nextDown(r) : r));
            fpu.setSingle(4, f(2.0f));
            status(RU);
            run(c0(4, 0, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(f(1.4142137f));
            status(RZ);
            run(c0(4, 0, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(f(1.4142135f));
        }

        @Test
        void roundToIntegerInEachMode() {
            double[] in = {2.5, -2.5, 0.5, -0.7, 3.5, 1e300};
            double[][] want = {
                {2.0, -2.0, 0.0, -1.0, 4.0, 1e300}, // nearest even
                {2.0, -2.0, 0.0, -0.0, 3.0, 1e300}, // toward zero
                {3.0, -2.0, 1.0, -0.0, 4.0, 1e300}, // up
                {2.0, -3.0, 0.0, -1.0, 3.0, 1e300}, // down
            };
            for (int mode = 0; mode < 4; mode++) {
                for (int i = 0; i < in.length; i++) {
                    status(mode << 9);
                    fpu.fr[4] = d(in[i]);
                    run(c0(5, 1, 4, 6));
                    assertThat(fpu.fr[6]).as("frnd mode %d of %s", mode, in[i]).isEqualTo(d(want[mode][i]));
                    assertThat(status() & I).isEqualTo(in[i] == 1e300 ? 0 : I);
                }
            }
        }
    }

    // ---------------------------------------------------------------- class 1

    @Nested
    class Conversions {
        @Test
        void singleDouble() {
            fpu.setSingle(4, f(0.1f));
            run(c1(0, 1, 0, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(d(0.1f));
            assertThat(status()).isZero();
            fpu.fr[4] = d(0.1);
            run(c1(0, 0, 1, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(f(0.1f));
            assertThat(status()).isEqualTo(I);
            fpu.fr[4] = d(1e300);
            run(c1(0, 0, 1, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(0x7f800000);
            assertThat(status()).isEqualTo(O | I);
            status(0);
            fpu.fr[4] = d(1e-40);
            run(c1(0, 0, 1, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(f(1e-40f));
            assertThat(status()).isEqualTo(U | I);
        }

        @Test
        void nanPayloads() {
            // A signaling NaN is quieted: top fraction bit cleared, next one set.
            fpu.setSingle(4, 0x7fc00001);
            run(c1(0, 1, 0, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(0x7ff4000020000000L);
            assertThat(status()).isEqualTo(V);
            // Narrowing keeps the top fraction bits; a quiet NaN with only low bits becomes Inf.
            status(0);
            fpu.fr[4] = 0x7ff0000000000001L;
            run(c1(0, 0, 1, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(0x7f800000);
            assertThat(status()).isZero();
        }

        @Test
        void integerToFloat() {
            fpu.setSingle(4, -7);
            run(c1(1, 1, 0, 4, 6)); // fcnvxf,sgl,dbl
            assertThat(fpu.fr[6]).isEqualTo(d(-7.0));
            fpu.setSingle(4, -1);
            run(c1(5, 1, 0, 4, 6)); // unsigned word to double
            assertThat(fpu.fr[6]).isEqualTo(d(4294967295.0));
            fpu.fr[4] = Long.MAX_VALUE;
            run(c1(1, 1, 1, 4, 6)); // dword to double rounds
            assertThat(fpu.fr[6]).isEqualTo(d(0x1p63));
            assertThat(status()).isEqualTo(I);
            status(RZ);
            fpu.fr[4] = -1L;
            run(c1(5, 1, 1, 4, 6)); // unsigned dword, toward zero
            assertThat(fpu.fr[6]).isEqualTo(d(Math.nextDown(0x1p64)));
            status(0);
            fpu.setSingle(4, 16777217);
            run(c1(1, 0, 0, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(f(16777216.0f));
        }

        @Test
        void floatToIntegerSaturatesLikeSoftfloat() {
            fpu.fr[4] = d(3e9);
            run(c1(3, 0, 1, 4, 6)); // fcnvfxt,dbl,sgl
            assertThat(fpu.getSingle(6)).isEqualTo(Integer.MAX_VALUE);
            assertThat(status()).isEqualTo(V); // invalid only, no inexact
            status(0);
            fpu.fr[4] = 0xfff0000000000001L; // NaN of either sign -> largest positive
            run(c1(3, 0, 1, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(Integer.MAX_VALUE);
            fpu.fr[4] = d(Double.NEGATIVE_INFINITY);
            run(c1(3, 1, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(Long.MIN_VALUE);
            status(0);
            fpu.fr[4] = d(-0.5);
            run(c1(7, 0, 1, 4, 6)); // negative to unsigned that truncates to zero: inexact only
            assertThat(fpu.getSingle(6)).isZero();
            assertThat(status()).isEqualTo(I);
            status(0);
            fpu.fr[4] = d(-1.0);
            run(c1(7, 0, 1, 4, 6));
            assertThat(fpu.getSingle(6)).isZero();
            assertThat(status()).isEqualTo(V);
            status(0);
            fpu.fr[4] = d(1e19);
            run(c1(7, 1, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(Long.parseUnsignedLong("10000000000000000000"));
            assertThat(status()).isZero();
        }

        @Test
        void roundingVersusTruncation() {
            fpu.fr[4] = d(-2.5);
            run(c1(2, 0, 1, 4, 6)); // current mode (nearest)
            assertThat(fpu.getSingle(6)).isEqualTo(-2);
            run(c1(3, 0, 1, 4, 6)); // truncating
            assertThat(fpu.getSingle(6)).isEqualTo(-2);
            fpu.fr[4] = d(-2.7);
            run(c1(2, 0, 1, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(-3);
            run(c1(3, 0, 1, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(-2);
            status(RU);
            run(c1(2, 0, 1, 4, 6));
            assertThat(fpu.getSingle(6)).isEqualTo(-2);
            status(RD);
            fpu.fr[4] = d(2.1);
            run(c1(2, 1, 1, 4, 6));
            assertThat(fpu.fr[6]).isEqualTo(2L);
        }

        @Test
        void encoding0EHalves() {
            fpu.fr[4] = f(7.75f) & 0xffffffffL; // fr4R
            run(e1(3, 0, 0, 36, 6)); // fcnvfxt,sgl,sgl fr4R -> fr6L
            assertThat(fpu.getSingle(6)).isEqualTo(7);
            run(e1(0, 0, 1, 36, 8)); // fcnvff,sgl,dbl fr4R -> fr8
            assertThat(fpu.fr[8]).isEqualTo(d(7.75));
        }
    }

    // ---------------------------------------------------------------- class 2

    @Nested
    class Compare {
        @Test
        void allConditionsAgainstTheRelation() {
            double nan = Double.longBitsToDouble(0x7ff0000000000001L); // quiet on PA-RISC
            double[][] pairs = {{1, 2}, {2, 1}, {1, 1}, {1, nan}};
            int[] relBit = {3, 4, 2, 1}; // less, greater, equal, unordered
            for (int c = 0; c < 32; c++) {
                for (int p = 0; p < pairs.length; p++) {
                    status(0);
                    fpu.fr[4] = d(pairs[p][0]);
                    fpu.fr[5] = d(pairs[p][1]);
                    run(cmp(4, 5, 0, 1, c));
                    int want = (c >>> relBit[p]) & 1;
                    assertThat((status() & C) != 0).as("c=%d pair %d", c, p).isEqualTo(want == 1);
                    // Unordered compares signal invalid when bit 0 of the condition is set.
                    assertThat(status() & V).isEqualTo(p == 3 && (c & 1) != 0 ? V : 0);
                }
            }
        }

        @Test
        void signalingNanAlwaysInvalid() {
            fpu.fr[4] = d(1.0);
            fpu.fr[5] = 0x7ff8000000000000L; // Java's NaN is signaling here
            run(cmp(4, 5, 0, 1, 2));
            assertThat(status()).isEqualTo(V | C);
        }

        @Test
        void queueShiftsOnEveryQueuedCompare() {
            fpu.fr[4] = d(1.0);
            fpu.fr[5] = d(2.0);
            run(cmp(4, 5, 0, 1, 0x08)); // less: true
            run(cmp(5, 4, 0, 1, 0x08)); // false; old C enters CQ[0] (bit 21)
            run(cmp(4, 5, 0, 1, 0x08)); // true; queue moves right
            run(cmp(4, 5, 0, 1, 0x08));
            assertThat(status()).isEqualTo(0x04280000);
        }

        @Test
        void targetedCompareSetsCaBit() {
            fpu.fr[4] = d(1.0);
            fpu.fr[5] = d(1.0);
            for (int y = 1; y < 8; y++) {
                status(0);
                run(cmp(4, 5, y, 1, 0x04));
                assertThat(status()).isEqualTo(1 << (22 - y));
            }
        }

        @Test
        void ftestForms() {
            status(C);
            assertThat(run(ftest(1, 0))).isEqualTo(Fpu.NULLIFY_NEXT);
            status(0);
            assertThat(run(ftest(1, 0))).isEqualTo(Fpu.DONE);
            // acc: nullify when C and the queue are all clear.
            assertThat(run(ftest(1, 1))).isEqualTo(Fpu.NULLIFY_NEXT);
            status(1 << 15);
            assertThat(run(ftest(1, 1))).isEqualTo(Fpu.DONE);
            assertThat(run(ftest(1, 17))).isEqualTo(Fpu.NULLIFY_NEXT);
            // rej: QEMU 7.2 nullifies when no bit outside the mask is set.
            status(0x03c00000);
            assertThat(run(ftest(1, 2))).isEqualTo(Fpu.DONE);
            status(0x00100000);
            assertThat(run(ftest(1, 2))).isEqualTo(Fpu.NULLIFY_NEXT);
            // Other y values test one CA bit.
            status(1 << 21);
            assertThat(run(ftest(0, 0))).isEqualTo(Fpu.NULLIFY_NEXT);
            status(1 << 19);
            assertThat(run(ftest(2, 0))).isEqualTo(Fpu.NULLIFY_NEXT);
            assertThat(run(ftest(1, 3))).isEqualTo(Fpu.ILLEGAL);
        }
    }

    // ---------------------------------------------------------------- class 3

    @Nested
    class Arithmetic {
        @Test
        void basicDoubleAndSingle() {
            assertThat(dop(0, 1.5, 2.25)).isEqualTo(d(3.75));
            assertThat(dop(1, 1.5, 2.25)).isEqualTo(d(-0.75));
            assertThat(dop(2, 1.5, 2.25)).isEqualTo(d(3.375));
            assertThat(dop(3, 1.0, 3.0)).isEqualTo(d(1.0 / 3.0));
            assertThat(sop(0, 0.1f, 0.2f)).isEqualTo(f(0.1f + 0.2f));
            assertThat(sop(3, 1.0f, 3.0f)).isEqualTo(f(1.0f / 3.0f));
        }

        @Test
        void flags() {
            dop(0, 1.0, 2.0);
            assertThat(status()).isZero();
            dop(0, 1.0, 1e-30);
            assertThat(status()).isEqualTo(I);
            status(0);
            dop(2, 1e300, 1e300);
            assertThat(status()).isEqualTo(O | I);
            status(0);
            assertThat(dop(2, 1e-300, 1e-300)).isZero();
            assertThat(status()).isEqualTo(U | I);
            status(0);
            assertThat(dop(3, -1.0, 0.0)).isEqualTo(d(Double.NEGATIVE_INFINITY));
            assertThat(status()).isEqualTo(Z);
            status(0);
            assertThat(dop(3, 0.0, 0.0)).isEqualTo(DNAN);
            assertThat(status()).isEqualTo(V);
            // Exact subnormal results raise nothing.
            status(0);
            assertThat(dop(1, 0x1.8p-1022, 0x1p-1022)).isEqualTo(d(0x1p-1023));
            assertThat(status()).isZero();
        }

        @Test
        void flagsAreStickyAndFr0RightHalfIsCleared() {
            fpu.fr[0] = ((long) O << 32) | 0xdeadbeefL;
            dop(0, 1.0, 2.0);
            assertThat(fpu.fr[0]).isEqualTo((long) O << 32);
        }

        @Test
        void nanPropagation() {
            long qa = 0x7ff0000000000123L;
            long qb = 0xfff0000000000456L;
            long sb = 0xfffc000000000abcL;
            fpu.fr[4] = qa;
            fpu.fr[5] = qb;
            run(c3(0, 1, 4, 5, 6));
            assertThat(fpu.fr[6]).isEqualTo(qa);
            assertThat(status()).isZero();
            fpu.fr[5] = sb;
            run(c3(0, 1, 4, 5, 6));
            assertThat(fpu.fr[6]).isEqualTo(0xfff4000000000abcL); // signaling b wins, quieted
            assertThat(status()).isEqualTo(V);
            status(0);
            assertThat(dop(1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isEqualTo(DNAN);
            assertThat(sop(2, 0.0f, Float.POSITIVE_INFINITY)).isEqualTo(SNAN_DEFAULT);
        }

        @Test
        void zeroSigns() {
            assertThat(dop(1, 1.5, 1.5)).isEqualTo(d(0.0));
            status(RD);
            assertThat(dop(1, 1.5, 1.5)).isEqualTo(d(-0.0));
            assertThat(dop(0, 0.0, -0.0)).isEqualTo(d(-0.0));
            status(0);
            assertThat(dop(0, 0.0, -0.0)).isEqualTo(d(0.0));
            assertThat(dop(0, -0.0, -0.0)).isEqualTo(d(-0.0));
        }

        @Test
        void overflowInDirectedModes() {
            status(RZ);
            assertThat(dop(2, 1e200, 1e200)).isEqualTo(d(Double.MAX_VALUE));
            status(RD);
            assertThat(dop(2, 1e200, 1e200)).isEqualTo(d(Double.MAX_VALUE));
            assertThat(dop(2, -1e200, 1e200)).isEqualTo(d(Double.NEGATIVE_INFINITY));
            status(RU);
            assertThat(dop(2, -1e200, 1e200)).isEqualTo(d(-Double.MAX_VALUE));
            assertThat(status() & (O | I)).isEqualTo(O | I);
        }

        @Test
        void flushToZero() {
            status(D);
            assertThat(dop(2, 1.5e-160, 1.5e-160)).isZero();
            assertThat(status()).isEqualTo(D); // no flag at all
            assertThat(dop(0, 0x1p-1030, 0.0)).isZero(); // denormal input flushed
            fpu.fr[4] = d(0x1p-1030);
            run(c1(3, 0, 1, 4, 6));
            assertThat(status()).isEqualTo(D);
        }

        @Test
        void underflowUsesTininessAfterRounding() {
            // (1 - 2^-53) * 2^-1022 is below the smallest normal even at full precision: tiny,
            // although the subnormal rounding (a tie, to even) gives the smallest normal.
            long r = dop(2, Math.nextDown(1.0), Double.MIN_NORMAL);
            assertThat(r).isEqualTo(d(Double.MIN_NORMAL));
            assertThat(status()).isEqualTo(U | I);
            // (1 + 2^-52) * (2^-1022 - 2^-1074) rounds to 2^-1022 at full precision: not tiny.
            status(0);
            r = dop(2, Math.nextUp(1.0), Double.MIN_NORMAL - Double.MIN_VALUE);
            assertThat(r).isEqualTo(d(Double.MIN_NORMAL));
            assertThat(status()).isEqualTo(I);
        }

        @Test
        void randomAgainstBigDecimalOracleAllModes() {
            SplittableRandom rng = new SplittableRandom(12345);
            for (int i = 0; i < 12000; i++) {
                double a = randomDouble(rng);
                double b = rng.nextInt(4) == 0 ? a * (1 + rng.nextInt(3) * 0x1p-52) : randomDouble(rng);
                int sub = rng.nextInt(4);
                int mode = rng.nextInt(4);
                status(mode << 9);
                long got = dop(sub, a, b);
                if (!Double.isFinite(a) || !Double.isFinite(b) || (sub == 3 && b == 0)) {
                    continue;
                }
                double want = Oracle.round(a, b, sub, mode, false);
                boolean inexact = Oracle.lastInexact;
                if (want == 0) {
                    assertThat(got & Long.MAX_VALUE).as("op %d mode %d %s %s", sub, mode, a, b).isZero();
                } else {
                    assertThat(got).as("op %d mode %d %s %s", sub, mode, a, b).isEqualTo(d(want));
                }
                assertThat((status() & I) != 0).as("inexact op %d mode %d %s %s", sub, mode, a, b)
                        .isEqualTo(inexact);
            }
        }

        @Test
        void randomSingleAgainstOracleAllModes() {
            SplittableRandom rng = new SplittableRandom(777);
            for (int i = 0; i < 12000; i++) {
                float a = Float.intBitsToFloat(randomFloatBits(rng));
                float b = Float.intBitsToFloat(randomFloatBits(rng));
                int sub = rng.nextInt(4);
                int mode = rng.nextInt(4);
                status(mode << 9);
                int got = sop(sub, a, b);
                if (!Float.isFinite(a) || !Float.isFinite(b) || (sub == 3 && b == 0)) {
                    continue;
                }
                double want = Oracle.round(a, b, sub, mode, true);
                if (want == 0) {
                    assertThat(got & 0x7fffffff).isZero();
                } else {
                    assertThat(got).as("op %d mode %d %s %s", sub, mode, a, b).isEqualTo(f((float) want));
                }
                assertThat((status() & I) != 0).isEqualTo(Oracle.lastInexact);
            }
        }
    }

    /** The Java-arithmetic fast paths must agree, result and flags, with the exact path. */
    @Nested
    class FastPaths {
        final FpArith fast = new FpArith();
        final FpArith exact = new FpArith();

        long check(long viaFast, long viaExact, String what) {
            assertThat(viaFast).as(what).isEqualTo(viaExact);
            assertThat(fast.flags).as("flags of " + what).isEqualTo(exact.flags);
            fast.flags = 0;
            exact.flags = 0;
            return viaFast;
        }

        @Test
        void doubleOperations() {
            SplittableRandom rng = new SplittableRandom(99);
            for (int i = 0; i < 200000; i++) {
                long a = Double.doubleToRawLongBits(randomDouble(rng));
                long b = rng.nextInt(5) == 0 ? a ^ rng.nextLong(16) : Double.doubleToRawLongBits(randomDouble(rng));
                String w = Long.toHexString(a) + " " + Long.toHexString(b);
                check(fast.addD(a, b, false), exact.addSub(a, b, false, FpArith.DOUBLE), "add " + w);
                check(fast.addD(a, b, true), exact.addSub(a, b, true, FpArith.DOUBLE), "sub " + w);
                check(fast.mulD(a, b), exact.mul(a, b, FpArith.DOUBLE), "mul " + w);
                check(fast.divD(a, b), exact.div(a, b, FpArith.DOUBLE), "div " + w);
                check(fast.sqrtD(a), exact.sqrt(a, FpArith.DOUBLE), "sqrt " + w);
                check(fast.doubleToSingle(a), exact.convert(a, FpArith.DOUBLE, FpArith.SINGLE), "d2s " + w);
                for (int k = 0; k < 4; k++) {
                    boolean wide = (k & 1) != 0;
                    boolean trunc = (k & 2) != 0;
                    check(fast.floatToInt(a, FpArith.DOUBLE, false, wide, trunc),
                            exact.toInt(a, FpArith.DOUBLE, trunc ? FpArith.RM_ZERO : FpArith.RM_NEAREST, false, wide),
                            "toint " + k + " " + w);
                }
                check(fast.intToFloat(a, false, true, FpArith.DOUBLE), exact.fromInt(a < 0, Math.abs(a),
                        FpArith.DOUBLE), "q2d " + w);
                check(fast.intToFloat(a, false, false, FpArith.DOUBLE), exact.fromInt((int) a < 0,
                        Math.abs((long) (int) a), FpArith.DOUBLE), "w2d " + w);
            }
        }

        @Test
        void singleOperations() {
            SplittableRandom rng = new SplittableRandom(98);
            for (int i = 0; i < 200000; i++) {
                long a = randomFloatBits(rng) & 0xffffffffL;
                long b = (rng.nextInt(5) == 0 ? a ^ rng.nextInt(16) : randomFloatBits(rng)) & 0xffffffffL;
                String w = Long.toHexString(a) + " " + Long.toHexString(b);
                check(fast.addS(a, b, false), exact.addSub(a, b, false, FpArith.SINGLE), "add " + w);
                check(fast.addS(a, b, true), exact.addSub(a, b, true, FpArith.SINGLE), "sub " + w);
                check(fast.mulS(a, b), exact.mul(a, b, FpArith.SINGLE), "mul " + w);
                check(fast.divS(a, b), exact.div(a, b, FpArith.SINGLE), "div " + w);
                check(fast.sqrtS(a), exact.sqrt(a, FpArith.SINGLE), "sqrt " + w);
                check(fast.singleToDouble(a), exact.convert(a, FpArith.SINGLE, FpArith.DOUBLE), "s2d " + w);
                check(fast.floatToInt(a, FpArith.SINGLE, false, false, true),
                        exact.toInt(a, FpArith.SINGLE, FpArith.RM_ZERO, false, false), "toint " + w);
                check(fast.intToFloat(a, false, false, FpArith.SINGLE), exact.fromInt((int) a < 0,
                        Math.abs((long) (int) a), FpArith.SINGLE), "w2s " + w);
            }
        }
    }

    static double randomDouble(SplittableRandom rng) {
        switch (rng.nextInt(4)) {
            case 0:
                return Double.longBitsToDouble(rng.nextLong());
            case 1:
                return Double.longBitsToDouble(((long) rng.nextInt(2) << 63) | ((long) rng.nextInt(80) << 52)
                        | (rng.nextLong() >>> 12));
            case 2:
                return Double.longBitsToDouble(((long) rng.nextInt(2) << 63) | ((long) (2046 - rng.nextInt(80)) << 52)
                        | (rng.nextLong() >>> 12));
            default:
                return (rng.nextInt(2001) - 1000) / (double) (1 + rng.nextInt(64));
        }
    }

    static int randomFloatBits(SplittableRandom rng) {
        switch (rng.nextInt(3)) {
            case 0:
                return rng.nextInt();
            case 1:
                return (rng.nextInt(2) << 31) | (rng.nextInt(40) << 23) | (rng.nextInt() >>> 9);
            default:
                return (rng.nextInt(2) << 31) | ((254 - rng.nextInt(40)) << 23) | (rng.nextInt() >>> 9);
        }
    }

    /** Correct rounding of a op b from the exact BigDecimal value, in any rounding mode. */
    static final class Oracle {
        static boolean lastInexact;

        static double round(double a, double b, int op, int mode, boolean single) {
            BigDecimal x = new BigDecimal(a);
            BigDecimal y = new BigDecimal(b);
            if (op == 3) {
                // Division: bracket by the nearest candidate and compare candidate * y with x.
                double q = single ? (float) (a / b) : a / b;
                int side = sideOfQuotient(q, x, y);
                return adjust(q, side, mode, single);
            }
            BigDecimal exact = op == 0 ? x.add(y) : op == 1 ? x.subtract(y) : x.multiply(y);
            double near = single ? exact.floatValue() : exact.doubleValue();
            int side = Double.isInfinite(near) ? -exact.signum() : exact.compareTo(new BigDecimal(near));
            return adjust(near, side, mode, single);
        }

        /** Sign of (exact quotient - q): compares q*y with x taking y's sign into account. */
        private static int sideOfQuotient(double q, BigDecimal x, BigDecimal y) {
            if (Double.isInfinite(q)) {
                return -(int) Math.signum(q);
            }
            int c = x.compareTo(new BigDecimal(q).multiply(y));
            return y.signum() > 0 ? c : -c;
        }

        /** Moves the nearest value to the directed result, given on which side the exact value lies. */
        private static double adjust(double near, int side, int mode, boolean single) {
            lastInexact = side != 0;
            if (Double.isInfinite(near)) {
                // Overflow: modes rounding toward zero stop at the largest finite value.
                boolean pos = near > 0;
                boolean toMax = mode == 1 || (mode == 2 && !pos) || (mode == 3 && pos);
                double max = single ? Float.MAX_VALUE : Double.MAX_VALUE;
                return toMax ? (pos ? max : -max) : near;
            }
            if (side > 0 && (mode == 2 || (mode == 1 && near < 0))) {
                return single ? Math.nextUp((float) near) : Math.nextUp(near);
            }
            if (side < 0 && (mode == 3 || (mode == 1 && near > 0))) {
                return single ? Math.nextDown((float) near) : Math.nextDown(near);
            }
            return near;
        }
    }

    // ---------------------------------------------------------------- traps

    @Nested
    class Traps {
        @Test
        void enabledExceptionTrapsAndLeavesTargetUnchanged() {
            status(Z >>> 27); // enable divide-by-zero
            fpu.fr[4] = d(1.0);
            fpu.fr[5] = d(0.0);
            fpu.fr[6] = 0x1111L;
            assertThat(run(c3(3, 1, 4, 5, 6))).isEqualTo(Fpu.TRAP);
            assertThat(fpu.fr[6]).isEqualTo(0x1111L);
            assertThat(status()).isEqualTo(Z | (Z >>> 27)); // the flag is still recorded
        }

        @Test
        void disabledExceptionDoesNotTrap() {
            status(I >>> 27 << 1); // underflow enabled only
            assertThat(dop(3, 1.0, 3.0)).isEqualTo(d(1.0 / 3.0));
        }

        @Test
        void inexactTrapOnConversionAndCompareInvalid() {
            status(1); // inexact enabled
            fpu.fr[4] = d(2.5);
            assertThat(run(c1(3, 0, 1, 4, 6))).isEqualTo(Fpu.TRAP);
            status(16); // invalid enabled
            fpu.fr[5] = 0x7ff0000000000001L;
            assertThat(run(cmp(4, 5, 0, 1, 0x03))).isEqualTo(Fpu.TRAP);
            assertThat(status() & C).isZero(); // C not updated by a trapping compare
        }
    }

    // ---------------------------------------------------------------- multiply-add, xmpyu, decode

    @Nested
    class MultiplyAdd {
        @Test
        void doubleFormRunsMultiplyThenAdd() {
            fpu.fr[4] = d(1.5);
            fpu.fr[5] = d(2.5);
            fpu.fr[7] = d(0.25);
            fpu.fr[8] = d(7.0);
            run(mpyadd(false, 4, 5, 8, 7, 1, 9)); // fr9 = fr4*fr5 ; fr8 = fr8 + fr7
            assertThat(fpu.fr[9]).isEqualTo(d(3.75));
            assertThat(fpu.fr[8]).isEqualTo(d(7.25));
            // With ta == tm the add sees the product (QEMU runs the two in sequence).
            fpu.fr[8] = d(7.0);
            run(mpyadd(false, 4, 5, 8, 7, 1, 8));
            assertThat(fpu.fr[8]).isEqualTo(d(4.0));
            run(mpyadd(true, 4, 5, 8, 7, 1, 9));
            assertThat(fpu.fr[8]).isEqualTo(d(3.75));
        }

        @Test
        void singleFormUsesFr16ToFr31() {
            fpu.setSingle(20, f(21.0f)); // field 4 -> fr20L
            fpu.setSingle(53, f(22.0f)); // field 21 -> fr21R
            fpu.setSingle(55, f(5.0f)); // field 23 -> fr23R
            fpu.setSingle(24, f(24.0f)); // field 8 -> fr24L
            run(mpyadd(true, 4, 21, 23, 8, 0, 6));
            assertThat(fpu.getSingle(22)).isEqualTo(f(462.0f)); // field 6 -> fr22L
            assertThat(fpu.getSingle(55)).isEqualTo(f(-19.0f));
        }
    }

    @Nested
    class FusedMultiplyAdd {
        int fmad(int rm1, int rm2, int ra, boolean neg, int t) {
            return 0x2E << 26 | rm1 << 21 | rm2 << 16 | (ra >> 2) << 13 | 1 << 11 | (ra & 3) << 9 | (neg ? 1 << 5 : 0)
                    | t;
        }

        @Test
        void singleRounding() {
            // 0.1 * 10 - 1 is exactly 2^-54 with one rounding; separate operations would give 0.
            fpu.fr[4] = d(0.1);
            fpu.fr[5] = d(10.0);
            fpu.fr[6] = d(-1.0);
            assertThat(run(fmad(4, 5, 6, false, 7))).isEqualTo(Fpu.DONE);
            assertThat(fpu.fr[7]).isEqualTo(d(Math.fma(0.1, 10.0, -1.0)));
            run(fmad(4, 5, 6, true, 7)); // -(a*b) + c
            assertThat(fpu.fr[7]).isEqualTo(d(Math.fma(-0.1, 10.0, -1.0)));
        }

        @Test
        void singleFormRegisterFields() {
            // rm1 = fr4R (bit 7), rm2 = fr5L, ra = fr6R (bit 8), t = fr7R (bit 6).
            fpu.setSingle(36, f(1.5f));
            fpu.setSingle(5, f(2.5f));
            fpu.setSingle(38, f(0.1f));
            int insn = 0x2E << 26 | 4 << 21 | 5 << 16 | (6 >> 2) << 13 | (6 & 3) << 9 | 1 << 8 | 1 << 7 | 1 << 6 | 7;
            run(insn);
            assertThat(fpu.getSingle(39)).isEqualTo(f(3.85f));
            assertThat(status()).isEqualTo(I);
        }

        @Test
        void specialCases() {
            fpu.fr[4] = d(Double.POSITIVE_INFINITY);
            fpu.fr[5] = d(0.0);
            fpu.fr[6] = 0xfff0000000000003L; // quiet NaN: returned without invalid
            run(fmad(4, 5, 6, false, 7));
            assertThat(fpu.fr[7]).isEqualTo(0xfff0000000000003L);
            assertThat(status()).isZero();
            fpu.fr[6] = d(1.0);
            run(fmad(4, 5, 6, false, 7));
            assertThat(fpu.fr[7]).isEqualTo(DNAN);
            assertThat(status()).isEqualTo(V);
            // The first NaN operand wins even when a later one is signaling.
            status(0);
            fpu.fr[4] = 0x7ff0000000000001L;
            fpu.fr[6] = 0xfff8000000000003L;
            run(fmad(4, 5, 6, false, 7));
            assertThat(fpu.fr[7]).isEqualTo(0x7ff0000000000001L);
            assertThat(status()).isEqualTo(V);
            // Exact zero sum: +0, or -0 when rounding down.
            status(RD);
            fpu.fr[4] = d(1.0);
            fpu.fr[5] = d(1.0);
            fpu.fr[6] = d(-1.0);
            run(fmad(4, 5, 6, false, 7));
            assertThat(fpu.fr[7]).isEqualTo(d(-0.0));
        }

        @Test
        void randomAgainstJavaFma() {
            SplittableRandom rng = new SplittableRandom(4242);
            for (int i = 0; i < 100000; i++) {
                double a = randomDouble(rng);
                double b = randomDouble(rng);
                double c = rng.nextBoolean() ? randomDouble(rng) : -(a * b) * (1 + rng.nextInt(5) * 0x1p-52);
                if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c)) {
                    continue;
                }
                status(0);
                fpu.fr[4] = d(a);
                fpu.fr[5] = d(b);
                fpu.fr[6] = d(c);
                run(fmad(4, 5, 6, false, 7));
                double want = Math.fma(a, b, c);
                if (Double.isNaN(want)) {
                    assertThat(fpu.fr[7]).isEqualTo(DNAN);
                } else {
                    assertThat(fpu.fr[7]).as("fma %s %s %s", a, b, c).isEqualTo(d(want));
                }
            }
        }
    }

    @Test
    void xmpyu() {
        fpu.fr[4] = 0xffffffffL;
        fpu.fr[5] = 0x0000000300000000L;
        int insn = 0x38000000 | 4 << 21 | 5 << 16 | 2 << 13 | 0x700 | 1 << 7 | 6;
        assertThat(run(insn)).isEqualTo(Fpu.DONE);
        assertThat(fpu.fr[6]).isEqualTo(0xffffffffL * 3);
        assertThat(status()).isZero();
    }

    @Test
    void reservedEncodingsAreIllegal() {
        assertThat(run(c0(1, 1, 4, 6))).isEqualTo(Fpu.ILLEGAL); // class 0 sub 1
        assertThat(run(c0(2, 2, 4, 6))).isEqualTo(Fpu.ILLEGAL); // quad format
        assertThat(run(c1(4, 1, 1, 4, 6))).isEqualTo(Fpu.ILLEGAL); // class 1 sub 4
        assertThat(run(c1(0, 1, 1, 4, 6))).isEqualTo(Fpu.ILLEGAL); // fcnvff dbl,dbl
        assertThat(run(c3(4, 1, 4, 5, 6))).isEqualTo(Fpu.ILLEGAL); // class 3 sub 4
        assertThat(run(c3(0, 1, 4, 5, 6) | 1 << 6)).isEqualTo(Fpu.ILLEGAL); // non-zero unit id
        assertThat(run(e0(1, 1, 4, 6))).isEqualTo(Fpu.ILLEGAL); // no fid in 0x0E
        assertThat(run(e3(0, 1, 36, 5, 6))).isEqualTo(Fpu.ILLEGAL); // half bit on a double
    }

    @Test
    void statusReloadedWhenFr0IsLoadedFromOutside() {
        fpu.fr[4] = d(1.0);
        fpu.fr[5] = d(3.0);
        run(c3(3, 1, 4, 5, 6));
        long nearest = fpu.fr[6];
        fpu.fr[0] = (long) RU << 32; // as fldw/fldd into fr0 would
        run(c3(3, 1, 4, 5, 6));
        assertThat(fpu.fr[6]).isEqualTo(d(Math.nextUp(Double.longBitsToDouble(nearest))));
    }
}
