/* Pseudo-random generators (xorshift32, xorshift64*, and a 32-bit LCG for
   contrast) with fixed seeds: first outputs, a 16-bucket histogram, a
   chi-square statistic in fixed point, and bit balance counts. */
#include <stdio.h>
#include <stdint.h>

static uint32_t x32 = 2463534242u;
static uint64_t x64 = 88172645463325252ull;

static uint32_t xs32(void) { x32 ^= x32 << 13; x32 ^= x32 >> 17; x32 ^= x32 << 5; return x32; }
static uint64_t xs64s(void)
{
    x64 ^= x64 >> 12; x64 ^= x64 << 25; x64 ^= x64 >> 27;
    return x64 * 2685821657736338717ull;
}

#define SAMPLES 16000

static void report(const char *name, const unsigned hist[16], const unsigned bits[32])
{
    /* chi-square * 1000 with expected count SAMPLES/16 */
    const uint64_t e = SAMPLES / 16;
    uint64_t chi = 0;
    for (int i = 0; i < 16; i++) {
        int64_t d = (int64_t)hist[i] - (int64_t)e;
        chi += (uint64_t)(d * d) * 1000u / e;
    }
    printf("%s histogram:", name);
    for (int i = 0; i < 16; i++) printf(" %u", hist[i]);
    printf("\n%s chi2=%llu.%03llu (15 dof) bit0=%u bit15=%u bit31=%u\n", name,
           (unsigned long long)(chi / 1000), (unsigned long long)(chi % 1000), bits[0], bits[15], bits[31]);
}

int main(void)
{
    printf("xorshift32 first:");
    for (int i = 0; i < 6; i++) printf(" %u", xs32());
    printf("\nxorshift64* first:");
    for (int i = 0; i < 4; i++) printf(" %016llx", (unsigned long long)xs64s());
    printf("\n");

    unsigned h1[16] = { 0 }, h2[16] = { 0 }, h3[16] = { 0 }, b1[32] = { 0 }, b2[32] = { 0 }, b3[32] = { 0 };
    uint32_t lcg = 1;
    for (int i = 0; i < SAMPLES; i++) {
        uint32_t a = xs32();
        uint32_t b = (uint32_t)(xs64s() >> 32);
        lcg = lcg * 1664525u + 1013904223u;
        h1[a >> 28]++;
        h2[b >> 28]++;
        h3[lcg & 15]++;    /* low bits of an LCG cycle with period 16: perfectly flat */
        for (int k = 0; k < 32; k += 15) {
            b1[k] += (a >> k) & 1;
            b2[k] += (b >> k) & 1;
            b3[k] += (lcg >> k) & 1;
        }
        b1[31] += a >> 31; b2[31] += b >> 31; b3[31] += lcg >> 31;
    }
    report("xorshift32", h1, b1);
    report("xorshift64*", h2, b2);
    report("lcg-low4", h3, b3);

    /* dice: 6000 rolls by rejection sampling */
    unsigned dice[6] = { 0 };
    for (int i = 0; i < 6000; i++) {
        uint32_t r;
        do r = xs32() >> 29; while (r >= 6);
        dice[r]++;
    }
    printf("dice: %u %u %u %u %u %u\n", dice[0], dice[1], dice[2], dice[3], dice[4], dice[5]);
    printf("final states: %08x %016llx\n", x32, (unsigned long long)x64);
    return 0;
}
