/* Function pointers: tables of operations, callbacks, a struct of function
   pointers used like a vtable, functions returning function pointers, and
   pointers passed through void * and back. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef int32_t (*binop)(int32_t, int32_t);

static int32_t op_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
static int32_t op_sub(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }
static int32_t op_mul(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
static int32_t op_max(int32_t a, int32_t b) { return a > b ? a : b; }
static int32_t op_min(int32_t a, int32_t b) { return a < b ? a : b; }
static int32_t op_xor(int32_t a, int32_t b) { return a ^ b; }

static const struct { const char *name; binop fn; } ops[] = {
    { "add", op_add }, { "sub", op_sub }, { "mul", op_mul },
    { "max", op_max }, { "min", op_min }, { "xor", op_xor },
};

__attribute__((noinline)) static int32_t fold(const int32_t *v, int n, int32_t init, binop f)
{
    int32_t acc = init;
    for (int i = 0; i < n; i++)
        acc = f(acc, v[i]);
    return acc;
}

__attribute__((noinline)) static void map(int32_t *v, int n, int32_t (*f)(int32_t))
{
    for (int i = 0; i < n; i++)
        v[i] = f(v[i]);
}

static int32_t sq(int32_t x) { return x * x; }
static int32_t neg(int32_t x) { return -x; }
static int32_t half(int32_t x) { return x / 2; }

static binop pick(const char *name)
{
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(ops[i].name, name) == 0)
            return ops[i].fn;
    return 0;
}

/* A tiny "class" with virtual methods. */
struct shape;
struct shape_ops {
    int32_t (*area)(const struct shape *);
    int32_t (*perimeter)(const struct shape *);
    const char *(*name)(void);
};
struct shape { const struct shape_ops *ops; int32_t w, h; };

static int32_t rect_area(const struct shape *s) { return s->w * s->h; }
static int32_t rect_perim(const struct shape *s) { return 2 * (s->w + s->h); }
static const char *rect_name(void) { return "rect"; }
static int32_t tri_area(const struct shape *s) { return s->w * s->h / 2; }
static int32_t tri_perim(const struct shape *s) { return s->w + s->h + (s->w > s->h ? s->w : s->h); }
static const char *tri_name(void) { return "tri"; }
static int32_t sq_area(const struct shape *s) { return s->w * s->w; }
static int32_t sq_perim(const struct shape *s) { return 4 * s->w; }
static const char *sq_name(void) { return "square"; }

static const struct shape_ops rect_ops = { rect_area, rect_perim, rect_name };
static const struct shape_ops tri_ops = { tri_area, tri_perim, tri_name };
static const struct shape_ops sq_ops = { sq_area, sq_perim, sq_name };

/* Callback with user data through void *. */
struct counter { int calls; int32_t total; };
static void visit(void *ud, int32_t value)
{
    struct counter *c = ud;
    c->calls++;
    c->total += value;
}
__attribute__((noinline)) static void each(const int32_t *v, int n, void (*cb)(void *, int32_t), void *ud)
{
    for (int i = 0; i < n; i++)
        cb(ud, v[i]);
}

/* Function returning a function pointer (state machine). */
typedef struct state state;
typedef state *(*state_fn)(int c, unsigned *acc);
struct state { state_fn fn; };
static state *st_a(int c, unsigned *acc);
static state *st_b(int c, unsigned *acc);
static state S_A = { st_a }, S_B = { st_b };
static state *st_a(int c, unsigned *acc) { *acc = *acc * 3u + (unsigned)c; return (c & 1) ? &S_B : &S_A; }
static state *st_b(int c, unsigned *acc) { *acc = *acc ^ ((unsigned)c << 4); return (c & 2) ? &S_A : &S_B; }

int main(void)
{
    int32_t v[10] = { 3, -1, 4, 1, -5, 9, 2, -6, 5, 3 };
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
        printf("fold %s = %d\n", ops[i].name, fold(v, 10, i == 2 ? 1 : 0, ops[i].fn));

    binop f = pick("mul");
    binop g = pick("nosuch");
    printf("pick mul(6,7)=%d, nosuch is %s\n", f(6, 7), g ? "found" : "null");
    printf("same pointer: %d\n", pick("max") == op_max);

    int32_t (*maps[])(int32_t) = { sq, neg, half };
    for (int k = 0; k < 3; k++)
        map(v, 10, maps[k]);
    printf("after sq,neg,half:");
    for (int i = 0; i < 10; i++) printf(" %d", v[i]);
    printf("\n");

    struct shape shapes[] = {
        { &rect_ops, 3, 4 }, { &tri_ops, 6, 5 }, { &sq_ops, 7, 0 }, { &rect_ops, 10, 2 },
    };
    int32_t ta = 0;
    for (unsigned i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        const struct shape *s = &shapes[i];
        printf("%s %dx%d area=%d perimeter=%d\n", s->ops->name(), s->w, s->h,
               s->ops->area(s), s->ops->perimeter(s));
        ta += s->ops->area(s);
    }
    printf("total area %d\n", ta);

    struct counter c = { 0, 0 };
    each(v, 10, visit, &c);
    printf("visit: calls=%d total=%d\n", c.calls, c.total);

    state *st = &S_A;
    unsigned acc = 0;
    const char *in = "function pointers drive this machine";
    for (const char *p = in; *p; p++)
        st = st->fn(*p, &acc);
    printf("state machine: acc=%u ends in %s\n", acc, st == &S_A ? "A" : "B");

    /* Many indirect calls in a loop. */
    uint32_t h = 0;
    for (int i = 0; i < 30000; i++)
        h = (uint32_t)ops[i % 6].fn((int32_t)h, i) * 2654435761u;
    printf("indirect loop hash=%08x\n", h);
    return 0;
}
