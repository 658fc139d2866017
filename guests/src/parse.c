/* Formatted parsing: sscanf with many conversions and return counts,
   %n, scansets, field widths, assignment suppression; sprintf/snprintf
   round trips; strtod on decimal, hex, inf/nan, overflow and underflow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>

int main(void)
{
    int a = 0, b = 0, n = 0, got;
    unsigned u = 0;
    char word[32] = "", rest[64] = "";
    double d = 0;
    long long ll = 0;

    got = sscanf("  42 -17 0x1f hello 3.5e2 9000000000", "%d %i %x %31s %lf %lld", &a, &b, &u, word, &d, &ll);
    printf("got=%d a=%d b=%d u=%u word=%s d=%g ll=%lld\n", got, a, b, u, word, d, ll);

    got = sscanf("key=value; other", "%31[^=]=%63[^;];%n", word, rest, &n);
    printf("got=%d key=[%s] value=[%s] consumed=%d tail=[%s]\n", got, word, rest, n, "key=value; other" + n);

    int hr, mn, sc;
    got = sscanf("2024-02-29T13:07:59", "%4d-%2d-%2dT%2d:%2d:%2d", &a, &b, &n, &hr, &mn, &sc);
    printf("date fields parsed: %d (%04d/%02d/%02d %02d.%02d.%02d)\n", got, a, b, n, hr, mn, sc);

    int h, m, s;
    got = sscanf("12:34", "%d:%d:%d", &h, &m, &s);
    printf("partial match count=%d h=%d m=%d\n", got, h, m);
    got = sscanf("", "%d", &h);
    printf("empty input returns %d (EOF is %d)\n", got, EOF);
    got = sscanf("abc", "%d", &h);
    printf("no number returns %d\n", got);

    int skipped_ok;
    got = sscanf("100 200 300", "%*d %d %n", &skipped_ok, &n);
    printf("suppressed: got=%d value=%d pos=%d\n", got, skipped_ok, n);

    char c1, c2, c3;
    got = sscanf("xyz", "%c%c%c", &c1, &c2, &c3);
    printf("chars: %d %c%c%c\n", got, c3, c2, c1);
    unsigned char hexbytes[4];
    got = sscanf("de:ad:be:ef", "%hhx:%hhx:%hhx:%hhx", &hexbytes[0], &hexbytes[1], &hexbytes[2], &hexbytes[3]);
    printf("hh: %d -> %u %u %u %u\n", got, hexbytes[0], hexbytes[1], hexbytes[2], hexbytes[3]);
    short sh;
    got = sscanf("-1234", "%hd", &sh);
    printf("short: %d\n", sh);
    float fl;
    got = sscanf("1e-3", "%f", &fl);
    printf("float: %.9g\n", (double)fl);

    /* a small CSV parse */
    const char *csv = "alpha,10,2.5\nbeta,-3,1e3\ngamma,7,-0.125\n";
    const char *p = csv;
    double total = 0;
    int rows = 0;
    char name[16];
    int qty, used;
    double price;
    while (sscanf(p, "%15[^,],%d,%lf\n%n", name, &qty, &price, &used) == 3) {
        printf("row %d: %s qty=%d price=%g\n", rows, name, qty, price);
        total += qty * price;
        rows++;
        p += used;
    }
    printf("rows=%d total=%.4f\n", rows, total);

    /* sprintf -> sscanf round trip of doubles with %.17g */
    uint32_t rs = 12345;
    int exact = 0;
    for (int i = 0; i < 200; i++) {
        rs = rs * 1103515245u + 12345u;
        double v = ((double)rs / 4294967296.0 - 0.5) * 1e6 / (double)(i + 1);
        char buf[40];
        snprintf(buf, sizeof buf, "%.17g", v);
        double back;
        sscanf(buf, "%lf", &back);
        exact += back == v;
    }
    printf("double round trips exact: %d/200\n", exact);

    /* strtod */
    const char *ds[] = { "3.14159", "-0.0", "1e10", "  +12.5e+2xyz", "0x1p-3", "0x1.8p1", "inf", "-Infinity",
                         "nan", "1e400", "1e-400", "4.9e-324", ".5", "5.", "e5", "0.1e", "123456789012345678901234567890" };
    for (unsigned i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        char *end;
        errno = 0;
        double v = strtod(ds[i], &end);
        printf("strtod(\"%s\") = %.17g used=%d erange=%d\n", ds[i], v, (int)(end - ds[i]), errno == ERANGE);
    }
    printf("atof(\"2.5e-3\")=%g strtof(\"0.1\")=%.9g\n", atof("2.5e-3"), (double)strtof("0.1", NULL));
    return 0;
}
