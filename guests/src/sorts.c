/* Own sorting algorithms on the same pseudo-random data: heap sort, top-down
   merge sort, quicksort (median of three, insertion sort for short ranges)
   and Shell sort. Each result is verified and the comparison counts shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define N 1000
static unsigned long cmps;
static int less(int32_t a, int32_t b) { cmps++; return a < b; }

static void sift(int32_t *a, int start, int end)
{
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1, sw = root;
        if (less(a[sw], a[child])) sw = child;
        if (child + 1 <= end && less(a[sw], a[child + 1])) sw = child + 1;
        if (sw == root) return;
        int32_t t = a[root]; a[root] = a[sw]; a[sw] = t;
        root = sw;
    }
}
static void heapsort_(int32_t *a, int n)
{
    for (int s = (n - 2) / 2; s >= 0; s--) sift(a, s, n - 1);
    for (int e = n - 1; e > 0; e--) {
        int32_t t = a[e]; a[e] = a[0]; a[0] = t;
        sift(a, 0, e - 1);
    }
}

static void msort(int32_t *a, int32_t *tmp, int lo, int hi)   /* [lo, hi) */
{
    if (hi - lo < 2) return;
    int mid = lo + (hi - lo) / 2;
    msort(a, tmp, lo, mid);
    msort(a, tmp, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) tmp[k++] = less(a[j], a[i]) ? a[j++] : a[i++];
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof *a);
}

static void isort(int32_t *a, int lo, int hi)   /* [lo, hi] */
{
    for (int i = lo + 1; i <= hi; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= lo && less(v, a[j])) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}
static void qsort_(int32_t *a, int lo, int hi)  /* [lo, hi] */
{
    while (hi - lo > 12) {
        int mid = lo + (hi - lo) / 2;
        if (less(a[mid], a[lo])) { int32_t t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
        if (less(a[hi], a[lo])) { int32_t t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
        if (less(a[hi], a[mid])) { int32_t t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
        int32_t p = a[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (less(a[i], p)) i++;
            while (less(p, a[j])) j--;
            if (i <= j) { int32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        /* recurse into the smaller part, loop on the larger */
        if (j - lo < hi - i) { qsort_(a, lo, j); lo = i; }
        else { qsort_(a, i, hi); hi = j; }
    }
    isort(a, lo, hi);
}

static void shellsort(int32_t *a, int n)
{
    static const int gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
    for (int g = 0; g < 8; g++) {
        int gap = gaps[g];
        for (int i = gap; i < n; i++) {
            int32_t v = a[i];
            int j = i;
            while (j >= gap && less(v, a[j - gap])) { a[j] = a[j - gap]; j -= gap; }
            a[j] = v;
        }
    }
}

static uint32_t check(const char *name, const int32_t *a, int n)
{
    uint32_t h = 0;
    int ok = 1;
    for (int i = 0; i < n; i++) {
        if (i && a[i - 1] > a[i]) ok = 0;
        h = h * 16777619u ^ (uint32_t)a[i];
    }
    printf("%-10s %s comparisons=%lu hash=%08x first=%d last=%d\n", name, ok ? "sorted" : "NOT SORTED",
           cmps, h, a[0], a[n - 1]);
    return h;
}

int main(void)
{
    static int32_t base[N], a[N], tmp[N];
    uint32_t s = 2463534242u;
    for (int i = 0; i < N; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        base[i] = (int32_t)(s % 100000u) - 50000;
    }
    const char *kinds[] = { "random", "sorted", "reversed", "few-keys" };
    for (int kind = 0; kind < 4; kind++) {
        if (kind == 1) { memcpy(a, base, sizeof a); qsort_(a, 0, N - 1); memcpy(base, a, sizeof a); }
        if (kind == 2) for (int i = 0; i < N / 2; i++) { int32_t t = base[i]; base[i] = base[N - 1 - i]; base[N - 1 - i] = t; }
        if (kind == 3) for (int i = 0; i < N; i++) base[i] = (int32_t)((uint32_t)base[i] * 2654435761u >> 29);
        printf("input %s:\n", kinds[kind]);
        uint32_t hs[4];
        cmps = 0; memcpy(a, base, sizeof a); heapsort_(a, N); hs[0] = check("heap", a, N);
        cmps = 0; memcpy(a, base, sizeof a); msort(a, tmp, 0, N); hs[1] = check("merge", a, N);
        cmps = 0; memcpy(a, base, sizeof a); qsort_(a, 0, N - 1); hs[2] = check("quick", a, N);
        cmps = 0; memcpy(a, base, sizeof a); shellsort(a, N); hs[3] = check("shell", a, N);
        printf("  all agree: %s\n", hs[0] == hs[1] && hs[1] == hs[2] && hs[2] == hs[3] ? "yes" : "NO");
    }
    return 0;
}
