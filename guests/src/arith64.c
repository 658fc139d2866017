/* 64-bit (long long) arithmetic on a 32-bit CPU: add/sub with carry,
   multiply, divide, modulo, compare, conversions to and from 32 bits. */
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

static uint64_t h = 1469598103934665603ull;

static void mix(uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (i * 8)) & 0xffu;
        h *= 1099511628211ull;
    }
}

static int64_t wadd(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t wsub(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
static int64_t wmul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

static volatile int64_t vals[] = {
    0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 1000, -1000,
    0xffffffffll, 0x100000000ll, -0x100000000ll, 0x7fffffffll, -0x80000000ll,
    0x80000000ll, 1000000007ll, 123456789012345ll, -123456789012345ll,
    0x0123456789abcdefll, (int64_t)0xfedcba9876543210ull, 1ll << 62,
    LLONG_MAX, LLONG_MIN, LLONG_MIN + 1, 999999999999999999ll
};
#define NV ((int)(sizeof vals / sizeof vals[0]))

int main(void)
{
    long long big = vals[25];
    printf("LLONG_MAX=%lld LLONG_MIN=%lld\n", vals[25], vals[26]);
    printf("LLONG_MAX+1 wraps to %lld\n", wadd(big, 1));
    printf("0xffffffff+1 = %lld\n", vals[13] + 1);
    printf("0x7fffffff*0x7fffffff = %lld\n", vals[16] * vals[16]);
    printf("0xffffffff*0xffffffff = %llu\n", (uint64_t)vals[13] * (uint64_t)vals[13]);
    printf("2^32*2^32 wraps to %lld\n", wmul(vals[14], vals[14]));
    printf("123456789012345*1000 = %lld\n", vals[20] * 1000);
    printf("123456789012345/7 = %lld rem %lld\n", vals[20] / 7, vals[20] % 7);
    printf("-123456789012345/7 = %lld rem %lld\n", vals[21] / 7, vals[21] % 7);
    printf("LLONG_MIN/3 = %lld rem %lld\n", vals[26] / 3, vals[26] % 3);
    printf("ULLONG_MAX/10 = %llu rem %llu\n", ~0ull / 10, ~0ull % 10);
    printf("0xfedcba9876543210u/0x12345 = %llu\n", (uint64_t)vals[23] / 0x12345u);
    printf("(int)0x123456789 = %d, (unsigned)0x123456789 = %u\n",
           (int32_t)(vals[22] >> 20), (uint32_t)(0x123456789ull));
    printf("(long long)-5 = %lld, (unsigned long long)-5 = %llu\n",
           (long long)(int32_t)-5, (unsigned long long)(int64_t)(int32_t)-5);

    int divs = 0;
    for (int i = 0; i < NV; i++) {
        for (int j = 0; j < NV; j++) {
            int64_t a = vals[i], b = vals[j];
            uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            mix((uint64_t)wadd(a, b));
            mix((uint64_t)wsub(a, b));
            mix((uint64_t)wmul(a, b));
            mix((uint64_t)(a < b) | (uint64_t)(ua < ub) << 1 |
                (uint64_t)(a == b) << 2 | (uint64_t)(a > b) << 3);
            if (b != 0 && !(a == LLONG_MIN && b == -1)) {
                int64_t q = a / b, r = a % b;
                mix((uint64_t)q);
                mix((uint64_t)r);
                if (wadd(wmul(q, b), r) != a)
                    printf("identity broken at %d,%d\n", i, j);
                divs++;
            }
            if (ub != 0) {
                uint64_t q = ua / ub, r = ua % ub;
                mix(q);
                mix(r);
                if (q * ub + r != ua || r >= ub)
                    printf("unsigned identity broken at %d,%d\n", i, j);
            }
        }
    }
    printf("divisions checked: %d\n", divs);

    /* Fibonacci with wrap, and a 64-bit LCG. */
    uint64_t f0 = 0, f1 = 1;
    for (int k = 0; k < 100; k++) {
        uint64_t t = f0 + f1;
        f0 = f1;
        f1 = t;
    }
    printf("fib(100) mod 2^64 = %llu\n", (unsigned long long)f0);
    uint64_t x = 42;
    for (int k = 0; k < 1000; k++)
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    printf("lcg = %016llx\n", (unsigned long long)x);

    /* Mixed 32/64 widening multiply. */
    uint32_t a32 = 0xfffffffbu, b32 = 0xfffffff1u;
    int32_t s32 = -123456, t32 = 654321;
    printf("widening: %llu %lld\n", (uint64_t)a32 * b32, (int64_t)s32 * t32);

    printf("hash=%016llx\n", (unsigned long long)h);
    return 0;
}
