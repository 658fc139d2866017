/* Calls exit(3) from a nested function while stdout still holds buffered
   text: exit must run atexit handlers (in reverse order) and flush stdio. */
#include <stdio.h>
#include <stdlib.h>

static void bye1(void) { printf("atexit handler 1 (registered first, runs last)\n"); }
static void bye2(void) { printf("atexit handler 2\n"); fprintf(stderr, "stderr from handler 2\n"); }

static void deeper(int n)
{
    if (n < 0)
        return;
    if (n == 0) {
        printf("leaving from depth, partial line...");
        exit(3);
    }
    deeper(n - 1);
    printf("never printed\n");
}

int main(void)
{
    atexit(bye1);
    atexit(bye2);
    for (int i = 0; i < 150; i++)
        printf("buffered line %3d: %s\n", i, "the quick brown fox jumps over the lazy dog");
    fprintf(stderr, "stderr: unbuffered, printed before the stdout lines are flushed\n");
    deeper(5);
    return 0;
}
