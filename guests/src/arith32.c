/* 32-bit integer arithmetic: add/sub/mul/div/mod, wrap-around, compares.
   Signed wrap is computed through unsigned arithmetic so it is defined C. */
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

static uint32_t h = 2166136261u;

static void mix(uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        h ^= (v >> (i * 8)) & 0xffu;
        h *= 16777619u;
    }
}

static int32_t wadd(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
static int32_t wsub(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }
static int32_t wmul(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
static int32_t wneg(int32_t a) { return (int32_t)(0u - (uint32_t)a); }

static volatile int32_t vals[] = {
    0, 1, -1, 2, -2, 3, -3, 5, 7, -7, 10, -10, 13, 100, -100, 255, 256,
    1000, -1000, 12345, -12345, 32767, 32768, -32768, 65535, 65536, -65536,
    1000000, 0x12345678, -0x12345678, 1000000007, 0x7ffffffe, INT_MAX,
    INT_MIN, INT_MIN + 1, (int32_t)0xdeadbeef, (int32_t)0x80000001
};
#define NV ((int)(sizeof vals / sizeof vals[0]))

int main(void)
{
    int divs = 0;

    /* Headline cases a reader can check by eye. */
    printf("INT_MAX+1 wraps to %d\n", wadd(INT_MAX, 1));
    printf("INT_MIN-1 wraps to %d\n", wsub(INT_MIN, 1));
    printf("-INT_MIN = %d\n", wneg(INT_MIN));
    printf("INT_MIN*-1 = %d\n", wmul(INT_MIN, -1));
    printf("65536*65536 = %d\n", wmul(65536, 65536));
    printf("46341*46341 = %d\n", wmul(46341, 46341));
    printf("0xffffffffu+1 = %u\n", 0xffffffffu + 1u);
    printf("0u-1 = %u\n", 0u - 1u);
    printf("INT_MIN/1 = %d, INT_MIN/2 = %d, INT_MIN/-2 = %d\n",
           vals[33] / 1, vals[33] / 2, vals[33] / -2);
    printf("INT_MIN%%3 = %d, INT_MIN%%-3 = %d, INT_MIN/INT_MIN = %d\n",
           vals[33] % 3, vals[33] % -3, vals[33] / vals[33]);
    printf("INT_MAX/INT_MIN = %d, INT_MIN/INT_MAX = %d\n",
           vals[32] / vals[33], vals[33] / vals[32]);
    printf("(unsigned)INT_MIN/3 = %u\n", (uint32_t)vals[33] / 3u);
    printf("-7/2 = %d, -7%%2 = %d, 7/-2 = %d, 7%%-2 = %d\n",
           vals[9] / 2, vals[9] % 2, vals[8] / -2, vals[8] % -2);

    /* All pairs: results folded into a hash, a few printed. */
    for (int i = 0; i < NV; i++) {
        for (int j = 0; j < NV; j++) {
            int32_t a = vals[i], b = vals[j];
            uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            mix((uint32_t)wadd(a, b));
            mix((uint32_t)wsub(a, b));
            mix((uint32_t)wmul(a, b));
            mix(ua * ub);
            mix((uint32_t)(a < b) | (uint32_t)(ua < ub) << 1 |
                (uint32_t)(a == b) << 2 | (uint32_t)(a >= b) << 3 |
                (uint32_t)(ua > ub) << 4);
            if (b != 0 && !(a == INT_MIN && b == -1)) {
                int32_t q = a / b, r = a % b;
                mix((uint32_t)q);
                mix((uint32_t)r);
                /* The defining identity of C division. */
                if (wadd(wmul(q, b), r) != a)
                    printf("identity broken for %d,%d\n", a, b);
                divs++;
            }
            if (ub != 0) {
                mix(ua / ub);
                mix(ua % ub);
            }
            if (i == j + 1 && (i % 6) == 1)
                printf("a=%d b=%d sum=%d diff=%d prod=%d uprod=%u\n",
                       a, b, wadd(a, b), wsub(a, b), wmul(a, b), ua * ub);
        }
    }
    printf("signed divisions checked: %d\n", divs);

    /* Accumulating loops that wrap many times. */
    uint32_t acc = 1;
    int32_t sacc = 0;
    for (int k = 1; k <= 1000; k++) {
        acc = acc * 2654435761u + (uint32_t)k;
        sacc = wadd(sacc, wmul(k, k * 7919));
    }
    printf("acc=%u (0x%08x) sacc=%d\n", acc, acc, sacc);

    /* Overflow detection builtins. */
    int32_t r;
    int o1 = __builtin_add_overflow((int32_t)INT_MAX, (int32_t)1, &r);
    int o2 = __builtin_mul_overflow((int32_t)46340, (int32_t)46340, &r);
    int o3 = __builtin_mul_overflow((int32_t)46341, (int32_t)46341, &r);
    uint32_t ur;
    int o4 = __builtin_sub_overflow(0u, 1u, &ur);
    printf("overflow flags: %d %d %d %d\n", o1, o2, o3, o4);

    printf("hash=%08x\n", h);
    return 0;
}
