/* Conway's Game of Life on a 48x20 torus seeded from a fixed xorshift
   state, plus a glider whose displacement is checked after 40 steps. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define W 48
#define H 20

static uint8_t g[H][W], nx[H][W];

static void step(void)
{
    for (int y = 0; y < H; y++) {
        int ym = (y + H - 1) % H, yp = (y + 1) % H;
        for (int x = 0; x < W; x++) {
            int xm = (x + W - 1) % W, xp = (x + 1) % W;
            int n = g[ym][xm] + g[ym][x] + g[ym][xp] + g[y][xm] + g[y][xp] + g[yp][xm] + g[yp][x] + g[yp][xp];
            nx[y][x] = (uint8_t)(n == 3 || (n == 2 && g[y][x]));
        }
    }
    memcpy(g, nx, sizeof g);
}

static unsigned population(void)
{
    unsigned p = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) p += g[y][x];
    return p;
}

static uint32_t grid_hash(void)
{
    uint32_t h = 2166136261u;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) h = (h ^ g[y][x]) * 16777619u;
    return h;
}

static void show(void)
{
    for (int y = 0; y < H; y++) {
        char line[W + 1];
        for (int x = 0; x < W; x++) line[x] = g[y][x] ? '#' : '.';
        line[W] = 0;
        printf("%s\n", line);
    }
}

int main(void)
{
    uint32_t s = 0xC0FFEEu;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            g[y][x] = (s % 100u) < 35u;
        }
    printf("gen 0: population %u hash %08x\n", population(), grid_hash());
    for (int gen = 1; gen <= 40; gen++) {
        step();
        if (gen % 10 == 0) printf("gen %d: population %u hash %08x\n", gen, population(), grid_hash());
    }
    show();

    memset(g, 0, sizeof g);
    g[1][2] = g[2][3] = g[3][1] = g[3][2] = g[3][3] = 1;   /* glider heading down-right */
    uint32_t before = grid_hash();
    for (int i = 0; i < 40; i++) step();
    /* after 4k steps a glider moves k cells diagonally: compare with a shifted copy */
    uint8_t moved[H][W];
    memcpy(moved, g, sizeof g);
    memset(g, 0, sizeof g);
    g[11][12] = g[12][13] = g[13][11] = g[13][12] = g[13][13] = 1;
    printf("glider: population %u, moved by (10,10): %s, start hash %08x\n", population(),
           memcmp(moved, g, sizeof g) == 0 ? "yes" : "no", before);
    return 0;
}
