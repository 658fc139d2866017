/*
 * The hbft guest kernel: a small preemptive kernel for the emulated PA-RISC 1.1 machine
 * in system mode (privilege 0, translation off). It owns the interruption handlers, an
 * interval-timer tick, round-robin scheduling of its tasks, drivers for the console,
 * clock and block device, and the workloads chosen on the boot argument string:
 *
 *   workload=cpu|disk-write|disk-read|kv|echo|bad-io|bad-dma  iterations=N  seed=N  warmup=N
 *
 * The disk and network drivers repeat the pending operation when the device reports UNCERTAIN
 * (the operation may or may not have happened), so every device operation must be idempotent.
 * Register maps: see the Javadoc of org.hbft.machine.device in the emulator.
 */
#include <stdint.h>
#include <stddef.h>

/* ---------------------------------------------------------------- machine interface */

#define IO_BASE        0xF0000000u
#define REG(dev, off)  (*(volatile uint32_t *)(IO_BASE + (dev) * 0x1000u + (off)))

#define SYSCTL 0
#define SYS_POWEROFF   0x00
#define SYS_MEMSIZE    0x04
#define SYS_IDLE       0x08

#define CONSOLE 1
#define CON_TX         0x00
#define CON_RXCOUNT    0x04
#define CON_RXDATA     0x08

#define CLOCK 2
#define CLK_SECONDS    0x00
#define CLK_MICROS     0x04

#define DISK 3
#define DSK_CMD        0x00
#define DSK_BLOCK      0x04
#define DSK_COUNT      0x08
#define DSK_ADDR       0x0C
#define DSK_STATUS     0x10
#define DSK_CAPACITY   0x14
#define DSK_BLOCKSIZE  0x18
#define DSK_ACK        0x1C
#define CMD_READ  1
#define CMD_WRITE 2
#define ST_IDLE 0
#define ST_BUSY 1
#define ST_OK 2
#define ST_ERROR 3
#define ST_UNCERTAIN 4

#define NET 4
#define NET_TX_ADDR    0x00
#define NET_TX_LEN     0x04
#define NET_TX_CMD     0x08
#define NET_TX_STATUS  0x0C
#define NET_RX_ADDR    0x10
#define NET_RX_SIZE    0x14
#define NET_RX_CMD     0x18
#define NET_RX_STATUS  0x1C
#define NET_RX_LEN     0x20
#define NET_ACK        0x24
#define ST_ARMED 1

/* External interrupt lines, as EIRR/EIEM masks (PA-RISC bit 0 is the most significant). */
#define IRQ_TIMER   0x80000000u
#define IRQ_CONSOLE 0x40000000u
#define IRQ_DISK    0x20000000u
#define IRQ_NET     0x10000000u

#define PSW_I 0x1u
#define PSW_Q 0x8u

#define TICK 50000u  /* instructions between timer interrupts */

#define mfctl(reg) ({ uint32_t v_; __asm__ volatile("mfctl %%cr" #reg ",%0" : "=r"(v_)); v_; })
#define mtctl(v, reg) __asm__ volatile("mtctl %0,%%cr" #reg : : "r"(v) : "memory")

struct frame {
    uint32_t r[32];
    uint32_t sar, ipsw, pc[2], sq[2], iir, isr, ior;
};

extern void syscall(int number, volatile int *arg);
extern void resume_current(void) __attribute__((noreturn));
extern char ivt[];

/* ---------------------------------------------------------------- library bits */

void *memset(void *d, int c, size_t n) {
    unsigned char *p = d;
    while (n--) *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n) {
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) *p++ = *q++;
    return d;
}

