/* Prime sieves: a byte-per-number Eratosthenes sieve and a bit-packed
   odd-only sieve; prime counts, sums, twin primes and prime gaps. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define LIMIT 100000

static uint8_t comp[LIMIT + 1];
static uint32_t bits[(LIMIT / 2) / 32 + 1];

int main(void)
{
    memset(comp, 0, sizeof comp);
    comp[0] = comp[1] = 1;
    for (uint32_t i = 2; i * i <= LIMIT; i++)
        if (!comp[i])
            for (uint32_t j = i * i; j <= LIMIT; j += i) comp[j] = 1;

    uint32_t count = 0, twins = 0, last = 0, maxgap = 0, gapat = 0;
    uint64_t sum = 0;
    static const uint32_t marks[] = { 10, 100, 1000, 10000, 50000, 100000 };
    unsigned mi = 0;
    for (uint32_t n = 2; n <= LIMIT; n++) {
        if (!comp[n]) {
            count++;
            sum += n;
            if (last && n - last == 2) twins++;
            if (last && n - last > maxgap) { maxgap = n - last; gapat = last; }
            last = n;
        }
        if (mi < 6 && n == marks[mi]) { printf("pi(%u) = %u\n", n, count); mi++; }
    }
    printf("primes <= %u: %u, sum %llu, largest %u, twin pairs %u\n", LIMIT, count,
           (unsigned long long)sum, last, twins);
    printf("largest gap %u after %u\n", maxgap, gapat);

    /* odd-only bit sieve: bit k stands for 2k+1 */
    memset(bits, 0, sizeof bits);
    for (uint32_t k = 1; (2 * k + 1) * (2 * k + 1) <= LIMIT; k++) {
        if (bits[k >> 5] & (1u << (k & 31))) continue;
        uint32_t p = 2 * k + 1;
        for (uint32_t m = (p * p - 1) / 2; m <= LIMIT / 2; m += p) bits[m >> 5] |= 1u << (m & 31);
    }
    uint32_t c2 = 1;   /* the prime 2 */
    for (uint32_t k = 1; 2 * k + 1 <= LIMIT; k++)
        if (!(bits[k >> 5] & (1u << (k & 31)))) c2++;
    printf("bit sieve count %u %s\n", c2, c2 == count ? "agrees" : "DISAGREES");

    printf("first primes:");
    for (uint32_t n = 2, k = 0; k < 20; n++) if (!comp[n]) { printf(" %u", n); k++; }
    printf("\nlast primes:");
    for (uint32_t n = LIMIT, k = 0; k < 5; n--) if (!comp[n]) { printf(" %u", n); k++; }
    printf("\n");

    /* Goldbach check for even numbers up to 10000: count of representations of a few */
    uint32_t worst = 0;
    for (uint32_t e = 4; e <= 10000; e += 2) {
        uint32_t p = 2;
        while (comp[p] || comp[e - p]) p++;
        if (p > worst) worst = p;
    }
    printf("goldbach: largest smallest-prime needed up to 10000 is %u\n", worst);
    return 0;
}
