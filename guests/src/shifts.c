/* Shifts: constant and variable counts, logical vs arithmetic right shift,
   64-bit shifts (which span two registers on a 32-bit CPU), rotates. */
#include <stdio.h>
#include <stdint.h>

static uint32_t h32 = 0x811c9dc5u;
static void mix(uint32_t v) { h32 = (h32 ^ v) * 0x01000193u; }
static void mix64(uint64_t v) { mix((uint32_t)v); mix((uint32_t)(v >> 32)); }

static uint32_t rotl32(uint32_t x, unsigned r) { r &= 31; return r ? (x << r) | (x >> (32 - r)) : x; }
static uint64_t rotr64(uint64_t x, unsigned r) { r &= 63; return r ? (x >> r) | (x << (64 - r)) : x; }

static volatile uint32_t vs32[] = { 0, 1, 0x80000000u, 0xdeadbeefu, 0x7fffffffu, 0xffffffffu, 0x12345678u, 0xf0f0f0f0u };
static volatile uint64_t vs64[] = { 0, 1, 0x8000000000000000ull, 0xdeadbeefcafebabeull,
                                    0x7fffffffffffffffull, 0xffffffffffffffffull, 0x0123456789abcdefull };

int main(void)
{
    /* constant shifts, printed */
    uint32_t u = vs32[3];
    int32_t s = (int32_t)vs32[3];
    printf("u<<4=%08x u>>4=%08x s>>4=%08x s>>31=%d u>>31=%u\n",
           u << 4, u >> 4, (uint32_t)(s >> 4), s >> 31, u >> 31);
    printf("s>>1=%d s/2=%d (-1)>>10=%d 1u<<31=%u\n", s >> 1, s / 2, (int32_t)vs32[5] >> 10, 1u << 31);

    uint64_t U = vs64[3];
    int64_t S = (int64_t)vs64[3];
    printf("U<<4=%016llx U>>4=%016llx S>>4=%016llx\n",
           (unsigned long long)(U << 4), (unsigned long long)(U >> 4), (unsigned long long)(S >> 4));
    printf("U<<32=%016llx U>>32=%016llx S>>32=%016llx S>>63=%lld\n",
           (unsigned long long)(U << 32), (unsigned long long)(U >> 32),
           (unsigned long long)(S >> 32), (long long)(S >> 63));
    printf("U<<36=%016llx U>>36=%016llx S>>36=%016llx\n",
           (unsigned long long)(U << 36), (unsigned long long)(U >> 36), (unsigned long long)(S >> 36));

    /* variable shifts over the whole legal range */
    for (unsigned i = 0; i < sizeof vs32 / sizeof vs32[0]; i++) {
        for (volatile unsigned c = 0; c < 32; c++) {
            uint32_t x = vs32[i];
            mix(x << c);
            mix(x >> c);
            mix((uint32_t)((int32_t)x >> c));
            mix(rotl32(x, c));
        }
    }
    printf("32-bit variable shift hash=%08x\n", h32);

    for (unsigned i = 0; i < sizeof vs64 / sizeof vs64[0]; i++) {
        for (volatile unsigned c = 0; c < 64; c++) {
            uint64_t x = vs64[i];
            mix64(x << c);
            mix64(x >> c);
            mix64((uint64_t)((int64_t)x >> c));
            mix64(rotr64(x, c));
        }
    }
    printf("64-bit variable shift hash=%08x\n", h32);

    /* Specific variable-count cases printed. */
    volatile unsigned c31 = 31, c32 = 32, c33 = 33, c63 = 63, c1 = 1, c0 = 0;
    printf("1<<31=%08x  1ull<<32=%llx 1ull<<33=%llx 1ull<<63=%llx\n",
           1u << c31, 1ull << c32, 1ull << c33, 1ull << c63);
    printf("-1ll>>63=%lld  INT64_MIN>>1=%lld  u64max>>c63=%llu  x<<0=%x\n",
           (long long)(-1ll >> c63), (long long)(INT64_MIN >> c1),
           (unsigned long long)(UINT64_MAX >> c63), 0xabcdu << c0);

    /* Bit counting and extraction idioms. */
    uint32_t pop = 0, clz = 0, ctz = 0;
    for (unsigned i = 0; i < sizeof vs32 / sizeof vs32[0]; i++) {
        uint32_t x = vs32[i];
        pop += (uint32_t)__builtin_popcount(x);
        if (x) { clz += (uint32_t)__builtin_clz(x); ctz += (uint32_t)__builtin_ctz(x); }
    }
    printf("popcount=%u clz=%u ctz=%u\n", pop, clz, ctz);
    uint32_t field = (vs32[6] >> 7) & 0x1ff;       /* extract */
    uint32_t ins = (vs32[6] & ~(0x3fu << 10)) | (0x2bu << 10);   /* deposit */
    int32_t sext = (int32_t)(vs32[3] << 8) >> 20;  /* signed extract */
    printf("field=%u ins=%08x sext=%d\n", field, ins, sext);
    uint32_t rev = 0, x = vs32[6];
    for (int i = 0; i < 32; i++) { rev = (rev << 1) | (x & 1); x >>= 1; }
    printf("bitrev(12345678)=%08x bswap=%08x bswap64=%016llx\n", rev,
           __builtin_bswap32(vs32[6]), (unsigned long long)__builtin_bswap64(vs64[6]));
    return 0;
}
