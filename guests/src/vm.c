/* A small stack-based bytecode virtual machine with two dispatch loops
   (switch and computed goto), running a few bytecode programs: factorial,
   Fibonacci, gcd, a prime count and nested loops with calls. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

enum {
    OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_SWAP, OP_OVER,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_NEG,
    OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ,
    OP_LOAD, OP_STORE, OP_CALL, OP_RET, OP_PRINT, OP_NOP
};

static const char *opname[] = { "halt", "push", "pop", "dup", "swap", "over", "add", "sub", "mul",
                                "div", "mod", "neg", "lt", "eq", "jmp", "jz", "jnz", "load",
                                "store", "call", "ret", "print", "nop" };

typedef struct { int32_t stack[256]; int sp; int32_t vars[16]; int rstack[64]; int rsp;
                 unsigned long steps; uint32_t outhash; int outs; } vmstate;

static void out(vmstate *v, int32_t x, int echo)
{
    v->outhash = v->outhash * 31u + (uint32_t)x;
    v->outs++;
    if (echo) printf(" %d", x);
}

#define W(x) ((int32_t)((uint32_t)(x)))
static int run_switch(const int32_t *code, vmstate *v, int echo)
{
    int pc = 0;
    for (;;) {
        v->steps++;
        int32_t op = code[pc++], t;
        switch (op) {
        case OP_HALT: return 0;
        case OP_PUSH: v->stack[v->sp++] = code[pc++]; break;
        case OP_POP: v->sp--; break;
        case OP_DUP: v->stack[v->sp] = v->stack[v->sp - 1]; v->sp++; break;
        case OP_SWAP: t = v->stack[v->sp - 1]; v->stack[v->sp - 1] = v->stack[v->sp - 2]; v->stack[v->sp - 2] = t; break;
        case OP_OVER: v->stack[v->sp] = v->stack[v->sp - 2]; v->sp++; break;
        case OP_ADD: v->sp--; v->stack[v->sp - 1] = W((uint32_t)v->stack[v->sp - 1] + (uint32_t)v->stack[v->sp]); break;
        case OP_SUB: v->sp--; v->stack[v->sp - 1] = W((uint32_t)v->stack[v->sp - 1] - (uint32_t)v->stack[v->sp]); break;
        case OP_MUL: v->sp--; v->stack[v->sp - 1] = W((uint32_t)v->stack[v->sp - 1] * (uint32_t)v->stack[v->sp]); break;
        case OP_DIV: v->sp--; if (!v->stack[v->sp]) return -1; v->stack[v->sp - 1] /= v->stack[v->sp]; break;
        case OP_MOD: v->sp--; if (!v->stack[v->sp]) return -1; v->stack[v->sp - 1] %= v->stack[v->sp]; break;
        case OP_NEG: v->stack[v->sp - 1] = W(0u - (uint32_t)v->stack[v->sp - 1]); break;
        case OP_LT: v->sp--; v->stack[v->sp - 1] = v->stack[v->sp - 1] < v->stack[v->sp]; break;
        case OP_EQ: v->sp--; v->stack[v->sp - 1] = v->stack[v->sp - 1] == v->stack[v->sp]; break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: pc = v->stack[--v->sp] ? pc + 1 : code[pc]; break;
        case OP_JNZ: pc = v->stack[--v->sp] ? code[pc] : pc + 1; break;
        case OP_LOAD: v->stack[v->sp++] = v->vars[code[pc++]]; break;
        case OP_STORE: v->vars[code[pc++]] = v->stack[--v->sp]; break;
        case OP_CALL: v->rstack[v->rsp++] = pc + 1; pc = code[pc]; break;
        case OP_RET: pc = v->rstack[--v->rsp]; break;
        case OP_PRINT: out(v, v->stack[--v->sp], echo); break;
        case OP_NOP: break;
        default: printf("bad opcode %d\n", op); return -2;
        }
    }
}

static int run_goto(const int32_t *code, vmstate *v, int echo)
{
    static void *const labels[] = { &&l_halt, &&l_push, &&l_pop, &&l_dup, &&l_swap, &&l_over,
        &&l_add, &&l_sub, &&l_mul, &&l_div, &&l_mod, &&l_neg, &&l_lt, &&l_eq, &&l_jmp, &&l_jz,
        &&l_jnz, &&l_load, &&l_store, &&l_call, &&l_ret, &&l_print, &&l_nop };
    int pc = 0;
    int32_t t;
#define NEXT do { v->steps++; goto *labels[code[pc++]]; } while (0)
    NEXT;
l_halt: return 0;
l_push: v->stack[v->sp++] = code[pc++]; NEXT;
l_pop: v->sp--; NEXT;
l_dup: v->stack[v->sp] = v->stack[v->sp - 1]; v->sp++; NEXT;
l_swap: t = v->stack[v->sp - 1]; v->stack[v->sp - 1] = v->stack[v->sp - 2]; v->stack[v->sp - 2] = t; NEXT;
l_over: v->stack[v->sp] = v->stack[v->sp - 2]; v->sp++; NEXT;
l_add: v->sp--; v->stack[v->sp - 1] = W((uint32_t)v->stack[v->sp - 1] + (uint32_t)v->stack[v->sp]); NEXT;
l_sub: v->sp--; v->stack[v->sp - 1] = W((uint32_t)v->stack[v->sp - 1] - (uint32_t)v->stack[v->sp]); NEXT;
l_mul: v->sp--; v->stack[v->sp - 1] = W((uint32_t)v->stack[v->sp - 1] * (uint32_t)v->stack[v->sp]); NEXT;
l_div: v->sp--; if (!v->stack[v->sp]) return -1; v->stack[v->sp - 1] /= v->stack[v->sp]; NEXT;
l_mod: v->sp--; if (!v->stack[v->sp]) return -1; v->stack[v->sp - 1] %= v->stack[v->sp]; NEXT;
l_neg: v->stack[v->sp - 1] = W(0u - (uint32_t)v->stack[v->sp - 1]); NEXT;
l_lt: v->sp--; v->stack[v->sp - 1] = v->stack[v->sp - 1] < v->stack[v->sp]; NEXT;
l_eq: v->sp--; v->stack[v->sp - 1] = v->stack[v->sp - 1] == v->stack[v->sp]; NEXT;
l_jmp: pc = code[pc]; NEXT;
l_jz: pc = v->stack[--v->sp] ? pc + 1 : code[pc]; NEXT;
l_jnz: pc = v->stack[--v->sp] ? code[pc] : pc + 1; NEXT;
l_load: v->stack[v->sp++] = v->vars[code[pc++]]; NEXT;
l_store: v->vars[code[pc++]] = v->stack[--v->sp]; NEXT;
l_call: v->rstack[v->rsp++] = pc + 1; pc = code[pc]; NEXT;
l_ret: pc = v->rstack[--v->rsp]; NEXT;
l_print: out(v, v->stack[--v->sp], echo); NEXT;
l_nop: NEXT;
#undef NEXT
}

/* factorials 1..12: v0 = n, v1 = acc */
static const int32_t prog_fact[] = {
    OP_PUSH, 1, OP_STORE, 0,                         /* 0: n = 1 */
    OP_PUSH, 1, OP_STORE, 1,                         /* 4: acc = 1 */
    OP_LOAD, 1, OP_LOAD, 0, OP_MUL, OP_DUP, OP_PRINT, OP_STORE, 1,   /* 8 */
    OP_LOAD, 0, OP_PUSH, 1, OP_ADD, OP_DUP, OP_STORE, 0,             /* 17 */
    OP_PUSH, 13, OP_LT, OP_JNZ, 8,                                    /* 25 */
    OP_HALT
};

