/* Division and modulo by constants (the compiler turns these into
   multiply/shift sequences or millicode) checked against division by the
   same values held in volatile variables (real divide instructions/calls). */
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

static volatile int32_t vd[] = { 3, 7, 10, -5, 16, -8, 1000, 641, 2, -1, 1, 60, 100000 };
static volatile uint32_t vu[] = { 3, 7, 10, 16, 1000, 641, 2, 60, 100000, 0x80000000u, 0xffffffffu };
static volatile int64_t vl[] = { 3, 7, 10, -10, 1000000007, 4096 };

static uint32_t next(uint32_t *s)
{
    /* xorshift32: cheap deterministic test values */
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

static int bad;
static uint32_t sum;

#define CHK(expr, ref) do { int32_t e_ = (expr), r_ = (ref); sum = sum * 31u + (uint32_t)e_; \
    if (e_ != r_) { bad++; if (bad < 10) printf("mismatch %s: a=%d got %d want %d\n", #expr, a, e_, r_); } } while (0)
#define CHKU(expr, ref) do { uint32_t e_ = (expr), r_ = (ref); sum = sum * 31u + e_; \
    if (e_ != r_) { bad++; if (bad < 10) printf("mismatch %s: u=%u got %u want %u\n", #expr, u, e_, r_); } } while (0)

static void check32(int32_t a)
{
    uint32_t u = (uint32_t)a;
    CHK(a / 3, a / vd[0]);      CHK(a % 3, a % vd[0]);
    CHK(a / 7, a / vd[1]);      CHK(a % 7, a % vd[1]);
    CHK(a / 10, a / vd[2]);     CHK(a % 10, a % vd[2]);
    CHK(a / -5, a / vd[3]);     CHK(a % -5, a % vd[3]);
    CHK(a / 16, a / vd[4]);     CHK(a % 16, a % vd[4]);
    CHK(a / -8, a / vd[5]);     CHK(a % -8, a % vd[5]);
    CHK(a / 1000, a / vd[6]);   CHK(a % 1000, a % vd[6]);
    CHK(a / 641, a / vd[7]);    CHK(a % 641, a % vd[7]);
    CHK(a / 2, a / vd[8]);      CHK(a % 2, a % vd[8]);
    if (a != INT_MIN) { CHK(a / -1, a / vd[9]); CHK(a % -1, a % vd[9]); }
    CHK(a / 1, a / vd[10]);     CHK(a % 1, a % vd[10]);
    CHK(a / 60, a / vd[11]);    CHK(a % 60, a % vd[11]);
    CHK(a / 100000, a / vd[12]); CHK(a % 100000, a % vd[12]);
    CHKU(u / 3u, u / vu[0]);    CHKU(u % 3u, u % vu[0]);
    CHKU(u / 7u, u / vu[1]);    CHKU(u % 7u, u % vu[1]);
    CHKU(u / 10u, u / vu[2]);   CHKU(u % 10u, u % vu[2]);
    CHKU(u / 16u, u / vu[3]);   CHKU(u % 16u, u % vu[3]);
    CHKU(u / 1000u, u / vu[4]); CHKU(u % 1000u, u % vu[4]);
    CHKU(u / 641u, u / vu[5]);  CHKU(u % 641u, u % vu[5]);
    CHKU(u / 2u, u / vu[6]);    CHKU(u % 2u, u % vu[6]);
    CHKU(u / 60u, u / vu[7]);   CHKU(u % 60u, u % vu[7]);
    CHKU(u / 100000u, u / vu[8]); CHKU(u % 100000u, u % vu[8]);
    CHKU(u / 0x80000000u, u / vu[9]); CHKU(u % 0x80000000u, u % vu[9]);
    CHKU(u / 0xffffffffu, u / vu[10]); CHKU(u % 0xffffffffu, u % vu[10]);
    /* Multiplication by constants vs variables. */
    CHK((int32_t)((uint32_t)a * 10u), (int32_t)((uint32_t)a * (uint32_t)vd[2]));
    CHK((int32_t)((uint32_t)a * 641u), (int32_t)((uint32_t)a * (uint32_t)vd[7]));
    CHK((int32_t)((uint32_t)a * 0xfffffffbu), (int32_t)((uint32_t)a * (uint32_t)vd[3]));
}

static void check64(int64_t a)
{
    int64_t q;
    for (int i = 0; i < 6; i++) {
        int64_t d = vl[i];
        q = a / d;
        sum = sum * 31u + (uint32_t)q + (uint32_t)(a % d);
    }
    if (a / 3 != a / vl[0] || a % 3 != a % vl[0]) bad++;
    if (a / 7 != a / vl[1] || a % 7 != a % vl[1]) bad++;
    if (a / 10 != a / vl[2] || a % 10 != a % vl[2]) bad++;
    if (a / -10 != a / vl[3] || a % -10 != a % vl[3]) bad++;
    if (a / 1000000007 != a / vl[4] || a % 1000000007 != a % vl[4]) bad++;
    if (a / 4096 != a / vl[5] || a % 4096 != a % vl[5]) bad++;
    uint64_t u = (uint64_t)a;
    if (u / 10u != u / (uint64_t)vl[2] || u % 10u != u % (uint64_t)vl[2]) bad++;
}

int main(void)
{
    static const int32_t edge[] = {
        0, 1, -1, 2, -2, 3, -3, 9, -9, 10, -10, 59, 60, 61, -60, 999, 1000, -1001,
        INT_MAX, INT_MIN, INT_MIN + 1, INT_MAX - 1, 0x55555555, -0x55555555,
        99999, 100000, -100000, 6700417, 2147483641
    };
    int n = 0;
    for (unsigned i = 0; i < sizeof edge / sizeof edge[0]; i++, n++)
        check32(edge[i]);
    uint32_t s = 2463534242u;
    for (int i = 0; i < 600; i++, n++) {
        uint32_t r = next(&s);
        /* spread magnitudes: keep some small values */
        check32((int32_t)(r >> (r & 31)) * ((r & 0x80) ? -1 : 1));
    }
    int64_t l64[] = { 0, 1, -1, 9, -9, 1000000006, 1000000007, -1000000008,
                      0x7fffffffffffffffll, -0x7fffffffffffffffll - 1, 123456789123456789ll };
    for (unsigned i = 0; i < sizeof l64 / sizeof l64[0]; i++, n++)
        check64(l64[i]);
    for (int i = 0; i < 100; i++, n++) {
        uint64_t r = (uint64_t)next(&s) << 32 | next(&s);
        check64((int64_t)(r >> (r & 63)));
    }

    /* Printed samples of the sign rules. */
    int32_t m7 = -7, p7 = 7;
    printf("-7/3=%d -7%%3=%d 7/-3=%d 7%%-3=%d -7/-3=%d -7%%-3=%d\n",
           m7 / 3, m7 % 3, p7 / -3, p7 % -3, m7 / -3, m7 % -3);
    printf("-1/16=%d -1%%16=%d -17/16=%d -17%%16=%d -17>>4=%d\n",
           -1 / vd[4], -1 % vd[4], -17 / vd[4], -17 % vd[4], (int32_t)-17 >> 4);
    printf("INT_MIN/10=%d INT_MIN%%10=%d INT_MAX/10=%d\n",
           edge[19] / 10, edge[19] % 10, edge[18] / 10);
    printf("0xffffffffu/10=%u %%10=%u /3=%u\n", 0xffffffffu / vu[2], 0xffffffffu % vu[2], 0xffffffffu / 3u);
    printf("values checked: %d, mismatches: %d, sum=%08x\n", n, bad, sum);
    return bad != 0;
}
