/* Compression round trip: LZSS (LZ77 with a 4 KiB window, hash chains)
   followed by a canonical Huffman coder over the LZSS bytes. Each test
   input is compressed, decompressed and compared with the original. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define WIN 4096
#define MINM 3
#define MAXM 18
#define CHAIN 16

/* ---------- LZSS ---------- */
static size_t lz_compress(const uint8_t *in, size_t n, uint8_t *out)
{
    static int32_t head[4096], prev[WIN];
    for (int i = 0; i < 4096; i++) head[i] = -1;
    size_t o = 0, i = 0;
    while (i < n) {
        size_t flagpos = o++;
        uint8_t flags = 0;
        for (int bit = 0; bit < 8 && i < n; bit++) {
            size_t best = 0, bestoff = 0;
            if (i + MINM <= n) {
                uint32_t hsh = ((uint32_t)in[i] << 4 ^ (uint32_t)in[i + 1] << 2 ^ in[i + 2]) & 4095u;
                int32_t cand = head[hsh];
                for (int depth = 0; depth < CHAIN && cand >= 0 && i - (size_t)cand <= WIN; depth++) {
                    size_t len = 0, lim = n - i < MAXM ? n - i : MAXM;
                    while (len < lim && in[(size_t)cand + len] == in[i + len]) len++;
                    if (len > best) { best = len; bestoff = i - (size_t)cand; if (len == lim) break; }
                    cand = prev[cand % WIN];
                }
            }
            size_t adv = best >= MINM ? best : 1;
            if (best >= MINM) {
                out[o++] = (uint8_t)((bestoff - 1) >> 4);
                out[o++] = (uint8_t)(((bestoff - 1) & 15) << 4 | (best - MINM));
            } else {
                flags |= (uint8_t)(1u << bit);
                out[o++] = in[i];
            }
            for (size_t k = 0; k < adv; k++, i++) {
                if (i + MINM <= n) {
                    uint32_t hsh = ((uint32_t)in[i] << 4 ^ (uint32_t)in[i + 1] << 2 ^ in[i + 2]) & 4095u;
                    prev[i % WIN] = head[hsh];
                    head[hsh] = (int32_t)i;
                }
            }
        }
        out[flagpos] = flags;
    }
    return o;
}

static size_t lz_decompress(const uint8_t *in, size_t n, uint8_t *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        uint8_t flags = in[i++];
        for (int bit = 0; bit < 8 && i < n; bit++) {
            if (flags & (1u << bit)) {
                out[o++] = in[i++];
            } else {
                size_t off = ((size_t)in[i] << 4 | in[i + 1] >> 4) + 1;
                size_t len = (size_t)(in[i + 1] & 15) + MINM;
                i += 2;
                for (size_t k = 0; k < len; k++, o++) out[o] = out[o - off];  /* may overlap */
            }
        }
    }
    return o;
}

/* ---------- canonical Huffman ---------- */
struct bw { uint8_t *p; size_t n; uint32_t acc; int bits; };
static void put_bits(struct bw *w, uint32_t code, int len)
{
    for (int b = len - 1; b >= 0; b--) {
        w->acc = w->acc << 1 | ((code >> b) & 1);
        if (++w->bits == 8) { w->p[w->n++] = (uint8_t)w->acc; w->acc = 0; w->bits = 0; }
    }
}

static void code_lengths(const uint32_t freq[256], uint8_t len[256])
{
    /* Repeatedly merge the two lightest live nodes; ties go to the lower index. */
    uint32_t w[512];
    int parent[512], live[512], nodes = 256;
    for (int i = 0; i < 256; i++) { w[i] = freq[i]; live[i] = freq[i] > 0; parent[i] = -1; }
    int nlive = 0;
    for (int i = 0; i < 256; i++) nlive += live[i];
    memset(len, 0, 256);
    if (nlive == 1) { for (int i = 0; i < 256; i++) if (live[i]) len[i] = 1; return; }
    while (nlive > 1) {
        int a = -1, b = -1;
        for (int i = 0; i < nodes; i++) {
            if (!live[i]) continue;
            if (a < 0 || w[i] < w[a]) { b = a; a = i; }
            else if (b < 0 || w[i] < w[b]) b = i;
        }
        w[nodes] = w[a] + w[b];
        live[nodes] = 1; parent[nodes] = -1;
        live[a] = live[b] = 0;
        parent[a] = parent[b] = nodes;
        nodes++;
        nlive--;
    }
    for (int i = 0; i < 256; i++) {
        if (!freq[i]) continue;
        int d = 0;
        for (int k = i; parent[k] >= 0; k = parent[k]) d++;
        len[i] = (uint8_t)d;
    }
}

static void canonical(const uint8_t len[256], uint32_t code[256])
{
    uint32_t next = 0;
    for (int l = 1; l < 32; l++) {
        for (int s = 0; s < 256; s++)
            if (len[s] == l) code[s] = next++;
        next <<= 1;
    }
}