/* Fibonacci numbers below 1000000, with a subroutine doing the step */
static const int32_t prog_fib[] = {
    OP_PUSH, 0, OP_PUSH, 1,                          /* 0 */
    OP_OVER, OP_PRINT,                               /* 4: print a */
    OP_CALL, 17,                                     /* 6 */
    OP_OVER, OP_PUSH, 1000000, OP_LT, OP_JNZ, 4,     /* 8: loop while a < 1e6 */
    OP_HALT, OP_NOP, OP_NOP,                         /* 14 */
    OP_DUP, OP_STORE, 2, OP_ADD, OP_LOAD, 2, OP_SWAP, OP_RET   /* 17: (a b) -> (b a+b) */
};

/* gcd of pairs by repeated mod, printing each gcd */
static const int32_t prog_gcd[] = {
    OP_PUSH, 1071, OP_PUSH, 462, OP_CALL, 20,         /* 0 */
    OP_PUSH, 832040, OP_PUSH, 514229, OP_CALL, 20,    /* 6 */
    OP_PUSH, 360360, OP_PUSH, 1234, OP_CALL, 20, OP_HALT, OP_NOP,   /* 12 */
    OP_DUP, OP_JZ, 30, OP_SWAP, OP_OVER, OP_MOD, OP_JMP, 20, OP_NOP, OP_NOP,   /* 20 */
    OP_POP, OP_PRINT, OP_RET                                        /* 30 */
};

