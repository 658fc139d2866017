/* N-queens: count solutions for N = 1..10 with bitmasks, recount N <= 8
   with an array-based checker, and print the first solution for N = 8. */
#include <stdio.h>
#include <stdint.h>

static uint32_t count_bits(int n, uint32_t cols, uint32_t d1, uint32_t d2)
{
    uint32_t full = (1u << n) - 1;
    if (cols == full) return 1;
    uint32_t total = 0, avail = full & ~(cols | d1 | d2);
    while (avail) {
        uint32_t bit = avail & (0u - avail);
        avail ^= bit;
        total += count_bits(n, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
    }
    return total;
}

static int pos[16];
static int safe(int row, int col)
{
    for (int r = 0; r < row; r++) {
        int c = pos[r];
        if (c == col || c - col == r - row || c - col == row - r) return 0;
    }
    return 1;
}
static uint32_t count_array(int n, int row, int *first_found)
{
    if (row == n) {
        if (!*first_found) {
            *first_found = 1;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) putchar(pos[r] == c ? 'Q' : '.');
                putchar('\n');
            }
        }
        return 1;
    }
    uint32_t t = 0;
    for (int c = 0; c < n; c++)
        if (safe(row, c)) { pos[row] = c; t += count_array(n, row + 1, first_found); }
    return t;
}

int main(void)
{
    for (int n = 1; n <= 10; n++)
        printf("N=%2d solutions=%u\n", n, count_bits(n, 0, 0, 0));
    int done = 1;
    for (int n = 4; n <= 7; n++) {
        done = 1;
        printf("array check N=%d: %u\n", n, count_array(n, 0, &done));
    }
    done = 0;
    printf("first solution for N=8:\n");
    uint32_t c8 = count_array(8, 0, &done);
    printf("array check N=8: %u\n", c8);
    return 0;
}
