/* 128-bit unsigned arithmetic built from pairs of 64-bit halves: add, sub,
   64x64->128 multiply from 32-bit pieces, 128x128 multiply, shifts,
   compare, long division, and decimal printing. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef struct { uint64_t hi, lo; } u128;

static u128 mk(uint64_t hi, uint64_t lo) { u128 r = { hi, lo }; return r; }
static u128 add(u128 a, u128 b) { u128 r; r.lo = a.lo + b.lo; r.hi = a.hi + b.hi + (r.lo < a.lo); return r; }
static u128 sub(u128 a, u128 b) { u128 r; r.lo = a.lo - b.lo; r.hi = a.hi - b.hi - (a.lo < b.lo); return r; }
static int cmp(u128 a, u128 b) { return a.hi != b.hi ? (a.hi < b.hi ? -1 : 1) : (a.lo < b.lo ? -1 : a.lo > b.lo); }
static u128 shl(u128 a, unsigned s)
{
    if (s == 0) return a;
    if (s >= 128) return mk(0, 0);
    if (s >= 64) return mk(a.lo << (s - 64), 0);
    return mk(a.hi << s | a.lo >> (64 - s), a.lo << s);
}
static u128 shr(u128 a, unsigned s)
{
    if (s == 0) return a;
    if (s >= 128) return mk(0, 0);
    if (s >= 64) return mk(0, a.hi >> (s - 64));
    return mk(a.hi >> s, a.lo >> s | a.hi << (64 - s));
}

static u128 mul64(uint64_t a, uint64_t b)
{
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    return mk(p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (uint32_t)p00);
}

static u128 mul(u128 a, u128 b)   /* low 128 bits of the product */
{
    u128 r = mul64(a.lo, b.lo);
    r.hi += a.hi * b.lo + a.lo * b.hi;
    return r;
}

static u128 divmod(u128 n, u128 d, u128 *rem)
{
    u128 q = mk(0, 0), r = mk(0, 0);
    for (int i = 127; i >= 0; i--) {
        r = shl(r, 1);
        r.lo |= shr(n, (unsigned)i).lo & 1;
        if (cmp(r, d) >= 0) {
            r = sub(r, d);
            if (i >= 64) q.hi |= 1ull << (i - 64); else q.lo |= 1ull << i;
        }
    }
    if (rem) *rem = r;
    return q;
}

static const char *dec(u128 v, char *buf)
{
    /* divide by 10^19 chunks to keep the number of long divisions small */
    char tmp[64];   /* up to 3 chunks of 19 digits */
    int n = 0;
    const u128 chunk = mk(0, 10000000000000000000ull);
    if (!v.hi && !v.lo) { strcpy(buf, "0"); return buf; }
    while (v.hi || v.lo) {
        u128 r;
        v = divmod(v, chunk, &r);
        uint64_t part = r.lo;
        for (int k = 0; k < 19; k++) { tmp[n++] = (char)('0' + part % 10); part /= 10; }
    }
    while (n > 1 && tmp[n - 1] == '0') n--;
    for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    buf[n] = 0;
    return buf;
}

static void show(const char *label, u128 v)
{
    char b[48];
    printf("%-14s 0x%016llx%016llx = %s\n", label, (unsigned long long)v.hi, (unsigned long long)v.lo, dec(v, b));
}

int main(void)
{
    u128 max = mk(~0ull, ~0ull);
    show("2^128-1", max);
    show("2^127-1", shr(max, 1));
    show("2^64", add(mk(0, ~0ull), mk(0, 1)));
    show("max+1", add(max, mk(0, 1)));
    show("0-1", sub(mk(0, 0), mk(0, 1)));
    show("u64max^2", mul64(~0ull, ~0ull));
    show("mul64 check", mul64(0x123456789abcdefull, 0xfedcba987654321ull));

    u128 f = mk(0, 1);
    for (uint64_t k = 2; k <= 34; k++) f = mul(f, mk(0, k));
    show("34!", f);

    u128 a = mk(0, 0), b = mk(0, 1);
    for (int k = 0; k < 185; k++) { u128 t = add(a, b); a = b; b = t; }
    show("fib(185)", a);

    u128 p = mk(0, 1);
    for (int k = 0; k < 40; k++) p = mul(p, mk(0, 9));
    show("9^40", p);
    u128 r;
    u128 q = divmod(p, mk(0, 1000000007ull), &r);
    show("9^40/1e9+7", q);
    show("9^40%1e9+7", r);
    q = divmod(max, mk(0x1234ull, 0x56789abcdef01234ull), &r);
    show("max/big", q);
    show("max%big", r);

    /* consistency: q*d + r == n over a range of pseudo-random values */
    uint64_t s = 0x9e3779b97f4a7c15ull;
    int bad = 0;
    for (int i = 0; i < 25; i++) {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        u128 n = mk(s, s * 0x2545f4914f6cdd1dull);
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        u128 d = shr(mk(s, ~s), (unsigned)(s % 120));
        if (!d.hi && !d.lo) continue;
        u128 rr, qq = divmod(n, d, &rr);
        if (cmp(add(mul(qq, d), rr), n) != 0 || cmp(rr, d) >= 0) bad++;
    }
    printf("division identity failures: %d\n", bad);
    for (unsigned sh = 0; sh < 128; sh += 37) {
        u128 v = shl(mk(0, 0xabcdull), sh);
        printf("0xabcd<<%3u = %016llx%016llx  >>%u back %s\n", sh, (unsigned long long)v.hi,
               (unsigned long long)v.lo, sh, cmp(shr(v, sh), mk(0, 0xabcd)) == 0 ? "ok" : "lost bits");
    }
    return 0;
}
