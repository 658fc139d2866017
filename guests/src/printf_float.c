/* printf floating-point conversions: %f %e %g %a (and upper case), with
   precisions, widths, flags, signs, tiny/huge/subnormal values, inf, nan,
   and round-half-even behaviour of the decimal conversion. */
#include <stdio.h>
#include <float.h>

int main(void)
{
    double vals[] = { 0.0, -0.0, 1.0, -1.0, 0.1, 2.5, -2.5, 3.14159265358979, 123456.789,
                      1e-5, 6.02214076e23, -1.602176634e-19, 1e300, 1e-300, DBL_MAX, DBL_MIN,
                      4.9406564584124654e-324, 1.0 / 3.0, 2.0 / 3.0, 9.999999, 0.5, 1.5, 100.0 };
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        double v = vals[i];
        printf("%u: [%f] [%.2f] [%e] [%.3E] [%g] [%.10g] [%G] [%a]\n", i, v, v, v, v, v, v, v, v);
    }
    double x = -3.25;
    printf("flags: [%10.3f] [%-10.3f|] [%+.1f] [% .1f] [%010.2f] [%+010.2f] [%#.0f] [%.0f]\n",
           x, x, -x, -x, x, -x, 2.0, 2.0);
    printf("e flags: [%+e] [% .0e] [%#.0e] [%12.2e] [%-12.2e|] [%012.3e]\n", 12345.678, 5.0, 5.0, -0.000123, 1e10, -7.5);
    printf("g flags: [%#g] [%#.3g] [%g] [%g] [%g] [%g] [%.0g] [%.1g]\n",
           1.0, 1.0, 100000.0, 1000000.0, 1e-4, 1e-5, 123.0, 0.05);
    printf("a: [%a] [%A] [%.3a] [%.0a] [%a] [%a] [%a]\n", 1.0, 255.5, 3.14159265358979, 1.5, -0.0, DBL_MIN / 4, 0.1);
    printf("star: [%*.*f] [%-*.*e|]\n", 12, 4, 2.718281828, 14, 2, -2.718281828);

    /* round-half-even on exact ties */
    double ties[] = { 0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 0.125, 0.375, 2.675, 1.005 };
    printf("ties:");
    for (unsigned i = 0; i < sizeof ties / sizeof ties[0]; i++)
        printf(" %.0f/%.2f", ties[i], ties[i]);
    printf("\n");

    /* infinities and NaNs built from constants */
    double inf = __builtin_inf(), nan = __builtin_nan("");
    printf("inf: [%f] [%e] [%g] [%a] [%F] [%E] [%8.2f] [%-8f|] [%+f] [%f]\n",
           inf, inf, inf, inf, inf, inf, inf, inf, inf, -inf);
    printf("nan: [%f] [%e] [%g] [%F] [%G] [%6f] [%-6f|]\n", nan, nan, nan, nan, nan, nan, nan);
    double big = 1e308 * 10.0;
    printf("overflowed product prints as %f\n", big);

    /* large precision and large values */
    printf("big: [%.30f] [%.20e] [%.17g]\n", 0.1, 1.0 / 7.0, 1.0 / 7.0);
    printf("1e22=[%.0f] 2^63=[%.0f] 2^100=[%.0f]\n", 1e22, 9223372036854775808.0, 1267650600228229401496703205376.0);
    printf("DBL_MAX=[%.0f]\n", DBL_MAX);
    printf("float args: [%f] [%g] [%.8e]\n", 1.1f, 3.4028235e38f, (double)1.17549435e-38f);

    /* subnormals */
    double sub = DBL_MIN;
    for (int i = 0; i < 5; i++) {
        sub /= 1024.0;
        printf("sub %d: %g %a\n", i, sub, sub);
    }
    char b[64];
    int n = snprintf(b, sizeof b, "%.3f|%8.2e|%g", 1234.5678, 0.000987654, 1e-10);
    printf("snprintf %d [%s]\n", n, b);
    return 0;
}
