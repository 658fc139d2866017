/* qsort and bsearch from the C library: integers, strings and structs with
   a tie-breaking comparator, then lookups that hit and miss. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t rng = 0x9e3779b9u;
static uint32_t rnd(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static unsigned long ncmp;
static int cmp_int(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    ncmp++;
    return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct person { char name[12]; int32_t age; int32_t id; };
static int cmp_person(const void *a, const void *b)
{
    const struct person *p = a, *q = b;
    if (p->age != q->age) return p->age < q->age ? -1 : 1;
    int c = strcmp(p->name, q->name);
    if (c) return c;
    return (p->id > q->id) - (p->id < q->id);
}

#define N 3000
static int32_t arr[N];

int main(void)
{
    for (int i = 0; i < N; i++)
        arr[i] = (int32_t)(rnd() % 20000u) - 10000;
    qsort(arr, N, sizeof arr[0], cmp_int);
    int sorted = 1;
    uint32_t h = 0;
    for (int i = 0; i < N; i++) {
        if (i && arr[i - 1] > arr[i]) sorted = 0;
        h = h * 31u + (uint32_t)arr[i];
    }
    printf("ints sorted=%d min=%d median=%d max=%d hash=%08x\n", sorted, arr[0], arr[N / 2], arr[N - 1], h);

    int hits = 0, misses = 0;
    uint32_t poshash = 0;
    for (int32_t key = -10000; key < 10000; key += 7) {
        int32_t *p = bsearch(&key, arr, N, sizeof arr[0], cmp_int);
        if (p) {
            hits++;
            if (*p != key) printf("bsearch returned wrong element\n");
            poshash += (uint32_t)*p;   /* value, not index: duplicates may match any */
        } else {
            misses++;
        }
    }
    printf("bsearch hits=%d misses=%d valuesum=%u\n", hits, misses, poshash);

    qsort(arr, N, sizeof arr[0], cmp_int_desc);
    printf("desc first=%d last=%d\n", arr[0], arr[N - 1]);

    /* already sorted, all equal, tiny inputs */
    int32_t eq[100];
    for (int i = 0; i < 100; i++) eq[i] = 5;
    qsort(eq, 100, sizeof eq[0], cmp_int);
    int32_t one[1] = { 9 };
    qsort(one, 1, sizeof one[0], cmp_int);
    qsort(one, 0, sizeof one[0], cmp_int);
    printf("equal ok=%d one=%d\n", eq[0] == 5 && eq[99] == 5, one[0]);

    const char *words[] = { "pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "grape",
                            "lemon", "mango", "apricot", "Zucchini", "avocado", "lime", "olive", "" };
    int nw = sizeof words / sizeof words[0];
    qsort(words, (size_t)nw, sizeof words[0], cmp_str);
    printf("words:");
    for (int i = 0; i < nw; i++) printf(" '%s'", words[i]);
    printf("\n");
    const char *keys[] = { "fig", "melon", "Zucchini", "", "apple", "zzz" };
    for (int i = 0; i < 6; i++) {
        const char **p = bsearch(&keys[i], words, (size_t)nw, sizeof words[0], cmp_str);
        printf("find '%s': %s\n", keys[i], p ? "yes" : "no");
    }

    static const char *names[] = { "ann", "bob", "cy", "dee", "eve", "fay", "gus" };
    struct person people[40];
    for (int i = 0; i < 40; i++) {
        strcpy(people[i].name, names[rnd() % 7]);
        people[i].age = 20 + (int32_t)(rnd() % 5);
        people[i].id = i;
    }
    qsort(people, 40, sizeof people[0], cmp_person);
    for (int i = 0; i < 40; i += 6)
        printf("person %2d: %s age %d id %d\n", i, people[i].name, people[i].age, people[i].id);
    struct person key = people[24];
    int found = 0;
    for (key.id = 0; key.id < 40; key.id++)
        if (bsearch(&key, people, 40, sizeof people[0], cmp_person)) found++;
    printf("%s aged %d entries: %d\n", key.name, key.age, found);
    return 0;
}
