/* Float and double arithmetic: the four operations, comparisons including
   NaN and signed zero, conversions between int, long long, float and double,
   square root by Newton iteration, own rounding helpers, summation order. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static double my_sqrt(double x)
{
    if (x <= 0) return 0;
    /* Scale into [1,4) by powers of 4 so Newton starts close; scaling by
       powers of two is exact. */
    double scale = 1;
    while (x >= 4) { x *= 0.25; scale *= 2; }
    while (x < 1) { x *= 4; scale *= 0.5; }
    double g = 0.5 * (x + 1);
    for (int i = 0; i < 20; i++) {
        double n = 0.5 * (g + x / g);
        if (n == g) break;
        g = n;
    }
    /* Newton may settle on either neighbour; keep the one whose square is closer. */
    double lo = g, hi = x / g;
    if (hi < lo) { double t = lo; lo = hi; hi = t; }
    return ((x - lo * lo <= hi * hi - x) ? lo : hi) * scale;
}

static float my_sqrtf(float x)
{
    float g = x > 1 ? x / 2 : 1;
    for (int i = 0; i < 60; i++) g = 0.5f * (g + x / g);
    return g;
}

static double my_floor(double x)
{
    if (x >= 9007199254740992.0 || x <= -9007199254740992.0) return x;
    double t = (double)(long long)x;
    return t > x ? t - 1 : t;
}
static double my_round(double x) { return x < 0 ? -my_floor(-x + 0.5) : my_floor(x + 0.5); }

static volatile double vz = 0.0, vone = 1.0, vthree = 3.0, vtenth = 0.1;
static volatile float fz = 0.0f, fthree = 3.0f;

int main(void)
{
    double a = vone / vthree, b = vtenth;
    printf("1/3=%.17g bits=%016llx\n", a, (unsigned long long)dbits(a));
    printf("0.1+0.2=%.17g ==0.3:%d\n", b + 0.2, b + 0.2 == 0.3);
    printf("a*3=%.17g a-0.3=%.17g (a*3==1):%d\n", a * 3, a - 0.3, a * 3 == 1.0);
    float fa = 1.0f / fthree;
    printf("1f/3=%.9g bits=%08x as double=%.17g\n", fa, fbits(fa), (double)fa);

    double inf = vone / vz, ninf = -vone / vz, nan = vz / vz;
    printf("inf=%g -inf=%g isnan(0/0)=%d inf-inf isnan=%d\n", inf, ninf, nan != nan, (inf - inf) != (inf - inf));
    printf("nan compares: < %d > %d == %d != %d <= %d\n", nan < 1, nan > 1, nan == nan, nan != nan, nan <= nan);
    double nz = -vz;
    printf("-0.0 == 0.0: %d, 1/-0.0 = %g, sign bit %d\n", nz == vz, vone / nz, (int)(dbits(nz) >> 63));
    printf("float inf: %g  float 1e38*10=%g\n", (double)(1.0f / fz), (double)(fthree * 1e38f * 10.0f));

    /* conversions */
    volatile double cv[] = { 0.0, 0.4, 0.5, 0.6, 1.5, -1.5, -2.7, 2.7, 1e9, -1e9, 2147483647.0,
                             -2147483648.0, 4294967295.0, 3e9, 1e15 + 0.5, 9.007199254740993e15, -123456789.987 };
    for (unsigned i = 0; i < sizeof cv / sizeof cv[0]; i++) {
        double d = cv[i];
        int32_t iv = (d >= -2147483648.0 && d < 2147483648.0) ? (int32_t)d : 0;
        uint32_t uv = (d >= 0 && d < 4294967296.0) ? (uint32_t)d : 0;
        long long lv = (long long)d;
        unsigned long long ulv = d >= 0 ? (unsigned long long)d : 0;
        float f = (float)d;
        printf("conv %.17g -> int %d uint %u ll %lld ull %llu float %.9g round %.1f floor %.1f\n",
               d, iv, uv, lv, ulv, (double)f, my_round(d), my_floor(d));
    }
    volatile int32_t ivs[] = { 0, 1, -1, 16777217, -16777217, 2147483647, -2147483647 - 1, 123456789 };
    for (unsigned i = 0; i < sizeof ivs / sizeof ivs[0]; i++) {
        int32_t v = ivs[i];
        float f = (float)v;
        double d = (double)v;
        printf("int %d -> float %.9g (%08x) double %.17g back %d\n", v, (double)f, fbits(f), d,
               (f >= -2147483648.0f && f < 2147483648.0f) ? (int32_t)f : -1);
    }
    volatile uint32_t bigu = 4294967295u;
    volatile long long bigll = 9007199254740993ll, negll = -9007199254740993ll;
    volatile unsigned long long hugeu = 18446744073709551615ull;
    printf("uint max -> double %.17g float %.9g\n", (double)bigu, (double)(float)bigu);
    printf("2^53+1 -> double %.17g, neg %.17g, ull max -> double %.17g float %.9g\n",
           (double)bigll, (double)negll, (double)hugeu, (double)(float)hugeu);

    /* sqrt */
    double sq[] = { 2.0, 3.0, 0.25, 1e-10, 1e10, 12345.678, 1e300, 5e-320 };
    for (unsigned i = 0; i < sizeof sq / sizeof sq[0]; i++) {
        double r = my_sqrt(sq[i]);
        printf("sqrt(%g)=%.17g r*r=%.17g\n", sq[i], r, r * r);
    }
    printf("sqrtf(2)=%.9g sqrtf(1e6)=%.9g\n", (double)my_sqrtf(2.0f), (double)my_sqrtf(1e6f));

    /* summation order and compensated sum */
    double fwd = 0, bwd = 0, kahan = 0, comp = 0;
    float ffwd = 0;
    for (int i = 1; i <= 20000; i++) {
        double t = 1.0 / ((double)i * i);
        fwd += t;
        ffwd += (float)t;
        double y = t - comp;
        double s = kahan + y;
        comp = (s - kahan) - y;
        kahan = s;
    }
    for (int i = 20000; i >= 1; i--) bwd += 1.0 / ((double)i * i);
    printf("sum 1/i^2: fwd=%.17g bwd=%.17g kahan=%.17g float=%.9g\n", fwd, bwd, kahan, (double)ffwd);

    /* products, quotients, mixed float/double, subnormals */
    double p = 1.0;
    for (int i = 1; i <= 170; i++) p *= i;
    printf("170! = %.17g, *171 = %g\n", p, p * 171);
    double tiny = 1e-300;
    printf("1e-300*1e-10=%.17g /1e10=%.17g *1e-30=%g\n", tiny * 1e-10, tiny / 1e10, tiny * 1e-30);
    float ff = 16777216.0f;
    printf("2^24f+1=%.9g  2^24f+2=%.9g  0.1f+0.2f=%.9g\n", (double)(ff + 1.0f), (double)(ff + 2.0f),
           (double)(0.1f + 0.2f));
    double mx = 0;
    for (int i = 0; i < 1000; i++) mx = mx * 0.999 + (double)(i % 17) * 0.25 - (float)(i % 5) / 3.0f;
    printf("mixed loop=%.17g\n", mx);

    /* compare operators over a set of values (ordered and unordered) */
    double cmpv[] = { -inf, -1.0, -0.0, 0.0, 1e-310, 1.0, inf, nan };
    uint32_t mask = 0;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            mask = mask * 3u + (uint32_t)(cmpv[i] < cmpv[j]) + 2u * (uint32_t)(cmpv[i] == cmpv[j]);
    printf("compare matrix hash=%08x\n", mask);
    return 0;
}
