/* Big-number arithmetic in base 10^4 limbs: 100!, 2^1000, and the digit
   sums, plus a big multiply of two of them checked by casting out nines. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define BASE 10000
#define MAXL 400

typedef struct { int n; uint32_t d[MAXL]; } big;   /* little-endian limbs */

static void set_small(big *b, uint32_t v) { b->n = 0; do { b->d[b->n++] = v % BASE; v /= BASE; } while (v); }

static void mul_small(big *b, uint32_t m)
{
    uint32_t carry = 0;
    for (int i = 0; i < b->n; i++) {
        uint32_t t = b->d[i] * m + carry;
        b->d[i] = t % BASE;
        carry = t / BASE;
    }
    while (carry) { b->d[b->n++] = carry % BASE; carry /= BASE; }
}

static void mul_big(const big *a, const big *b, big *r)
{
    static uint64_t acc[2 * MAXL];
    memset(acc, 0, sizeof acc);
    for (int i = 0; i < a->n; i++)
        for (int j = 0; j < b->n; j++) acc[i + j] += (uint64_t)a->d[i] * b->d[j];
    uint64_t carry = 0;
    r->n = a->n + b->n;
    for (int i = 0; i < r->n; i++) { uint64_t t = acc[i] + carry; r->d[i] = (uint32_t)(t % BASE); carry = t / BASE; }
    while (r->n > 1 && r->d[r->n - 1] == 0) r->n--;
}

static void print_big(const char *label, const big *b)
{
    printf("%s = %u", label, b->d[b->n - 1]);
    for (int i = b->n - 2; i >= 0; i--) printf("%04u", b->d[i]);
    printf("\n");
}

static unsigned digit_sum(const big *b, unsigned *ndigits)
{
    unsigned s = 0, nd = 0;
    for (int i = 0; i < b->n; i++) {
        uint32_t v = b->d[i];
        for (int k = 0; k < 4; k++) { s += v % 10; v /= 10; }
    }
    uint32_t top = b->d[b->n - 1];
    nd = (unsigned)(b->n - 1) * 4;
    do { nd++; top /= 10; } while (top);
    *ndigits = nd;
    return s;
}

int main(void)
{
    static big f, p, prod;
    unsigned nd;
    set_small(&f, 1);
    for (uint32_t k = 2; k <= 100; k++) {
        mul_small(&f, k);
        if (k == 10 || k == 20 || k == 25 || k == 50) {
            char label[16];
            snprintf(label, sizeof label, "%u!", k);
            print_big(label, &f);
        }
    }
    print_big("100!", &f);
    unsigned s1 = digit_sum(&f, &nd);
    printf("100!: %u digits, digit sum %u\n", nd, s1);

    set_small(&p, 1);
    for (int k = 0; k < 1000; k++) mul_small(&p, 2);
    print_big("2^1000", &p);
    unsigned s2 = digit_sum(&p, &nd);
    printf("2^1000: %u digits, digit sum %u\n", nd, s2);

    mul_big(&f, &p, &prod);
    unsigned s3 = digit_sum(&prod, &nd);
    printf("100! * 2^1000: %u digits, digit sum %u, leading limb %u\n", nd, s3, prod.d[prod.n - 1]);
    printf("casting out nines: %u * %u = %u (mod 9), product gives %u\n", s1 % 9, s2 % 9, s1 % 9 * s2 % 9 % 9, s3 % 9);

    /* 3^500 by repeated squaring with mul_big */
    static big r, base, t;
    set_small(&r, 1);
    set_small(&base, 3);
    for (unsigned e = 500; e; e >>= 1) {
        if (e & 1) { mul_big(&r, &base, &t); r = t; }
        mul_big(&base, &base, &t); base = t;
    }
    unsigned s4 = digit_sum(&r, &nd);
    printf("3^500: %u digits, digit sum %u, top limbs %u %04u\n", nd, s4, r.d[r.n - 1], r.d[r.n - 2]);
    return 0;
}