static int streq(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

static void putc_(char c) { REG(CONSOLE, CON_TX) = (uint8_t)c; }

static void puts_(const char *s) { while (*s) putc_(*s++); }

static void putu(uint32_t v) {
    char buf[11];
    int i = 0;
    do { buf[i++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (i) putc_(buf[--i]);
}

static void putx(uint32_t v) {
    puts_("0x");
    for (int i = 28; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]);
}

static __attribute__((noreturn)) void poweroff(uint32_t status) {
    REG(SYSCTL, SYS_POWEROFF) = status;
    for (;;) ;
}

static uint32_t xorshift(uint32_t *s) {
    uint32_t x = *s;
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    return *s = x;
}

/* Time of day in microseconds (low 32 bits): an environment value. */
static uint32_t clock_micros(void) {
    uint32_t sec = REG(CLOCK, CLK_SECONDS);
    return sec * 1000000u + REG(CLOCK, CLK_MICROS);
}

/* ---------------------------------------------------------------- tasks and scheduling */

enum { READY, BLOCKED, DEAD };
enum { SYS_YIELD = 1, SYS_WAIT = 2, SYS_EXIT = 3 };

struct task {
    struct frame f;
    int state;
    volatile int *wait;
    const char *name;
};

#define NTASKS 3
#define STACK_WORDS 4096
static struct task tasks[NTASKS];
static uint32_t stacks[NTASKS][STACK_WORDS] __attribute__((aligned(64)));
static int current;
struct frame *cur_frame;

static volatile uint32_t ticks, switches, next_tick;
static volatile uint32_t background_work;

static uint32_t code_address(void (*fn)(void)) {
    uint32_t a = (uint32_t)fn;
    if (a & 2) a = *(uint32_t *)(a & ~3u); /* a plabel: the descriptor holds the address */
    return a & ~3u;
}

static void task_exit(void) {
    syscall(SYS_EXIT, 0);
    for (;;) ;
}

static void task_create(int i, const char *name, void (*fn)(void)) {
    struct task *t = &tasks[i];
    uint32_t gp;
    __asm__("copy %%r27,%0" : "=r"(gp));
    memset(t, 0, sizeof *t);
    t->name = name;
    t->state = READY;
    t->f.r[2] = code_address(task_exit);
    t->f.r[27] = gp;
    t->f.r[30] = (uint32_t)&stacks[i][16]; /* the stack grows upward, above a frame marker */
    t->f.pc[0] = code_address(fn);
    t->f.pc[1] = t->f.pc[0] + 4;
    t->f.ipsw = PSW_Q | PSW_I;
}

/* Round robin over the READY tasks; task 0 (idle) runs only when nothing else can. */
static void schedule(void) {
    int next = 0;
    for (int k = 1; k <= NTASKS; k++) {
        int i = (current + k) % NTASKS;
        if (i != 0 && tasks[i].state == READY) { next = i; break; }
    }
    if (next != current) switches++;
    current = next;
    cur_frame = &tasks[next].f;
}

/* Makes the tasks waiting on chan READY; returns how many there were. */
static int wakeup(volatile int *chan) {
    int n = 0;
    for (int i = 0; i < NTASKS; i++)
        if (tasks[i].state == BLOCKED && tasks[i].wait == chan) { tasks[i].state = READY; n++; }
    return n;
}

/* ---------------------------------------------------------------- device drivers */

static volatile int disk_done;
static volatile uint32_t disk_status;
static uint32_t disk_retries, disk_ops;

static volatile int console_input;
static volatile uint8_t con_ring[256];
static volatile uint32_t con_head, con_tail; /* bytes [con_tail, con_head) are unread */

/* Moves received bytes from the device into the ring; a full ring drops them. */
static void console_interrupt(void) {
    while (REG(CONSOLE, CON_RXCOUNT) != 0) {
        uint32_t b = REG(CONSOLE, CON_RXDATA);
        if (con_head - con_tail < sizeof con_ring) con_ring[con_head++ % sizeof con_ring] = (uint8_t)b;
    }
    console_input = 1;
}

/* The next byte typed on the console, waiting for it if need be. */
static int console_getc(void) {
    while (con_head == con_tail) {
        console_input = 0;
        if (con_head == con_tail) syscall(SYS_WAIT, &console_input);
    }
    return con_ring[con_tail++ % sizeof con_ring];
}

static int disk_interrupt(void) {
    disk_status = REG(DISK, DSK_STATUS);
    REG(DISK, DSK_ACK) = 1;
    disk_done = 1;
    return wakeup(&disk_done);
}

/*
 * One block operation, waiting for its completion interrupt. An UNCERTAIN completion means
 * the device may or may not have done it: the driver issues the same operation again.
 */
static int disk_io(int cmd, uint32_t block, void *buf, uint32_t count) {
    for (;;) {
        disk_done = 0;
        REG(DISK, DSK_BLOCK) = block;
        REG(DISK, DSK_COUNT) = count;
        REG(DISK, DSK_ADDR) = (uint32_t)buf;
        REG(DISK, DSK_CMD) = (uint32_t)cmd;
        disk_ops++;
        while (!disk_done) syscall(SYS_WAIT, &disk_done);
        if (disk_status == ST_OK) return 0;
        if (disk_status != ST_UNCERTAIN) return -1;
        disk_retries++;
    }
}

static volatile int net_tx_done, net_rx_done;
static volatile uint32_t net_tx_status;
static uint32_t net_retries;

static int net_interrupt(void) {
    int woken = 0;
    uint32_t tx = REG(NET, NET_TX_STATUS);
    if (tx >= ST_OK) {
        net_tx_status = tx;
        REG(NET, NET_ACK) = 1;
        net_tx_done = 1;
        woken += wakeup(&net_tx_done);
    }
    uint32_t rx = REG(NET, NET_RX_STATUS);
    if (rx == ST_OK || rx == ST_ERROR) {
        net_rx_done = 1;
        woken += wakeup(&net_rx_done);
    }
    return woken;
}

/* Sends one frame; an UNCERTAIN completion means it may not have gone out, so send it again. */
static int net_send(const void *frame, uint32_t len) {
    for (;;) {
        net_tx_done = 0;
        REG(NET, NET_TX_ADDR) = (uint32_t)frame;
        REG(NET, NET_TX_LEN) = len;
        REG(NET, NET_TX_CMD) = 1;
        while (!net_tx_done) syscall(SYS_WAIT, &net_tx_done);
        if (net_tx_status == ST_OK) return 0;
        if (net_tx_status != ST_UNCERTAIN) return -1;
        net_retries++;
    }
}

/* Waits for the next frame; returns its length, or -1 if it did not fit the buffer. */
static int net_recv(void *buf, uint32_t size) {
    net_rx_done = 0;
    REG(NET, NET_RX_ADDR) = (uint32_t)buf;
    REG(NET, NET_RX_SIZE) = size;
    REG(NET, NET_RX_CMD) = 1;
    uint32_t st;
    while ((st = REG(NET, NET_RX_STATUS)) == ST_ARMED) {
        while (!net_rx_done) syscall(SYS_WAIT, &net_rx_done);
        net_rx_done = 0;
    }
    int len = (int)REG(NET, NET_RX_LEN);
    REG(NET, NET_ACK) = 2;
    return st == ST_OK ? len : -1;
}

/* ---------------------------------------------------------------- interruptions */

static const char *trap_name(int n) {
    switch (n) {
    case 8: return "illegal instruction";
    case 10: return "privileged operation";
    case 15: return "data TLB miss";
    case 18: return "data memory protection";
    case 28: return "unaligned data reference";
    default: return "interruption";
    }
}

void trap(struct frame *f, int num) {
    if (num == 4) {
        uint32_t pending = mfctl(23) & mfctl(15);
        int resched = 0;
        mtctl(pending, 23); /* writing ones clears the requests being handled */
        if (pending & IRQ_TIMER) {
            ticks++;
            uint32_t now = mfctl(16);
            next_tick += TICK;
            if ((int32_t)(next_tick - now) <= 0) next_tick = now + TICK;
            mtctl(next_tick, 16);
            resched = 1; /* the time slice is over */
        }
        /* A task woken by I/O runs at once: the I/O benchmark measures completion latency. */
        if ((pending & IRQ_DISK) && disk_interrupt()) resched = 1;
        if ((pending & IRQ_NET) && net_interrupt()) resched = 1;
        if (pending & IRQ_CONSOLE) { console_interrupt(); if (wakeup(&console_input)) resched = 1; }
        if (resched || current == 0) schedule();
        return;
    }
    if (num == 9) {
        /* break: a system call; resume after the break instruction */
        f->pc[0] = f->pc[1];
        f->pc[1] += 4;
        switch (f->r[26]) {
        case SYS_WAIT: {
            volatile int *chan = (volatile int *)f->r[25];
            if (!*chan) { tasks[current].state = BLOCKED; tasks[current].wait = chan; }
            break;
        }
        case SYS_EXIT:
            tasks[current].state = DEAD;
            break;
        default:
            break;
        }
        schedule();
        return;
    }
    puts_("kernel: ");
    puts_(trap_name(num));
    puts_(" (interruption ");
    putu((uint32_t)num);
    puts_(") in task ");
    puts_(tasks[current].name);
    puts_(" at pc ");
    putx(f->pc[0]);
    puts_(", address ");
    putx(f->ior);
    puts_("\n");
    poweroff(128 + (uint32_t)num);
}

/* ---------------------------------------------------------------- workloads */

static uint32_t iterations;
/* cpu and disk workloads: runs done before the timed ones (a host's JIT compilers warm up). */
static uint32_t warmup;
static uint32_t seed = 1;
static const char *workload = "cpu";

/* A Dhrystone-like mix: records, string copies and compares, calls, integer arithmetic. */
struct record { struct record *next; int kind; int value; char text[32]; };
static struct record rec_a, rec_b;
static char str_1[32], str_2[32];
static int array_1[50], array_2[50][50];

static void copy_str(char *d, const char *s) { while ((*d++ = *s++)) ; }

static int compare_str(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return *a - *b;
}

static int proc_7(int a, int b) { return a + b + 2; }

static void proc_8(int *a1, int (*a2)[50], int x, int y) {
    int loc = x + 5;
    a1[loc] = y;
    a1[loc + 1] = a1[loc];
    a1[loc + 30] = loc;
    for (int i = loc; i <= loc + 1; i++) a2[loc][i] = loc;
    a2[loc][loc - 1] += 1;
    a2[loc + 20][loc] = a1[loc];
}

static void proc_1(struct record *r) {
    struct record *n = r->next;
    *n = *r;
    r->value = 5;
    n->value = r->value;
    n->next = r->next;
    if (n->kind == 0) { n->value = proc_7(n->value, 10); n->kind = 1; }
    else *r = *n;
}

static uint32_t dhrystone(uint32_t runs) {
    uint32_t sum = 0;
    rec_a.next = &rec_b;
    rec_a.kind = 0;
    rec_a.value = 40;
    copy_str(rec_a.text, "DHRYSTONE PROGRAM, SOME STRING");
    copy_str(str_1, "DHRYSTONE PROGRAM, 1'ST STRING");
    for (uint32_t run = 1; run <= runs; run++) {
        int i1 = 2, i2 = 3, i3;
        copy_str(str_2, "DHRYSTONE PROGRAM, 2'ND STRING");
        int bool_glob = compare_str(str_1, str_2) < 0;
        while (i1 < i2) {
            i3 = 5 * i1 - i2;
            i3 = proc_7(i1, i3);
            i1++;
        }
        proc_8(array_1, array_2, i1, (int)i3);
        rec_a.kind = (int)(run & 1);
        proc_1(&rec_a);
        for (char c = 'A'; c <= 'C'; c++) if (c == 'C') i2 = (int)run;
        i2 = i2 * i1;
        i1 = i2 / i3;
        i2 = 7 * (i2 - i3) - i1;
        sum += (uint32_t)(i1 + i2 + i3 + bool_glob + rec_b.value) ^ (uint32_t)array_2[8][7];
        sum = (sum << 1) | (sum >> 31);
    }
    return sum;
}

static void put_warmup(void) {
    if (warmup) {
        puts_(" after ");
        putu(warmup);
        puts_(" warm-up");
    }
}

static void cpu_workload(void) {
    uint32_t runs = iterations ? iterations : 20000;
    if (warmup) dhrystone(warmup);
    uint32_t t0 = clock_micros(), c0 = mfctl(16);
    uint32_t sum = dhrystone(runs);
    uint32_t c1 = mfctl(16), t1 = clock_micros();
    puts_("cpu: ");
    putu(runs);
    puts_(" runs");
    put_warmup();
    puts_(", checksum ");
    putx(sum);
    puts_(", ");
    putu(c1 - c0);
    puts_(" instructions, ");
    putu(t1 - t0);
    puts_(" us\n");
}

#define BLOCK_BYTES 4096
static uint8_t io_buf[BLOCK_BYTES] __attribute__((aligned(64)));

/* The paper's I/O benchmark: random blocks of the whole disk, one at a time. */
static uint32_t disk_workload(int write) {
    uint32_t runs = iterations ? iterations : 2048;
    uint32_t capacity = REG(DISK, DSK_CAPACITY);
    uint32_t state = seed ? seed : 1, sum = 0, errors = 0;
    if (capacity == 0 || REG(DISK, DSK_BLOCKSIZE) != BLOCK_BYTES) {
        puts_("disk: no usable disk attached\n");
        return 1;
    }
    uint32_t t0 = 0;
    for (uint32_t i = 0; i < warmup + runs; i++) {
        if (i == warmup) t0 = clock_micros();
        uint32_t block = xorshift(&state) % capacity;
        if (write) {
            uint32_t *w = (uint32_t *)io_buf;
            for (int k = 0; k < BLOCK_BYTES / 4; k++) w[k] = block * 2654435761u + (uint32_t)k;
            w[0] = block;
        }
        if (disk_io(write ? CMD_WRITE : CMD_READ, block, io_buf, 1) != 0) {
            errors++;
            continue;
        }
        if (!write) {
            uint32_t *w = (uint32_t *)io_buf;
            for (int k = 0; k < BLOCK_BYTES / 4; k += 64) sum = (sum * 31u) ^ w[k];
        }
    }
    uint32_t t1 = clock_micros();
    puts_(write ? "disk-write: " : "disk-read: ");
    putu(runs);
    puts_(" blocks of ");
    putu(capacity);
    put_warmup();
    puts_(", ");
    putu(errors);
    puts_(" errors, ");
    putu(disk_retries);
    puts_(" uncertain retries");
    if (!write) { puts_(", checksum "); putx(sum); }
    puts_(", ");
    putu(t1 - t0);
    puts_(" us\n");
    return errors ? 1 : 0;
}

/*
 * kv: a key-value service on the network device. Each request is one frame holding one line:
 * PUT key value | GET key | DEL key | SHUTDOWN. Replies: OK, VALUE value, NOTFOUND, ERR reason.
 * Every change is appended to a log on the disk, one block per record, and a PUT or DEL is
 * answered only once its record is written: an acknowledged change survives a restart, which
 * replays the log. A record is valid if its magic, sequence number (= block number) and
 * checksum are right; the log ends at the first invalid block.
 */
#define KV_MAX 256
#define KEY_MAX 64
#define VAL_MAX 512
#define KV_MAGIC 0x4b564c47u /* "KVLG" */
enum { KV_PUT = 1, KV_DEL = 2 };

struct kv_entry { int used; char key[KEY_MAX + 1]; char val[VAL_MAX + 1]; };
static struct kv_entry kv_table[KV_MAX];
static uint32_t kv_log_next, kv_keys;

struct kv_record {
    uint32_t magic, seq, op, klen, vlen;
    char key[KEY_MAX];
    char val[VAL_MAX];
};

static uint32_t kv_checksum(const uint8_t *p) {
    uint32_t h = 2166136261u;
    for (int i = 0; i < BLOCK_BYTES - 4; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

static size_t slen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static struct kv_entry *kv_find(const char *key) {
    for (int i = 0; i < KV_MAX; i++)
        if (kv_table[i].used && streq(kv_table[i].key, key)) return &kv_table[i];
    return 0;
}

/* Applies a change to the table; returns 0, or -1 if the table is full. */
static int kv_apply(int op, const char *key, const char *val) {
    struct kv_entry *e = kv_find(key);
    if (op == KV_DEL) {
        if (e) { e->used = 0; kv_keys--; }
        return 0;
    }
    if (!e) {
        for (int i = 0; i < KV_MAX && !e; i++) if (!kv_table[i].used) e = &kv_table[i];
        if (!e) return -1;
        e->used = 1;
        kv_keys++;
        copy_str(e->key, key);
    }
    copy_str(e->val, val);
    return 0;
}

static int kv_record_valid(uint32_t block) {
    struct kv_record *r = (struct kv_record *)io_buf;
    uint32_t sum = *(uint32_t *)(io_buf + BLOCK_BYTES - 4);
    return r->magic == KV_MAGIC && r->seq == block && (r->op == KV_PUT || r->op == KV_DEL)
        && r->klen >= 1 && r->klen <= KEY_MAX && r->vlen <= VAL_MAX && sum == kv_checksum(io_buf);
}

static void kv_recover(uint32_t capacity) {
    char key[KEY_MAX + 1], val[VAL_MAX + 1];
    for (kv_log_next = 0; kv_log_next < capacity; kv_log_next++) {
        if (disk_io(CMD_READ, kv_log_next, io_buf, 1) != 0 || !kv_record_valid(kv_log_next)) break;
        struct kv_record *r = (struct kv_record *)io_buf;
        memcpy(key, r->key, r->klen); key[r->klen] = 0;
        memcpy(val, r->val, r->vlen); val[r->vlen] = 0;
        kv_apply((int)r->op, key, val);
    }
}

/* Appends a record and waits until it is on the disk. */
static const char *kv_log(int op, const char *key, const char *val, uint32_t capacity) {
    if (kv_log_next >= capacity) return "ERR log full";
    struct kv_record *r = (struct kv_record *)io_buf;
    memset(io_buf, 0, BLOCK_BYTES);
    r->magic = KV_MAGIC;
    r->seq = kv_log_next;
    r->op = (uint32_t)op;
    r->klen = slen(key);
    r->vlen = slen(val);
    memcpy(r->key, key, r->klen);
    memcpy(r->val, val, r->vlen);
    *(uint32_t *)(io_buf + BLOCK_BYTES - 4) = kv_checksum(io_buf);
    if (disk_io(CMD_WRITE, kv_log_next, io_buf, 1) != 0) return "ERR disk";
    kv_log_next++;
    return 0;
}

static char kv_req[1024 + 1];
static char kv_reply[16 + VAL_MAX];

/* Checks every byte, so a NUL inside a frame cannot hide the rest of it. */
static int printable(const char *s, int len) {
    for (int i = 0; i < len; i++) if (s[i] < 0x20 || s[i] > 0x7e) return 0;
    return 1;
}

/* Handles one request line (NUL-terminated, in place); returns the reply. */
static const char *kv_handle(char *line, uint32_t capacity, int *shutdown) {
    char *cmd = line, *key = 0, *val = 0, *p = line;
    while (*p && *p != ' ') p++;
    if (*p) { *p++ = 0; key = p; while (*p && *p != ' ') p++; if (*p) { *p++ = 0; val = p; } }
    if (key && !*key) key = 0;
    if (streq(cmd, "SHUTDOWN") && !key) { *shutdown = 1; return "OK"; }
    int put = streq(cmd, "PUT"), get = streq(cmd, "GET"), del = streq(cmd, "DEL");
    if (!put && !get && !del) return "ERR unknown command (PUT key value, GET key, DEL key)";
    if (!key) return "ERR missing key";
    if (slen(key) > KEY_MAX) return "ERR key longer than 64 bytes";
    if (put && (!val || !*val)) return "ERR PUT needs a value";
    if (!put && val) return "ERR too many arguments";
    if (put && slen(val) > VAL_MAX) return "ERR value longer than 512 bytes";
    struct kv_entry *e = kv_find(key);
    if (get) {
        if (!e) return "NOTFOUND";
        copy_str(kv_reply, "VALUE ");
        copy_str(kv_reply + 6, e->val);
        return kv_reply;
    }
    if (del && !e) return "NOTFOUND";
    if (put && !e && kv_keys >= KV_MAX) return "ERR table full";
    const char *err = kv_log(put ? KV_PUT : KV_DEL, key, put ? val : "", capacity);
    if (err) return err;
    kv_apply(put ? KV_PUT : KV_DEL, key, put ? val : "");
    return "OK";
}

static uint32_t kv_workload(void) {
    uint32_t capacity = REG(DISK, DSK_CAPACITY);
    if (capacity == 0 || REG(DISK, DSK_BLOCKSIZE) != BLOCK_BYTES) {
        puts_("kv: no usable disk attached\n");
        return 1;
    }
    kv_recover(capacity);
    puts_("kv: ready, ");
    putu(kv_keys);
    puts_(" keys from ");
    putu(kv_log_next);
    puts_(" log records\n");
    for (;;) {
        int len = net_recv(kv_req, sizeof kv_req - 1);
        const char *reply;
        int shutdown = 0;
        if (len < 0) {
            reply = "ERR request longer than 1024 bytes";
        } else {
            while (len > 0 && (kv_req[len - 1] == '\n' || kv_req[len - 1] == '\r')) len--;
            kv_req[len] = 0;
            reply = printable(kv_req, len) ? kv_handle(kv_req, capacity, &shutdown)
                                           : "ERR request must be printable ASCII";
        }
        net_send(reply, slen(reply));
        if (shutdown) {
            puts_("kv: shutdown, ");
            putu(kv_keys);
            puts_(" keys\n");
            return 0;
        }
    }
}

static void report_and_poweroff(uint32_t status) {
    puts_("kernel: ");
    putu(ticks);
    puts_(" ticks, ");
    putu(switches);
    puts_(" task switches");
    if (tasks[2].state != DEAD) {
        puts_(", background task ran ");
        putu(background_work ? 1 : 0);
    }
    puts_("\n");
    poweroff(status);
}

static void workload_task(void) {
    uint32_t status = 0;
    if (streq(workload, "cpu")) cpu_workload();
    else if (streq(workload, "disk-write")) status = disk_workload(1);
    else if (streq(workload, "disk-read")) status = disk_workload(0);
    else if (streq(workload, "kv")) status = kv_workload();
    else if (streq(workload, "echo")) {
        /* Console input, upper-cased, until end of transmission (byte 4). */
        uint32_t n = 0;
        for (int c; (c = console_getc()) != 4; n++) putc_((char)(c >= 'a' && c <= 'z' ? c - 32 : c));
        puts_("echo: ");
        putu(n);
        puts_(" bytes\n");
    }
    else if (streq(workload, "bad-io")) {
        puts_("bad-io: loading from an unassigned I/O address\n");
        status = REG(15, 0);
        puts_("bad-io: the load returned\n");
    } else if (streq(workload, "bad-dma")) {
        int r = disk_io(CMD_READ, 0, (void *)0xE0000000u, 1);
        puts_(r ? "bad-dma: the disk refused DMA outside memory\n" : "bad-dma: the transfer was accepted\n");
        status = r ? 0 : 1;
    } else {
        puts_("kernel: unknown workload ");
        puts_(workload);
        puts_("\n");
        status = 2;
    }
    report_and_poweroff(status);
}

/* A second task, so that preemption has something to preempt. */
static void background_task(void) {
    for (;;) background_work++;
}

static void idle_task(void) {
    for (;;) REG(SYSCTL, SYS_IDLE) = 1; /* lets the host wait for an event */
}

/* ---------------------------------------------------------------- boot */

static uint32_t parse_u(const char *s) {
    uint32_t v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (uint32_t)(*s++ - '0');
    return v;
}

static char args[256];

static void parse_args(const char *p) {
    size_t n = 0;
    while (p[n] && n + 1 < sizeof args) { args[n] = p[n]; n++; }
    args[n] = 0;
    char *s = args;
    while (*s) {
        while (*s == ' ') *s++ = 0;
        char *word = s;
        while (*s && *s != ' ') s++;
        if (*s) *s++ = 0;
        char *eq = word;
        while (*eq && *eq != '=') eq++;
        if (!*eq) continue;
        *eq = 0;
        const char *val = eq + 1;
        if (streq(word, "workload")) workload = val;
        else if (streq(word, "iterations")) iterations = parse_u(val);
        else if (streq(word, "warmup")) warmup = parse_u(val);
        else if (streq(word, "seed")) seed = parse_u(val);
    }
}

void kmain(const char *bootargs, uint32_t memsize) {
    parse_args(bootargs ? bootargs : "");
    puts_("hbft kernel: ");
    putu(memsize >> 20);
    puts_(" MiB, workload ");
    puts_(workload);
    puts_("\n");
    task_create(0, "idle", idle_task);
    task_create(1, "workload", workload_task);
    if (streq(workload, "cpu")) task_create(2, "background", background_task);
    else tasks[2].state = DEAD;
    mtctl(IRQ_TIMER | IRQ_CONSOLE | IRQ_DISK | IRQ_NET, 15);
    next_tick = mfctl(16) + TICK;
    mtctl(next_tick, 16);
    current = 1;
    cur_frame = &tasks[1].f;
    resume_current();
}
