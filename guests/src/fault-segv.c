/* Writes through a pointer to address 16 (unmapped page zero): the process
   is killed by SIGSEGV. Output before the fault is flushed explicitly. */
#include <stdio.h>
#include <stdint.h>

int main(void)
{
    printf("about to write to address 16\n");
    fflush(stdout);
    volatile uintptr_t addr = 16;   /* volatile: keep the compiler from reasoning about it */
    volatile uint32_t *p = (volatile uint32_t *)addr;
    *p = 0xdeadbeefu;
    printf("still alive?\n");
    return 0;
}
