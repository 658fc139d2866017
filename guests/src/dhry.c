/* A synthetic integer CPU benchmark in the spirit of the classic ones (this
   is an independent program): record copies through pointers, fixed-size
   strings, many small procedure calls, enum switches, integer arithmetic and
   1-D/2-D array indexing in a loop. Usage: dhry [iterations], default 200000.
   Each iteration also runs INNER rounds of a small kernel, so that the
   default run takes about a second under qemu-hppa. Prints a checksum that
   depends only on the iteration count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef enum { TONE_RED, TONE_GREEN, TONE_BLUE, TONE_AMBER, TONE_VIOLET } tone;

typedef struct item {
    struct item *next;
    tone hue;
    int32_t count;
    int32_t weight;
    char label[32];
} item;

static item *first, *second;
static int32_t row[64];
static int32_t table[64][64];
static char text_a[32], text_b[32];
static item pool[8];
static char scratch[32];
static int32_t g_int;
static char g_ch1, g_ch2;
static int g_flag;

__attribute__((noinline)) static tone shade(char c, char d)
{
    if (c == d) return TONE_RED;
    return (c < d) ? TONE_GREEN : TONE_BLUE;
}

__attribute__((noinline)) static int next_tone(tone t, tone *out)
{
    switch (t) {
    case TONE_RED: *out = TONE_GREEN; return 1;
    case TONE_GREEN: *out = g_int > 100 ? TONE_BLUE : TONE_AMBER; return 2;
    case TONE_BLUE: *out = TONE_VIOLET; return 3;
    case TONE_AMBER: *out = TONE_RED; return 4;
    default: *out = TONE_AMBER; return 5;
    }
}

__attribute__((noinline)) static int32_t scale(int32_t a, int32_t b)
{
    int32_t t = a * 3 + b;
    return t - (a >> 1) + (b % 7);
}

__attribute__((noinline)) static void bump(int32_t *p, int32_t by)
{
    *p += by;
    if (*p > 1000) *p -= 997;
}

__attribute__((noinline)) static int texts_differ(const char *a, const char *b)
{
    int i = 2;
    tone t = TONE_RED;
    while (i < 4) {
        if (shade(a[i], b[i + 1]) == TONE_RED) {
            t = TONE_AMBER;
            i++;
        }
        i++;
    }
    if (t == TONE_AMBER) g_int += 3;
    if (strcmp(a, b) > 0) { g_int += 7; return 1; }
    return 0;
}

__attribute__((noinline)) static void fill_arrays(int32_t base, int32_t val)
{
    int32_t k = base + 5;
    row[k] = val;
    row[k + 1] = row[k];
    row[k + 30] = k;
    for (int32_t j = k; j <= k + 1; j++) table[k][j] = k;
    table[k][k - 1] += 1;
    table[k + 20][k] = row[k];
    for (int32_t j = 0; j < 8; j++) row[(k + j * 3) & 63] += j;
    g_int = 5;
}

__attribute__((noinline)) static void refresh(item *p)
{
    item *q = p->next;
    *q = *first;              /* struct copy */
    p->count = 5;
    q->count = p->count;
    q->next = p->next;
    if (q->hue == TONE_RED) {
        q->count = 6;
        next_tone(p->hue, &q->hue);
        q->next = first->next;
        bump(&q->count, 10);
    } else {
        *p = *q;
    }
}

__attribute__((noinline)) static void step_char(void)
{
    int same = g_ch1 == 'A';
    g_flag = same | g_flag;
    g_ch2 = 'B';
}

#define INNER 24

__attribute__((noinline)) static void copy_text(char *dst, const char *src)
{
    while ((*dst++ = *src++) != 0)
        ;
}

__attribute__((noinline)) static int compare_text(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}

__attribute__((noinline)) static int32_t kernel(int32_t it, int32_t round)
{
    item *p = &pool[(it + round) & 7];
    copy_text(scratch, p->label);
    scratch[round & 15] = (char)('A' + (it + round) % 26);
    int c = compare_text(scratch, p->label);
    p->count += c > 0 ? 1 : (c < 0 ? -1 : 0);
    p->weight = scale(p->weight & 1023, round);
    const int32_t *r = table[(it + round) & 63];
    int32_t acc = 0;
    for (int j = 0; j < 16; j++) acc += r[j * 4] ^ row[(j + round) & 63];
    tone t;
    next_tone((tone)(acc & 3), &t);
    p->hue = t;
    return it % (round + 1) + acc / (round + 3) - (p->count * 7) % 11;
}

