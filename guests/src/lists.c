/* Heap data structures: a singly linked list (build, reverse, merge sort,
   delete), a chained hash table with string keys that grows with realloc,
   a growable vector, calloc'd zeroed memory, and one large allocation that
   the C library serves with mmap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t rs = 88172645u;
static uint32_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 17; rs ^= rs << 5; return rs; }

/* ---- list ---- */
typedef struct node { int32_t v; struct node *next; } node;

static node *push(node *h, int32_t v)
{
    node *n = malloc(sizeof *n);
    n->v = v;
    n->next = h;
    return n;
}

static node *reverse(node *h)
{
    node *r = NULL;
    while (h) { node *n = h->next; h->next = r; r = h; h = n; }
    return r;
}

static node *merge(node *a, node *b)
{
    node head, *t = &head;
    while (a && b) {
        if (a->v <= b->v) { t->next = a; a = a->next; }
        else { t->next = b; b = b->next; }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}

static node *msort(node *h)
{
    if (!h || !h->next) return h;
    node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    node *b = slow->next;
    slow->next = NULL;
    return merge(msort(h), msort(b));
}

/* Builds "key-<a>-<b>" without printf (cheap and deterministic). */
static void make_key(char *out, unsigned a, unsigned b)
{
    char tmp[12];
    int n;
    memcpy(out, "key-", 4);
    out += 4;
    n = 0; do { tmp[n++] = (char)('0' + a % 10); a /= 10; } while (a);
    while (n) *out++ = tmp[--n];
    *out++ = '-';
    n = 0; do { tmp[n++] = (char)('0' + b % 10); b /= 10; } while (b);
    while (n) *out++ = tmp[--n];
    *out = 0;
}

static uint32_t list_hash(const node *h, int *len)
{
    uint32_t x = 0;
    *len = 0;
    for (; h; h = h->next) { x = x * 31u + (uint32_t)h->v; (*len)++; }
    return x;
}

/* ---- hash table ---- */
typedef struct entry { char *key; int32_t value; struct entry *next; } entry;
typedef struct { entry **slots; uint32_t nslots, count; } table;

static uint32_t strhash(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

static void grow(table *t)
{
    uint32_t old = t->nslots, n = old ? old * 2 : 8;
    t->slots = realloc(t->slots, n * sizeof *t->slots);
    memset(t->slots + old, 0, (n - old) * sizeof *t->slots);
    /* Rehash in place: entries either stay or move to slot + old. */
    for (uint32_t i = 0; i < old; i++) {
        entry **pp = &t->slots[i];
        while (*pp) {
            entry *e = *pp;
            uint32_t j = strhash(e->key) & (n - 1);
            if (j != i) { *pp = e->next; e->next = t->slots[j]; t->slots[j] = e; }
            else pp = &e->next;
        }
    }
    t->nslots = n;
}

static void put(table *t, const char *k, int32_t v)
{
    if (t->count >= t->nslots * 3 / 4) grow(t);
    uint32_t i = strhash(k) & (t->nslots - 1);
    for (entry *e = t->slots[i]; e; e = e->next)
        if (strcmp(e->key, k) == 0) { e->value = v; return; }
    entry *e = malloc(sizeof *e);
    e->key = malloc(strlen(k) + 1);
    strcpy(e->key, k);
    e->value = v;
    e->next = t->slots[i];
    t->slots[i] = e;
    t->count++;
}

static entry *get(const table *t, const char *k)
{
    if (!t->nslots) return NULL;
    for (entry *e = t->slots[strhash(k) & (t->nslots - 1)]; e; e = e->next)
        if (strcmp(e->key, k) == 0) return e;
    return NULL;
}

static int del(table *t, const char *k)
{
    entry **pp = &t->slots[strhash(k) & (t->nslots - 1)];
    for (; *pp; pp = &(*pp)->next) {
        if (strcmp((*pp)->key, k) == 0) {
            entry *e = *pp;
            *pp = e->next;
            free(e->key);
            free(e);
            t->count--;
            return 1;
        }
    }
    return 0;
}

int main(void)
{
    node *h = NULL;
    for (int i = 0; i < 2000; i++) h = push(h, (int32_t)(rnd() % 10000));
    int len;
    uint32_t x = list_hash(h, &len);
    printf("list built: len=%d hash=%08x\n", len, x);
    h = reverse(h);
    x = list_hash(h, &len);
    printf("reversed: len=%d hash=%08x first=%d\n", len, x, h->v);
    h = msort(h);
    int ok = 1;
    for (node *n = h; n && n->next; n = n->next) if (n->v > n->next->v) ok = 0;
    x = list_hash(h, &len);
    printf("sorted=%d len=%d hash=%08x min=%d\n", ok, len, x, h->v);
    /* delete every element divisible by 3 */
    node **pp = &h;
    int removed = 0;
    while (*pp) {
        if ((*pp)->v % 3 == 0) { node *d = *pp; *pp = d->next; free(d); removed++; }
        else pp = &(*pp)->next;
    }
    x = list_hash(h, &len);
    printf("removed %d, left %d, hash=%08x\n", removed, len, x);
    while (h) { node *n = h->next; free(h); h = n; }

    table t = { NULL, 0, 0 };
    char key[24];
    for (int i = 0; i < 1500; i++) {
        make_key(key, (unsigned)(i % 1200), (unsigned)(i % 1200) * 7919u % 1000u);
        put(&t, key, i);
    }
    printf("table: count=%u slots=%u\n", t.count, t.nslots);
    int32_t vsum = 0;
    int found = 0;
    for (int i = 0; i < 1300; i++) {
        make_key(key, (unsigned)i, (unsigned)i * 7919u % 1000u);
        entry *e = get(&t, key);
        if (e) { found++; vsum += e->value; }
    }
    printf("lookups found=%d valuesum=%d\n", found, vsum);
    int deleted = 0;
    for (int i = 0; i < 1200; i += 2) {
        make_key(key, (unsigned)i, (unsigned)i * 7919u % 1000u);
        deleted += del(&t, key);
    }
    uint32_t longest = 0, used = 0;
    for (uint32_t i = 0; i < t.nslots; i++) {
        uint32_t c = 0;
        for (entry *e = t.slots[i]; e; e = e->next) c++;
        if (c) used++;
        if (c > longest) longest = c;
    }
    printf("deleted=%d count=%u used slots=%u longest chain=%u\n", deleted, t.count, used, longest);
    for (uint32_t i = 0; i < t.nslots; i++)
        while (t.slots[i]) { entry *e = t.slots[i]; t.slots[i] = e->next; free(e->key); free(e); }
    free(t.slots);

    /* growable vector with realloc */
    int32_t *vec = NULL;
    size_t n = 0, cap = 0;
    unsigned reallocs = 0;
    for (int i = 0; i < 20000; i++) {
        if (n == cap) { cap = cap ? cap * 2 : 4; vec = realloc(vec, cap * sizeof *vec); reallocs++; }
        vec[n++] = i * i;
    }
    uint32_t vh = 0;
    for (size_t i = 0; i < n; i += 97) vh = vh * 31u + (uint32_t)vec[i];
    printf("vector: n=%u cap=%u reallocs=%u hash=%08x\n", (unsigned)n, (unsigned)cap, reallocs, vh);
    vec = realloc(vec, 10 * sizeof *vec);   /* shrink keeps the prefix */
    printf("after shrink: %d %d %d\n", vec[0], vec[5], vec[9]);
    free(vec);

    /* calloc returns zeroed memory, also after the same block was dirtied */
    for (int round = 0; round < 3; round++) {
        unsigned char *z = calloc(1000, 7);
        size_t nz = 0;
        for (size_t i = 0; i < 7000; i++) nz += z[i] != 0;
        memset(z, 0xab, 7000);
        printf("calloc round %d: nonzero bytes %u\n", round, (unsigned)nz);
        free(z);
    }

    /* big blocks (above the mmap threshold), grown and filled */
    size_t bign = 300000;
    uint32_t *big = calloc(bign, sizeof *big);
    uint32_t bs = 0;
    for (size_t i = 0; i < bign; i += 1000) { big[i] = (uint32_t)i; bs += big[i] + big[i + 1]; }
    big = realloc(big, 2 * bign * sizeof *big);
    for (size_t i = bign; i < 2 * bign; i += 1000) big[i] = (uint32_t)i;
    for (size_t i = 0; i < 2 * bign; i += 1000) bs = bs * 3u + big[i];
    printf("big block check=%08x\n", bs);
    free(big);
    return 0;
}
