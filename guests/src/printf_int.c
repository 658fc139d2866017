/* printf integer conversions: d i u x X o c s with widths, precisions, the
   flags - + space 0 #, '*' arguments, and length modifiers hh h l ll z j t. */
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>

int main(void)
{
    int vals[] = { 0, 1, -1, 42, -42, 255, 65535, 123456789, INT_MAX, INT_MIN };
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        int v = vals[i];
        printf("[%d] [%i] [%5d] [%-5d|] [%05d] [%+d] [% d] [%.3d] [%8.4d] [%-+8.3d|] [%+05d]\n",
               v, v, v, v, v, v, v, v, v, v, v);
        printf("  u[%u] x[%x] X[%X] o[%o] #x[%#x] #X[%#X] #o[%#o] 08x[%08x] #010x[%#010x] .0x[%.0x] -#8o[%-#8o|]\n",
               (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
               (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v);
    }

    printf("zero with precision 0: [%.0d] [%.0u] [%#.0x] [%#.0o] [%5.0d]\n", 0, 0u, 0u, 0u, 0);
    printf("star width/prec: [%*d] [%-*d|] [%.*d] [%*.*d] [%*d|]\n", 6, 77, 6, 77, 4, 7, 8, 5, 33, -6, 9);
    printf("negative precision ignored: [%.*d]\n", -3, 12);

    /* hh and h truncate to char and short */
    printf("hh: [%hhd] [%hhd] [%hhu] [%hhx] [%hhi]\n", 300, -129, -1, 0x1234, 127 + 2);
    printf("h:  [%hd] [%hd] [%hu] [%hx] [%ho]\n", 70000, -32769, -1, 0x12345, 0xffff);

    /* l and ll */
    long lv = -1234567890L;
    unsigned long ulv = 4000000000UL;
    long long llv = -9223372036854775807LL - 1;
    unsigned long long ullv = 18446744073709551615ULL;
    printf("l: [%ld] [%lu] [%lx] [%+12ld] [%-12lu|]\n", lv, ulv, ulv, 2147483647L, 7UL);
    printf("ll: [%lld] [%llu] [%llx] [%llX] [%llo] [%#llx]\n", llv, ullv, ullv, 0xabcdef0123ULL, 01234567012345ULL, 1ULL << 40);
    printf("ll widths: [%25lld] [%-25lld|] [%025lld] [%+.20lld] [% lli]\n", 123456789012LL, -5LL, -5LL, 5LL, 9LL);

    /* z j t */
    size_t sz = 4000000000u;
    ptrdiff_t pd = -12345;
    intmax_t im = -123456789012345LL;
    uintmax_t um = 123456789012345ULL;
    printf("z: [%zu] [%zx] [%zd] [%8zu]\n", sz, sz, (size_t)77, (size_t)3);
    printf("j: [%jd] [%ju] [%jx] [%-20jd|]\n", im, um, um, im);
    printf("t: [%td] [%tx] [%10td]\n", pd, (ptrdiff_t)255, pd);

    /* c and s */
    printf("c: [%c] [%3c] [%-3c|] [%c%c%c]\n", 'A', 'b', 'c', 'x', 'y', 'z');
    const char *s = "formatted";
    printf("s: [%s] [%12s] [%-12s|] [%.4s] [%12.4s] [%-12.4s|] [%.0s] [%*.*s]\n",
           s, s, s, s, s, s, s, 7, 3, s);
    printf("s: [%s] [%5s] [%.20s]\n", "", "", "short");
    printf("percent: [%%] [%5s%%]\n", "50");

    /* %n records how much has been printed */
    int count = 0;
    printf("counted%n chars\n", &count);
    printf("count=%d\n", count);

    /* snprintf return value and truncation */
    char b[10];
    int n1 = snprintf(b, sizeof b, "%d-%d-%d", 11111, 22222, 33333);
    printf("snprintf: %d [%s]\n", n1, b);
    int n2 = sprintf(b, "%05x", 0xabcu);
    printf("sprintf: %d [%s]\n", n2, b);

    /* fixed-width macros would be nice but print the same via ll casts */
    int8_t i8 = -128; int16_t i16 = -32768; uint8_t u8 = 200; uint16_t u16 = 60000;
    printf("small types: %d %d %u %u\n", i8, i16, u8, u16);
    return 0;
}
