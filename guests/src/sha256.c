/* SHA-256 (FIPS 180-4) with the standard test vectors, an incremental
   update across odd chunk sizes, and a digest of generated data. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint32_t h[8];
    uint8_t buf[64];
    uint32_t used;
    uint64_t total;
} sha256_ctx;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block(sha256_ctx *c, const uint8_t *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3];
    uint32_t e = c->h[4], f = c->h[5], g = c->h[6], h = c->h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = h + S1 + ch + K[i] + w[i];
        uint32_t S0 = ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22);
        uint32_t mj = (a & b) ^ (a & cc) ^ (b & cc);
        uint32_t t2 = S0 + mj;
        h = g; g = f; f = e; e = d + t1;
        d = cc; cc = b; b = a; a = t1 + t2;
    }
    c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
    c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

static void init(sha256_ctx *c)
{
    static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    memcpy(c->h, iv, sizeof iv);
    c->used = 0;
    c->total = 0;
}

static void update(sha256_ctx *c, const void *data, size_t n)
{
    const uint8_t *p = data;
    c->total += n;
    while (n) {
        size_t take = 64 - c->used;
        if (take > n) take = n;
        memcpy(c->buf + c->used, p, take);
        c->used += (uint32_t)take;
        p += take;
        n -= take;
        if (c->used == 64) { block(c, c->buf); c->used = 0; }
    }
}

static void final(sha256_ctx *c, uint8_t out[32])
{
    uint64_t bits = c->total * 8;
    uint8_t pad = 0x80;
    update(c, &pad, 1);
    pad = 0;
    while (c->used != 56) update(c, &pad, 1);
    uint8_t len[8];
    for (int i = 0; i < 8; i++) len[i] = (uint8_t)(bits >> (56 - 8 * i));
    update(c, len, 8);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            out[4 * i + j] = (uint8_t)(c->h[i] >> (24 - 8 * j));
}

static void hex(const uint8_t d[32], char out[65])
{
    for (int i = 0; i < 32; i++) sprintf(out + 2 * i, "%02x", d[i]);
}

static int check(const char *name, const void *msg, size_t n, const char *want)
{
    sha256_ctx c;
    uint8_t d[32];
    char got[65];
    init(&c);
    update(&c, msg, n);
    final(&c, d);
    hex(d, got);
    int ok = strcmp(got, want) == 0;
    printf("%-8s %s %s\n", name, got, ok ? "OK" : "FAIL");
    return ok;
}

int main(void)
{
    int ok = 1;
    ok &= check("empty", "", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ok &= check("abc", "abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ok &= check("448bit", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    ok &= check("896bit", "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 112,
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    ok &= check("fox", "The quick brown fox jumps over the lazy dog", 43,
                "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");

    /* 10000 bytes of generated data, hashed whole and in odd-sized pieces. */
    static uint8_t data[10000];
    uint32_t s = 12345;
    for (int i = 0; i < 10000; i++) { s = s * 69069u + 1u; data[i] = (uint8_t)(s >> 24); }
    sha256_ctx c1, c2;
    uint8_t d1[32], d2[32];
    char h1[65], h2[65];
    init(&c1); update(&c1, data, sizeof data); final(&c1, d1);
    init(&c2);
    size_t off = 0, step = 1;
    while (off < sizeof data) {
        size_t n = sizeof data - off < step ? sizeof data - off : step;
        update(&c2, data + off, n);
        off += n;
        step = step * 3 % 97 + 1;
    }
    final(&c2, d2);
    hex(d1, h1); hex(d2, h2);
    printf("data     %s\npieces   %s %s\n", h1, h2, strcmp(h1, h2) == 0 ? "same" : "DIFFERENT");

    /* Hash chain: hash of the previous digest, 200 times. */
    uint8_t d[32];
    memcpy(d, d1, 32);
    for (int i = 0; i < 200; i++) {
        sha256_ctx c;
        init(&c); update(&c, d, 32); final(&c, d);
    }
    hex(d, h1);
    printf("chain200 %s\n", h1);
    printf("%s\n", ok ? "all vectors OK" : "VECTOR FAILURE");
    return ok ? 0 : 1;
}
