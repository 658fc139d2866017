/* Variadic functions: an own integer summer, a mixed-type formatter that
   pulls int, long long, double, char and string arguments (64-bit arguments
   need aligned slots), va_copy, and vsnprintf through a wrapper. */
#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

static int32_t sum_ints(int count, ...)
{
    va_list ap;
    int32_t s = 0;
    va_start(ap, count);
    for (int i = 0; i < count; i++)
        s += va_arg(ap, int32_t);
    va_end(ap);
    return s;
}

static long long sum_mixed(const char *types, ...)
{
    /* i=int, L=long long, d=double (truncated), c=char */
    va_list ap;
    long long s = 0;
    va_start(ap, types);
    for (const char *t = types; *t; t++) {
        switch (*t) {
        case 'i': s += va_arg(ap, int); break;
        case 'L': s += va_arg(ap, long long); break;
        case 'd': s += (long long)(va_arg(ap, double) * 100.0); break;
        case 'c': s += (char)va_arg(ap, int); break;
        }
    }
    va_end(ap);
    return s;
}

/* A tiny formatter: %d %u %x %s %c %q (long long) %%; writes into buf. */
static int fmt(char *buf, size_t cap, const char *f, ...)
{
    va_list ap;
    size_t n = 0;
    char tmp[32];
    va_start(ap, f);
    for (; *f; f++) {
        const char *piece = tmp;
        size_t len;
        if (*f != '%') {
            tmp[0] = *f; len = 1;
        } else {
            f++;
            unsigned long long u = 0;
            int base = 10, negative = 0;
            switch (*f) {
            case 'd': { int v = va_arg(ap, int); negative = v < 0; u = negative ? 0ull - (unsigned long long)(long long)v : (unsigned long long)v; break; }
            case 'q': { long long v = va_arg(ap, long long); negative = v < 0; u = negative ? 0ull - (unsigned long long)v : (unsigned long long)v; break; }
            case 'u': u = va_arg(ap, unsigned); break;
            case 'x': u = va_arg(ap, unsigned); base = 16; break;
            case 's': piece = va_arg(ap, const char *); break;
            case 'c': tmp[0] = (char)va_arg(ap, int); tmp[1] = 0; break;
            default: tmp[0] = '%'; tmp[1] = 0; break;
            }
            if (*f == 'd' || *f == 'q' || *f == 'u' || *f == 'x') {
                char rev[24];
                int k = 0;
                do { rev[k++] = "0123456789abcdef"[u % (unsigned)base]; u /= (unsigned)base; } while (u);
                int j = 0;
                if (negative) tmp[j++] = '-';
                while (k) tmp[j++] = rev[--k];
                tmp[j] = 0;
            }
            len = strlen(piece);
        }
        for (size_t i = 0; i < len; i++, n++)
            if (n + 1 < cap) buf[n] = piece[i];
    }
    va_end(ap);
    if (cap) buf[n < cap ? n : cap - 1] = 0;
    return (int)n;
}

/* Appends formatted text using vsnprintf; counts the characters it wanted. */
static char logbuf[256];
static size_t loglen;
static int wanted;
static void logf_(const char *f, ...)
{
    va_list ap, ap2;
    va_start(ap, f);
    va_copy(ap2, ap);
    int need = vsnprintf(NULL, 0, f, ap2);
    va_end(ap2);
    int got = vsnprintf(logbuf + loglen, sizeof logbuf - loglen, f, ap);
    va_end(ap);
    wanted += need;
    if (got != need) printf("vsnprintf mismatch %d %d\n", got, need);
    loglen += (size_t)got;
    if (loglen >= sizeof logbuf) loglen = sizeof logbuf - 1;
}

/* Walks the same list twice with va_copy. */
static double mean_and_max(int n, ...)
{
    va_list ap, again;
    va_start(ap, n);
    va_copy(again, ap);
    double s = 0, mx = -1e300;
    for (int i = 0; i < n; i++) s += va_arg(ap, double);
    for (int i = 0; i < n; i++) { double v = va_arg(again, double); if (v > mx) mx = v; }
    va_end(again);
    va_end(ap);
    return s / n + mx * 1000.0;
}

int main(void)
{
    printf("sum_ints(0)=%d\n", sum_ints(0));
    printf("sum_ints(5)=%d\n", sum_ints(5, 1, 2, 3, 4, 5));
    printf("sum_ints(12)=%d\n", sum_ints(12, 100, -200, 300, -400, 500, -600, 700, -800, 900, -1000, 1100, 0x7fff0000));
    printf("sum_mixed=%lld\n", sum_mixed("iLdciLd", 7, 0x100000000ll, 2.5, 'A', -9, -5000000000ll, -0.125));
    printf("sum_mixed2=%lld\n", sum_mixed("LLLLidLi", 1ll, 2ll, 3ll, 4ll, 5, 6.0, 7ll, 8));

    char buf[80];
    int n = fmt(buf, sizeof buf, "x=%d u=%u h=%x s=%s c=%c q=%q %%", -42, 42u, 0xbeefu, "str", 'Z', -1234567890123ll);
    printf("fmt -> [%s] len=%d\n", buf, n);
    n = fmt(buf, 10, "truncated %s here", "text");
    printf("fmt small -> [%s] len=%d\n", buf, n);

    for (int i = 0; i < 12; i++)
        logf_("[%d:%05.1f:%s]", i, i * 1.25, i % 2 ? "odd" : "even");
    printf("log(%u, wanted %d): %s\n", (unsigned)loglen, wanted, logbuf);

    printf("mean_and_max=%.6f\n", mean_and_max(6, 1.5, -2.25, 8.0, 3.125, 0.5, 7.75));

    char small[8];
    int w = snprintf(small, sizeof small, "%s-%d", "abcdef", 12345);
    printf("snprintf wanted %d got [%s]\n", w, small);
    return 0;
}
