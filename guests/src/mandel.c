/* ASCII Mandelbrot set computed with doubles; prints the picture and the
   total iteration count. */
#include <stdio.h>

int main(void)
{
    const char *shade = " .:-=+*#%@";
    const int W = 72, H = 28, MAXIT = 80;
    unsigned long total = 0;
    unsigned inside = 0;
    for (int y = 0; y < H; y++) {
        double ci = -1.2 + 2.4 * y / (H - 1);
        char line[80];
        for (int x = 0; x < W; x++) {
            double cr = -2.1 + 2.8 * x / (W - 1);
            double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
            int it = 0;
            while (it < MAXIT && zr2 + zi2 <= 4.0) {
                zi = 2.0 * zr * zi + ci;
                zr = zr2 - zi2 + cr;
                zr2 = zr * zr;
                zi2 = zi * zi;
                it++;
            }
            total += (unsigned long)it;
            if (it == MAXIT) { inside++; line[x] = '@'; }
            else line[x] = shade[it % 9];
        }
        line[W] = 0;
        printf("%s\n", line);
    }
    printf("iterations=%lu inside=%u\n", total, inside);
    return 0;
}
