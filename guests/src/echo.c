/* Prints its arguments (not argv[0], which depends on how it was started),
   one per line with index and length, then a checksum of all of them. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

int main(int argc, char **argv)
{
    uint32_t h = 2166136261u;
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) {
        size_t n = strlen(argv[i]);
        printf("argv[%d] (%u bytes) = [%s]\n", i, (unsigned)n, argv[i]);
        for (size_t k = 0; k <= n; k++) h = (h ^ (uint8_t)argv[i][k]) * 16777619u;
    }
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    for (int i = 1; i < argc; i++) printf("%s%s", argv[i], i + 1 < argc ? " " : "\n");
    printf("hash=%08x\n", h);
    fprintf(stderr, "echo: %d arguments\n", argc - 1);
    return 0;
}
