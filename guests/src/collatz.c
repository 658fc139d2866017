/* Collatz sequences: the trajectory of 27, and the longest chain for
   starting values below 15000 using a memo table of known lengths. */
#include <stdio.h>
#include <stdint.h>

#define LIM 15000
static uint16_t memo[LIM];

static unsigned chain(uint64_t n, uint64_t *peak)
{
    unsigned steps = 0;
    uint64_t start = n;
    *peak = n;
    while (n != 1) {
        if (n < LIM && memo[n]) { steps += memo[n]; break; }
        n = (n & 1) ? 3 * n + 1 : n >> 1;
        if (n > *peak) *peak = n;
        steps++;
    }
    if (start < LIM) memo[start] = (uint16_t)steps;
    return steps;
}

int main(void)
{
    uint64_t n = 27, peak = 27;
    unsigned steps = 0;
    printf("27:");
    while (n != 1) {
        if (steps < 20) printf(" %llu", (unsigned long long)n);
        n = (n & 1) ? 3 * n + 1 : n / 2;
        if (n > peak) peak = n;
        steps++;
    }
    printf(" ... 1\n27 takes %u steps, peak %llu\n", steps, (unsigned long long)peak);

    unsigned best = 0, beststart = 0, hist[8] = { 0 };
    uint64_t maxpeak = 0, maxpeakstart = 0;
    uint64_t total = 0;
    for (uint32_t s = 2; s < LIM; s++) {
        uint64_t pk;
        unsigned c = chain(s, &pk);
        total += c;
        if (c > best) { best = c; beststart = s; }
        if (pk > maxpeak) { maxpeak = pk; maxpeakstart = s; }
        hist[c / 50 < 7 ? c / 50 : 7]++;
    }
    printf("below %u: longest chain %u steps from %u, total steps %llu\n", LIM, best, beststart,
           (unsigned long long)total);
    printf("highest peak seen on a memo-cut walk: %llu (from %llu)\n", (unsigned long long)maxpeak,
           (unsigned long long)maxpeakstart);
    printf("length histogram (width 50):");
    for (int i = 0; i < 8; i++) printf(" %u", hist[i]);
    printf("\n");
    return 0;
}
