/* Switch statements: a dense 64-case switch (jump table), a sparse switch
   (compare tree), and a character-class switch used by a small tokenizer. */
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static uint32_t dense(uint32_t op, uint32_t x)
{
    switch (op) {
    case 0: return x + 1;            case 1: return x - 1;
    case 2: return x * 3;            case 3: return x ^ 0x5a5a5a5au;
    case 4: return x << 1;           case 5: return x >> 1;
    case 6: return ~x;               case 7: return x + 0x1000;
    case 8: return x * 7 + 3;        case 9: return x | 0x10;
    case 10: return x & 0xfff0fff0u; case 11: return x + (x >> 16);
    case 12: return x - 12345;       case 13: return x * 13;
    case 14: return (x << 3) | (x >> 29); case 15: return x + 15;
    case 16: return x ^ (x << 7);    case 17: return x ^ (x >> 9);
    case 18: return x + 0xdead;      case 19: return x * 0x9e3779b9u;
    case 20: return x / 3;           case 21: return x % 1000;
    case 22: return x + 22;          case 23: return x - 23;
    case 24: return x ^ 24;          case 25: return x | 25;
    case 26: return x & ~26u;        case 27: return x * 27;
    case 28: return x + (x << 2);    case 29: return x - (x >> 3);
    case 30: return x ^ 0xffff;      case 31: return x + 31;
    case 32: return x * 5 + 1;       case 33: return x >> 4;
    case 34: return x << 4;          case 35: return x + 35000;
    case 36: return x ^ 0x36363636u; case 37: return x - 37;
    case 38: return x * 38;          case 39: return x | 0x390000;
    case 40: return x / 40;          case 41: return x % 41 + x;
    case 42: return x + 42;          case 43: return x ^ (x >> 3);
    case 44: return x - (x << 1);    case 45: return x * 45;
    case 46: return x + 0x46464646u; case 47: return x & 0x47474747u;
    case 48: return x | 0x48;        case 49: return x ^ 49;
    case 50: return x + 50;          case 51: return x * 51;
    case 52: return x - 52;          case 53: return (x >> 5) | (x << 27);
    case 54: return x + 54;          case 55: return x ^ 0x55555555u;
    case 56: return x * 56;          case 57: return x + 57;
    case 58: return x - 58;          case 59: return x / 59;
    case 60: return x + 60;          case 61: return x ^ 61;
    case 62: return x * 62;          case 63: return x + 63;
    default: return 0xffffffffu;
    }
}

__attribute__((noinline)) static int sparse(int32_t v)
{
    switch (v) {
    case -1000000: return 1;
    case -77: return 2;
    case 0: return 3;
    case 5: return 4;
    case 500: return 5;
    case 1024: return 6;
    case 65537: return 7;
    case 1000000: return 8;
    case 0x7fffffff: return 9;
    default: return 0;
    }
}

/* Classic fall-through case groups. */
__attribute__((noinline)) static int cls(int c)
{
    switch (c) {
    case ' ': case '\t': case '\n': case '\r': return 0;
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': return 1;
    case '+': case '-': case '*': case '/': case '%': return 2;
    case '(': case ')': return 3;
    case 'a': case 'b': case 'c': case 'd': case 'e': case 'f': case 'g':
    case 'h': case 'i': case 'j': case 'k': case 'l': case 'm': case 'n':
    case 'o': case 'p': case 'q': case 'r': case 's': case 't': case 'u':
    case 'v': case 'w': case 'x': case 'y': case 'z': case '_': return 4;
    default: return 5;
    }
}

int main(void)
{
    uint32_t x = 1, r = 2463534242u, hist[64] = { 0 };
    for (uint32_t i = 0; i < 20000; i++) {
        r ^= r << 13; r ^= r >> 17; r ^= r << 5;
        uint32_t op = r % 70;            /* ops 64..69 reach the default */
        if (op < 64) hist[op]++;
        x = dense(op, x + (r >> 16));
    }
    printf("dense: final x=%08x\n", x);
    for (int i = 0; i < 64; i += 8)
        printf("hist[%2d..%2d]: %u %u %u %u %u %u %u %u\n", i, i + 7,
               hist[i], hist[i + 1], hist[i + 2], hist[i + 3],
               hist[i + 4], hist[i + 5], hist[i + 6], hist[i + 7]);
    for (uint32_t op = 0; op < 66; op += 13)
        printf("dense(%u, 1000) = %u\n", op, dense(op, 1000));

    static const int32_t probes[] = { -1000000, -77, -76, 0, 5, 6, 500, 1024, 65537,
                                      1000000, 0x7fffffff, -0x7fffffff - 1, 4 };
    printf("sparse:");
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++)
        printf(" %d", sparse(probes[i]));
    printf("\n");

    const char *text = "sum_1 = (a1 + 42) * b_2 - 17 % x; # done\n\tz9 / (7-3)";
    int counts[6] = { 0 }, tokens = 0, prev = -1;
    for (const char *p = text; *p; p++) {
        int k = cls((unsigned char)*p);
        counts[k]++;
        if (k != 0 && (k != prev || k == 2 || k == 3 || k == 5)) tokens++;
        prev = k;
    }
    printf("classes: space=%d digit=%d op=%d paren=%d ident=%d other=%d tokens=%d\n",
           counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], tokens);
    return 0;
}