static size_t huff_encode(const uint8_t *in, size_t n, uint8_t *out)
{
    uint32_t freq[256] = { 0 }, code[256];
    uint8_t len[256];
    for (size_t i = 0; i < n; i++) freq[in[i]]++;
    code_lengths(freq, len);
    canonical(len, code);
    for (int i = 0; i < 4; i++) out[i] = (uint8_t)(n >> (24 - 8 * i));
    memcpy(out + 4, len, 256);
    struct bw w = { out + 260, 0, 0, 0 };
    for (size_t i = 0; i < n; i++) put_bits(&w, code[in[i]], len[in[i]]);
    if (w.bits) put_bits(&w, 0, 8 - w.bits);
    return 260 + w.n;
}

static size_t huff_decode(const uint8_t *in, uint8_t *out)
{
    size_t n = (size_t)in[0] << 24 | (size_t)in[1] << 16 | (size_t)in[2] << 8 | in[3];
    const uint8_t *len = in + 4;
    /* per length: first code and index into the symbol list */
    int count[33] = { 0 };
    uint8_t syms[256];
    int ns = 0;
    for (int l = 1; l < 33; l++)
        for (int s = 0; s < 256; s++)
            if (len[s] == l) { syms[ns++] = (uint8_t)s; count[l]++; }
    const uint8_t *p = in + 260;
    size_t bitpos = 0;
    for (size_t o = 0; o < n; o++) {
        uint32_t c = 0, first = 0;
        int idx = 0;
        for (int l = 1; l < 33; l++) {
            c = c << 1 | ((p[bitpos >> 3] >> (7 - (bitpos & 7))) & 1);
            bitpos++;
            if (c - first < (uint32_t)count[l]) { out[o] = syms[idx + (int)(c - first)]; break; }
            idx += count[l];
            first = (first + (uint32_t)count[l]) << 1;
        }
    }
    return n;
}

static uint32_t fnv(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    while (n--) h = (h ^ *p++) * 16777619u;
    return h;
}

static uint32_t rs = 0x1234567u;
static uint32_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 17; rs ^= rs << 5; return rs; }

static int roundtrip(const char *name, const uint8_t *data, size_t n)
{
    uint8_t *lz = malloc(n + n / 8 + 16), *hf = malloc(n + n / 8 + 300);
    uint8_t *lzback = malloc(n + n / 8 + 16), *back = malloc(n + 1);
    size_t lzn = lz_compress(data, n, lz);
    size_t hfn = huff_encode(lz, lzn, hf);
    size_t lzbackn = huff_decode(hf, lzback);
    size_t backn = lz_decompress(lzback, lzbackn, back);
    int ok = lzbackn == lzn && memcmp(lz, lzback, lzn) == 0 && backn == n && memcmp(data, back, n) == 0;
    printf("%-8s in=%5u lzss=%5u huff=%5u ratio=%3u%% fnv(packed)=%08x %s\n", name, (unsigned)n,
           (unsigned)lzn, (unsigned)hfn, n ? (unsigned)(hfn * 100 / n) : 0, fnv(hf, hfn), ok ? "ok" : "MISMATCH");
    free(lz); free(hf); free(lzback); free(back);
    return ok;
}

int main(void)
{
    static const char *words[] = { "the ", "emulator ", "replica ", "primary ", "backup ", "epoch ",
                                   "interrupt ", "of ", "and ", "a ", "deterministic ", "state ",
                                   "message ", "log ", "to ", "is ", "\n", ". ", ", ", "disk " };
    size_t cap = 5000;
    uint8_t *text = malloc(cap);
    size_t tn = 0;
    while (tn < cap - 16) {
        const char *w = words[rnd() % 20];
        size_t l = strlen(w);
        memcpy(text + tn, w, l);
        tn += l;
    }
    int ok = 1;
    ok &= roundtrip("text", text, tn);

    uint8_t runs[2500];
    size_t rn = 0;
    while (rn < sizeof runs) {
        uint8_t v = (uint8_t)(rnd() % 6);
        size_t len = 1 + rnd() % 40;
        for (size_t k = 0; k < len && rn < sizeof runs; k++) runs[rn++] = v;
    }
    ok &= roundtrip("runs", runs, rn);

    uint8_t rand_[1000];
    for (size_t i = 0; i < sizeof rand_; i++) rand_[i] = (uint8_t)rnd();
    ok &= roundtrip("random", rand_, sizeof rand_);

    uint8_t zeros[2000];
    memset(zeros, 0, sizeof zeros);
    ok &= roundtrip("zeros", zeros, sizeof zeros);

    uint8_t pattern[1500];
    for (size_t i = 0; i < sizeof pattern; i++) pattern[i] = (uint8_t)("abcabcabd"[i % 9] + (i / 300));
    ok &= roundtrip("pattern", pattern, sizeof pattern);

    ok &= roundtrip("one", (const uint8_t *)"x", 1);
    free(text);
    printf("%s\n", ok ? "all round trips ok" : "ROUND TRIP FAILED");
    return ok ? 0 : 1;
}
