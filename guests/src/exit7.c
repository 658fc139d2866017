/* Returns 7 from main after writing to both stdout and stderr. */
#include <stdio.h>

int main(void)
{
    printf("stdout: about to return 7\n");
    fprintf(stderr, "stderr: about to return 7\n");
    printf("stdout: second line without newline");
    return 7;
}
