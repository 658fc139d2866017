/* Recursion: Ackermann, naive Fibonacci, mutual recursion, Towers of Hanoi,
   and one deep chain of about 100000 live frames (stack growth). */
#include <stdio.h>
#include <stdint.h>

static unsigned long calls;

static uint32_t ack(uint32_t m, uint32_t n)
{
    calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int is_odd(uint32_t n);
__attribute__((noinline)) static int is_even(uint32_t n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(uint32_t n) { return n == 0 ? 0 : is_even(n - 1); }

static uint32_t moves, hsum;
static void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    hsum = hsum * 7u + (uint32_t)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}

/* Each frame keeps a volatile local that is read after the recursive call
   returns, so the compiler cannot turn the recursion into a loop. */
static uint32_t deepest;
__attribute__((noinline)) static uint32_t deep(uint32_t n)
{
    volatile uint32_t keep = n * 2654435761u;
    if (n > deepest) deepest = n;
    if (n == 0) return 1;
    uint32_t r = deep(n - 1);
    return r * 31u + keep;
}

/* Recursive descent evaluation of a fixed expression string. */
static const char *ep;
static int32_t expr(void);
static int32_t atom(void)
{
    if (*ep == '(') { ep++; int32_t v = expr(); ep++; return v; }
    if (*ep == '-') { ep++; return -atom(); }
    int32_t v = 0;
    while (*ep >= '0' && *ep <= '9') v = v * 10 + (*ep++ - '0');
    return v;
}
static int32_t term(void)
{
    int32_t v = atom();
    while (*ep == '*' || *ep == '/') {
        char op = *ep++;
        int32_t r = atom();
        v = op == '*' ? v * r : v / r;
    }
    return v;
}
static int32_t expr(void)
{
    int32_t v = term();
    while (*ep == '+' || *ep == '-') {
        char op = *ep++;
        int32_t r = term();
        v = op == '+' ? v + r : v - r;
    }
    return v;
}

int main(void)
{
    for (uint32_t m = 0; m <= 3; m++) {
        for (uint32_t n = 0; n <= 4; n++) {
            calls = 0;
            uint32_t a = ack(m, n);
            printf("ack(%u,%u)=%u calls=%lu\n", m, n, a, calls);
        }
    }
    printf("fib(20)=%u\n", fib(20));
    printf("is_even(10001)=%d is_odd(7777)=%d\n", is_even(10001), is_odd(7777));
    hanoi(12, 1, 3, 2);
    printf("hanoi(12): moves=%u hash=%08x\n", moves, hsum);
    uint32_t d = deep(100000);
    printf("deep(100000)=%08x deepest=%u\n", d, deepest);
    const char *exprs[] = { "1+2*3", "(1+2)*3", "2*(3+4)*(5-1)/-2", "((((7))))-(-(8))", "100/7*7+100-100/7*7" };
    for (int i = 0; i < 5; i++) {
        ep = exprs[i];
        printf("%s = %d\n", exprs[i], expr());
    }
    return 0;
}