/* count primes below 600 by trial division; v0 = n, v1 = d, v2 = count */
static const int32_t prog_primes[] = {
    OP_PUSH, 2, OP_STORE, 0, OP_PUSH, 0, OP_STORE, 2,                       /* 0 */
    OP_PUSH, 2, OP_STORE, 1,                                                  /* 8: d = 2 */
    OP_LOAD, 1, OP_LOAD, 1, OP_MUL, OP_LOAD, 0, OP_SWAP, OP_LT, OP_JNZ, 40,  /* 12: if n < d*d -> prime */
    OP_LOAD, 0, OP_LOAD, 1, OP_MOD, OP_JZ, 48,                               /* 23: divisible -> next n */
    OP_LOAD, 1, OP_PUSH, 1, OP_ADD, OP_STORE, 1, OP_JMP, 12, OP_NOP,         /* 30 */
    OP_LOAD, 2, OP_PUSH, 1, OP_ADD, OP_STORE, 2, OP_NOP,                     /* 40: count++ */
    OP_LOAD, 0, OP_PUSH, 1, OP_ADD, OP_DUP, OP_STORE, 0,                     /* 48: n++ */
    OP_PUSH, 600, OP_LT, OP_JNZ, 8,                                           /* 56 */
    OP_LOAD, 2, OP_PRINT, OP_HALT                                             /* 61 */
};

/* nested loops: sum over i<30, j<30 of (i*j) % 7, minus i, printed once */
static const int32_t prog_nested[] = {
    OP_PUSH, 0, OP_STORE, 0, OP_PUSH, 0, OP_STORE, 2,                  /* 0 */
    OP_PUSH, 0, OP_STORE, 1,                                            /* 8 */
    OP_LOAD, 2, OP_LOAD, 0, OP_LOAD, 1, OP_MUL, OP_PUSH, 7, OP_MOD, OP_ADD,
    OP_LOAD, 0, OP_SUB, OP_STORE, 2,                                    /* 12 */
    OP_LOAD, 1, OP_PUSH, 1, OP_ADD, OP_DUP, OP_STORE, 1, OP_PUSH, 30, OP_LT, OP_JNZ, 12,   /* 28 */
    OP_LOAD, 0, OP_PUSH, 1, OP_ADD, OP_DUP, OP_STORE, 0, OP_PUSH, 30, OP_LT, OP_JNZ, 8,    /* 41 */
    OP_LOAD, 2, OP_PRINT, OP_LOAD, 2, OP_NEG, OP_PUSH, -3, OP_DIV, OP_PRINT, OP_HALT        /* 54 */
};

/* divide by zero must stop the machine with an error */
static const int32_t prog_divzero[] = { OP_PUSH, 5, OP_PUSH, 0, OP_DIV, OP_PRINT, OP_HALT };

int main(void)
{
    struct { const char *name; const int32_t *code; unsigned len; } progs[] = {
        { "fact", prog_fact, sizeof prog_fact / 4 }, { "fib", prog_fib, sizeof prog_fib / 4 },
        { "gcd", prog_gcd, sizeof prog_gcd / 4 }, { "primes", prog_primes, sizeof prog_primes / 4 },
        { "nested", prog_nested, sizeof prog_nested / 4 }, { "divzero", prog_divzero, sizeof prog_divzero / 4 },
    };
    for (unsigned i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        vmstate a, b;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        printf("%s:", progs[i].name);
        int ra = run_switch(progs[i].code, &a, 1);
        int rb = run_goto(progs[i].code, &b, 0);
        printf("\n  status=%d steps=%lu outputs=%d hash=%08x; goto dispatch %s\n", ra, a.steps, a.outs,
               a.outhash, (ra == rb && a.steps == b.steps && a.outhash == b.outhash && a.sp == b.sp) ? "agrees" : "DIFFERS");
    }
    /* opcode histogram of all programs (static) */
    unsigned hist[OP_NOP + 1] = { 0 };
    for (unsigned i = 0; i < sizeof progs / sizeof progs[0]; i++)
        for (unsigned pc = 0; pc < progs[i].len; pc++) {
            int32_t op = progs[i].code[pc];
            hist[op]++;
            if (op == OP_PUSH || op == OP_JMP || op == OP_JZ || op == OP_JNZ || op == OP_LOAD ||
                op == OP_STORE || op == OP_CALL) pc++;
        }
    for (int op = 0; op <= OP_NOP; op++) if (hist[op]) printf("%s=%u ", opname[op], hist[op]);
    printf("\n");
    return 0;
}
