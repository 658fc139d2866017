/* Bit fields: signed and unsigned members of various widths, truncation on
   store, sign extension on load, read-modify-write of neighbours. */
#include <stdio.h>
#include <stdint.h>

struct packed32 {
    unsigned a : 3;
    signed int b : 5;
    unsigned c : 12;
    signed int d : 1;
    unsigned e : 11;
};

struct mixed {
    uint8_t lo : 4, hi : 4;
    uint16_t z : 9;
    int32_t w : 23;
    uint32_t flag : 1;
    int32_t neg : 7;
};

struct wide {
    unsigned long long x : 40;
    signed long long y : 24;
};

static uint32_t h = 5381;
static void mix(uint32_t v) { h = h * 33u ^ v; }

int main(void)
{
    struct packed32 p = { 0 };
    printf("sizeof packed32=%u mixed=%u wide=%u\n",
           (unsigned)sizeof(struct packed32), (unsigned)sizeof(struct mixed),
           (unsigned)sizeof(struct wide));

    volatile int v13 = 13, v20 = 20, vm1 = -1, v5000 = 5000, v3000 = 3000;
    p.a = v13;          /* 13 -> 5 */
    p.b = v20;          /* 20 -> -12 */
    p.c = v5000;        /* 5000 -> 904 */
    p.d = vm1;
    p.e = v3000;        /* 3000 -> 952 */
    printf("a=%u b=%d c=%u d=%d e=%u\n", p.a, p.b, p.c, p.d, p.e);

    p.b = -16;
    p.b--;              /* wraps to 15 (gcc: modulo) */
    printf("b after -16-1 = %d\n", p.b);
    p.a += 7;
    p.c <<= 3;
    p.e = ~p.e;
    printf("a=%u c=%u e=%u d=%d\n", p.a, p.c, p.e, p.d);

    struct mixed m = { 0 };
    m.lo = 9; m.hi = 0xf;
    m.z = 511; m.z++;       /* wraps to 0 */
    m.w = -4194304;         /* most negative 23-bit */
    m.flag = 1;
    m.neg = -64;
    printf("lo=%u hi=%u z=%u w=%d flag=%u neg=%d\n", m.lo, m.hi, m.z, (int)m.w, m.flag, (int)m.neg);
    m.w -= 1;               /* wraps to 4194303 */
    m.neg = (int32_t)(m.neg + 127);
    printf("w=%d neg=%d\n", (int)m.w, (int)m.neg);

    struct wide w = { 0 };
    w.x = 0xfedcba9876ull;
    w.y = -1;
    w.x += 0x200000000ull;
    printf("x=%010llx y=%lld\n", (unsigned long long)w.x, (long long)w.y);
    w.y = 8388607; w.y++;
    printf("y wrapped=%lld\n", (long long)w.y);

    /* A loop that hammers neighbouring fields to check no field clobbers another. */
    struct packed32 arr[16];
    for (int i = 0; i < 16; i++) {
        arr[i].a = i; arr[i].b = -i; arr[i].c = i * 300; arr[i].d = i & 1; arr[i].e = 2047 - i;
    }
    for (int round = 0; round < 500; round++) {
        for (int i = 0; i < 16; i++) {
            struct packed32 *q = &arr[i];
            q->a = q->a + 3;
            q->b = q->b + (round & 1 ? 5 : -3);
            q->c = q->c * 5 + 1;
            q->d = ~q->d;
            q->e = q->e ^ (q->c & 0x7ff);
            mix(q->a); mix((uint32_t)q->b); mix(q->c); mix((uint32_t)q->d); mix(q->e);
        }
    }
    for (int i = 0; i < 16; i += 5)
        printf("arr[%d]: a=%u b=%d c=%u d=%d e=%u\n", i, arr[i].a, arr[i].b, arr[i].c, arr[i].d, arr[i].e);

    printf("hash=%08x\n", h);
    return 0;
}
