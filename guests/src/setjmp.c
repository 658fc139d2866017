/* setjmp/longjmp: simple and nested jumps, longjmp(env, 0) turning into 1,
   escaping from deep recursion, volatile locals surviving a jump, and an
   error-handling pattern with a stack of jump buffers. */
#include <stdio.h>
#include <setjmp.h>
#include <stdint.h>

static jmp_buf top;
static int depth_reached;

__attribute__((noinline)) static void dive(int n, int limit)
{
    volatile char pad[24];
    pad[0] = (char)n;
    depth_reached = n;
    if (n >= limit)
        longjmp(top, n);
    if (n < limit)
        dive(n + 1, limit);
    pad[1] = pad[0];    /* never reached */
}

/* A stack of handlers: try/catch style. */
static jmp_buf *handlers[8];
static int nh;
static int32_t last_error;

static void throw_error(int32_t code)
{
    last_error = code;
    longjmp(*handlers[nh - 1], 1);
}

__attribute__((noinline)) static int32_t checked_div(int32_t a, int32_t b)
{
    if (b == 0) throw_error(1000 + a);
    return a / b;
}

__attribute__((noinline)) static int32_t inner(int32_t a, int32_t b)
{
    jmp_buf here;
    volatile int32_t result = -1;
    handlers[nh++] = &here;
    if (setjmp(here) == 0) {
        result = checked_div(a, b) + checked_div(b, a - 5);
        nh--;
    } else {
        nh--;
        if (last_error >= 1010)   /* rethrow bigger errors to the outer handler */
            throw_error(last_error + 1);
        result = -last_error;
    }
    return result;
}

int main(void)
{
    /* 1. plain round trip */
    volatile int counter = 0;
    jmp_buf env;
    int r = setjmp(env);
    counter++;
    if (r < 5)
        longjmp(env, r + 1);
    printf("loop via longjmp: r=%d counter=%d\n", r, counter);

    /* 2. longjmp with 0 arrives as 1 */
    jmp_buf z;
    volatile int seen = 0;
    int rz = setjmp(z);
    if (!seen) { seen = 1; longjmp(z, 0); }
    printf("longjmp(.,0) returned %d\n", rz);

    /* 3. escape from deep recursion, repeatedly */
    volatile uint32_t sum = 0;
    for (volatile int lim = 1; lim <= 2000; lim *= 3) {
        int got = setjmp(top);
        if (got == 0)
            dive(0, lim);
        sum += (uint32_t)got;
        printf("dive limit %d: setjmp returned %d, depth %d\n", lim, got, depth_reached);
    }

    /* 4. volatile locals keep values modified after setjmp */
    volatile int32_t v = 10;
    int32_t w = 20;
    jmp_buf e2;
    if (setjmp(e2) == 0) {
        v = 11;
        w = 21;
        (void)w;
        longjmp(e2, 7);
    }
    printf("volatile after jump: %d\n", v);

    /* 5. nested handlers */
    int32_t cases[][2] = { { 10, 2 }, { 7, 0 }, { 5, 3 }, { 20, 0 }, { 9, 4 }, { 0, 0 } };
    for (volatile int i = 0; i < 6; i++) {
        jmp_buf outer;
        handlers[nh++] = &outer;
        if (setjmp(outer) == 0) {
            int32_t res = inner(cases[i][0], cases[i][1]);
            nh--;
            printf("case %d: inner returned %d\n", i, res);
        } else {
            nh--;
            printf("case %d: outer caught error %d\n", i, last_error);
        }
    }
    printf("handlers left=%d sum=%u\n", nh, (unsigned)sum);
    return 0;
}
