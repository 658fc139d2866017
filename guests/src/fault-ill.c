/* Executes an instruction word whose major opcode (0x3f) is unassigned in
   PA-RISC 1.1: the process is killed by SIGILL. (The all-zero word would not
   do: on PA-RISC it encodes BREAK 0,0, which raises SIGTRAP.) */
#include <stdio.h>

int main(void)
{
    printf("about to execute an illegal instruction\n");
    fflush(stdout);
    __asm__ volatile(".word 0xfc000000");
    printf("still alive?\n");
    return 0;
}