static uint32_t iterate(int32_t iters)
{
    uint32_t sum = 0;
    for (int32_t it = 1; it <= iters; it++) {
        int32_t a = 2, b = 3, c;
        tone t = (it & 1) ? TONE_GREEN : TONE_BLUE;
        step_char();
        g_ch1 = 'A';
        strcpy(text_b, "SYNTHETIC TEST, THE 2ND STRING");
        g_flag = !texts_differ(text_a, text_b);
        while (a < b) {
            c = 5 * a - b;
            c = scale(a, c);
            a++;
        }
        fill_arrays(a + (it & 7), it & 255);
        refresh(first);
        for (char ch = 'A'; ch <= g_ch2; ch++) {
            if (t == shade(ch, 'C')) {
                next_tone(TONE_RED, &t);
                strcpy(text_b, "SYNTHETIC TEST, THE 3RD STRING");
                b = it;
                g_int = it;
            }
        }
        b = b * a;
        c = b / (a ? a : 1);
        b = 7 * (b - c) - a;
        bump(&b, it % 13);
        int32_t m = it % 64;
        row[m] = (row[m] + b) & 0xffff;
        table[m][(m * 5) & 63] ^= c;
        sum = sum * 33u + (uint32_t)(b + c + g_int + first->count + second->count + row[m]);
        sum ^= (uint32_t)first->hue << 8 | (uint32_t)g_flag;
        int32_t k = 0;
        for (int32_t round = 0; round < INNER; round++) k += kernel(it, round);
        sum += (uint32_t)k;
    }
    return sum;
}

int main(int argc, char **argv)
{
    int32_t iters = 200000;
    if (argc > 1) iters = (int32_t)strtol(argv[1], NULL, 10);
    if (iters < 0) iters = 0;

    second = malloc(sizeof *second);
    first = malloc(sizeof *first);
    memset(second, 0, sizeof *second);
    first->next = second;
    first->hue = TONE_RED;
    first->count = 40;
    first->weight = 3;
    strcpy(first->label, "SYNTHETIC TEST, FIRST RECORD");
    second->next = first;
    strcpy(text_a, "SYNTHETIC TEST, THE 1ST STRING");
    table[8][7] = 10;
    static const char *const labels[8] = { "RECORD ZERO OF THE POOL", "RECORD ONE", "RECORD TWO, LONGER LABEL",
        "RECORD THREE", "RECORD FOUR: ALPHABETIC", "RECORD FIVE", "RECORD SIX IS HERE", "RECORD SEVEN" };
    for (int i = 0; i < 8; i++) {
        pool[i].next = &pool[(i + 1) & 7];
        pool[i].hue = (tone)(i % 5);
        pool[i].count = i;
        pool[i].weight = i * 100;
        strcpy(pool[i].label, labels[i]);
    }

    uint32_t sum = iterate(iters);

    uint32_t fold = 0;
    for (int i = 0; i < 64; i++) {
        fold = fold * 31u + (uint32_t)row[i];
        for (int j = 0; j < 64; j++) fold += (uint32_t)table[i][j] * (uint32_t)(j + 1);
    }
    printf("iterations: %d\n", iters);
    printf("g_int=%d g_flag=%d g_ch1=%c g_ch2=%c\n", g_int, g_flag, g_ch1, g_ch2);
    printf("first: hue=%d count=%d label=%s\n", (int)first->hue, first->count, first->label);
    printf("second: hue=%d count=%d\n", (int)second->hue, second->count);
    printf("text_b=%s\n", text_b);
    uint32_t ph = 0;
    for (int i = 0; i < 8; i++) ph = ph * 31u + (uint32_t)pool[i].count * 7u + (uint32_t)pool[i].weight + (uint32_t)pool[i].hue;
    printf("pool: count0=%d weight0=%d hash=%08x\n", pool[0].count, pool[0].weight, ph);
    printf("checksum=%08x arrays=%08x\n", sum, fold);
    free(first);
    free(second);
    return 0;
}
