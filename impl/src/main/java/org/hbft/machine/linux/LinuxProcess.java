package org.hbft.machine.linux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.hbft.machine.Cpu;
import org.hbft.machine.ElfException;
import org.hbft.machine.ElfImage;
import org.hbft.machine.Interruption;
import org.hbft.machine.MemoryFault;
import org.hbft.machine.PagedMemory;

/**
 * A static hppa-linux-gnu program run in Linux user mode: the ELF loaded at its link addresses,
 * an upward-growing stack holding argv, envp and the auxiliary vector, and the gateway page's
 * entry points (system calls at 0x100, light-weight atomic calls at 0xb0, set-thread-pointer at
 * 0xe0) emulated on the host.
 *
 * <p>Only standard input, output and error exist; the guest cannot open host files. Time and
 * random bytes come from the environment; everything else the guest sees is deterministic.
 */
public final class LinuxProcess implements Cpu.Gateway {
    /** Bottom of the stack region; hppa stacks grow towards higher addresses. */
    static final int STACK_BASE = 0xfa000000;
    static final int STACK_SIZE = 8 << 20;
    /** Where anonymous mmap regions are placed, growing upward. */
    static final int MMAP_BASE = 0x40000000;
    static final int MMAP_LIMIT = 0xf0000000;

    private final Cpu cpu;
    private final PagedMemory memory;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final Consumer<String> warnings;
    private final String programName;
    private final boolean terminal;
    private final java.util.Set<Integer> warned = new java.util.HashSet<>();
    private int brkStart;
    private int brk;
    private int mmapNext = MMAP_BASE;
    private long randomState = 0x9e3779b97f4a7c15L;
    private int exitSignal;

    /**
     * @param terminal whether standard output should look like a terminal to the guest (glibc
     *                 then line-buffers it); false makes it look like a pipe, as under test.
     */
    public LinuxProcess(ElfImage image, String programName, List<String> args, InputStream stdin,
            OutputStream stdout, OutputStream stderr, Consumer<String> warnings, boolean terminal) {
        this.memory = new PagedMemory();
        this.cpu = new Cpu(memory, true);
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.warnings = warnings;
        this.programName = programName;
        this.terminal = terminal;
        cpu.setGateway(this);
        int end = image.load(memory);
        brkStart = (end + PagedMemory.PAGE_MASK) & ~PagedMemory.PAGE_MASK;
        brk = brkStart;
        setUpStack(image, args);
    }

    /** Loads and runs a program to completion (or until the instruction limit), capturing its output. */
    public static GuestRun run(java.nio.file.Path elf, List<String> args, byte[] stdin, long maxInstructions)
            throws ElfException {
        return run(elf, args, stdin, maxInstructions, Cpu.DEFAULT_JIT_THRESHOLD);
    }

    /** As {@link #run(java.nio.file.Path, List, byte[], long)}, translating blocks after {@code jitThreshold} visits (0: never). */
    public static GuestRun run(java.nio.file.Path elf, List<String> args, byte[] stdin, long maxInstructions,
            int jitThreshold) throws ElfException {
        ElfImage image = ElfImage.read(elf);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LinuxProcess p = new LinuxProcess(image, elf.toString(), args, new java.io.ByteArrayInputStream(stdin),
                out, err, w -> { }, false);
        p.cpu.setJitThreshold(jitThreshold);
        int status = p.runToExit(maxInstructions);
        return new GuestRun(out.toByteArray(), err.toByteArray(), status, p.cpu.cycles());
    }

    public Cpu cpu() {
        return cpu;
    }

    /**
     * Runs until the guest exits or dies. Returns the exit status as a shell reports it:
     * the guest's status, or 128 + signal number on a fault; -1 if the limit was reached first.
     */
    public int runToExit(long maxInstructions) {
        long left = maxInstructions;
        while (left > 0) {
            long before = cpu.cycles();
            Cpu.Stop stop = cpu.run(Math.min(left, 1L << 40));
            left -= cpu.cycles() - before;
            if (stop == Cpu.Stop.HALT) {
                flush();
                return exitSignal != 0 ? 128 + exitSignal : cpu.exitStatus() & 0xff;
            }
            if (stop == Cpu.Stop.TRAP) {
                flush();
                return 128 + signalFor(cpu.trapNumber());
            }
        }
        flush();
        return -1;
    }

    /** The Linux signal a user-mode interruption becomes, as the hppa kernel delivers it. */
    public static int signalFor(int interruption) {
        switch (interruption) {
            case Interruption.ILLEGAL_INSTRUCTION:
            case Interruption.PRIVILEGED_OPERATION:
            case Interruption.PRIVILEGED_REGISTER:
                return Signals.SIGILL;
            case Interruption.BREAK:
                return Signals.SIGTRAP;
            case Interruption.OVERFLOW:
            case Interruption.CONDITIONAL:
            case Interruption.ASSIST_EXCEPTION:
                return Signals.SIGFPE;
            case Interruption.UNALIGNED_DATA:
                return Signals.SIGBUS;
            default:
                return Signals.SIGSEGV;
        }
    }

    /** A one-line description of how the guest died, for the user. */
    public String faultDescription() {
        return String.format("guest fault: %s at pc 0x%08x (instruction 0x%08x)%s, signal %d (%s)",
                Interruption.name(cpu.trapNumber()), cpu.trapPc() & ~3, cpu.trapInstruction(),
                Interruption.hasDataAddress(cpu.trapNumber()) ? String.format(", address 0x%08x", cpu.trapAddress()) : "",
                signalFor(cpu.trapNumber()), Signals.name(signalFor(cpu.trapNumber())));
    }

    private void flush() {
        try {
            stdout.flush();
            stderr.flush();
        } catch (IOException e) {
            // The reader went away; nothing more to deliver.
        }
    }

    // ------------------------------------------------------------------ start-up

    private void setUpStack(ElfImage image, List<String> args) {
        memory.map(STACK_BASE, STACK_SIZE, PagedMemory.READ | PagedMemory.WRITE);
        int p = STACK_BASE;
        // Strings first, then the pointer arrays above them.
        int[] argPtrs = new int[args.size()];
        for (int i = 0; i < args.size(); i++) {
            argPtrs[i] = p;
            p = putString(p, args.get(i));
        }
        int execfn = p;
        p = putString(p, programName);
        int platform = p;
        p = putString(p, "PARISC");
        int random = p;
        for (int i = 0; i < 16; i++) {
            memory.pokeByte(p++, nextRandom() & 0xff);
        }
        p = (p + 15) & ~15;
        int argv = p;
        for (int a : argPtrs) {
            memory.pokeWord(p, a);
            p += 4;
        }
        memory.pokeWord(p, 0);
        p += 4;
        memory.pokeWord(p, 0); // empty environment
        p += 4;
        int[][] auxv = {
            {3, image.phdrAddress()}, {4, image.phdrEntrySize()}, {5, image.phdrCount()}, {6, PagedMemory.PAGE_SIZE},
            {7, 0}, {8, 0}, {9, image.entry()}, {11, 1000}, {12, 1000}, {13, 1000}, {14, 1000},
            {16, 0}, {17, 100}, {23, 0}, {25, random}, {31, execfn}, {15, platform}, {0, 0},
        };
        for (int[] kv : auxv) {
            memory.pokeWord(p, kv[0]);
            memory.pokeWord(p + 4, kv[1]);
            p += 8;
        }
        int sp = ((p + 63) & ~63) + 64; // room for the frame marker of the first function
        int[] gr = cpu.gr;
        gr[23] = 0;
        gr[24] = argv;
        gr[25] = args.size();
        gr[30] = sp;
        gr[31] = image.entry();
        cpu.setIaoq(image.entry() | 3, (image.entry() + 4) | 3);
    }

    private int putString(int addr, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        memory.write(addr, b, 0, b.length);
        memory.pokeByte(addr + b.length, 0);
        return addr + b.length + 1;
    }

    /** Deterministic "random" bytes (splitmix64), so runs are repeatable. */
    private int nextRandom() {
        randomState += 0x9e3779b97f4a7c15L;
        long z = randomState;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (int) (z ^ (z >>> 31));
    }

    // ------------------------------------------------------------------ gateway page

    @Override
    public boolean enter(Cpu c, int offset) {
        int[] gr = c.gr;
        int ret = gr[31];
        switch (offset) {
            case 0x100: {
                int result;
                try {
                    result = syscall(gr[20], gr[26], gr[25], gr[24], gr[23], gr[22], gr[21]);
                } catch (MemoryFault e) {
                    result = -Errno.EFAULT;
                }
                gr[28] = result;
                break;
            }
            case 0xb0:
                lightWeightSyscall(gr);
                break;
            case 0xe0:
                // Set the thread pointer (CR27), readable by the guest with MFCTL.
                c.setControlRegister(27, gr[26]);
                break;
            default:
                return false;
        }
        if (c.stopReason() != Cpu.Stop.HALT) {
            c.setIaoq(ret | 3, (ret + 4) | 3);
        }
        return true;
    }

    /** Atomic compare-and-exchange for guests without LDCW-based locks. */
    private void lightWeightSyscall(int[] gr) {
        int which = gr[20];
        int addr = gr[26];
        try {
            if (which == 0) {
                if ((addr & 3) != 0 || (memory.permissions(addr) & PagedMemory.WRITE) == 0 || !memory.isMapped(addr)) {
                    gr[21] = -Errno.EFAULT;
                    return;
                }
                int cur = memory.peekWord(addr);
                if (cur == gr[25]) {
                    memory.pokeWord(addr, gr[24]);
                }
                gr[28] = cur;
                gr[21] = 0;
                return;
            }
            if (which == 2) {
                int size = gr[23];
                if (size < 0 || size > 2) {
                    gr[21] = -Errno.ENOSYS;
                    return;
                }
                int n = 1 << size;
                if (((addr | gr[25] | gr[24]) & (n - 1)) != 0 || (memory.permissions(addr) & PagedMemory.WRITE) == 0) {
                    gr[21] = -Errno.EFAULT;
                    return;
                }
                long old = readSized(gr[25], n);
                long nw = readSized(gr[24], n);
                long cur = readSized(addr, n);
                if (cur == old) {
                    writeSized(addr, n, nw);
                }
                gr[28] = cur == old ? 0 : 1;
                gr[21] = 0;
                return;
            }
            gr[21] = -Errno.ENOSYS;
        } catch (MemoryFault e) {
            gr[21] = -Errno.EFAULT;
        }
    }

    private long readSized(int addr, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | memory.peekByte(addr + i);
        }
        return v;
    }

    private void writeSized(int addr, int n, long v) {
        for (int i = n - 1; i >= 0; i--) {
            memory.pokeByte(addr + i, (int) v);
            v >>>= 8;
        }
    }

    // ------------------------------------------------------------------ system calls

    private int syscall(int nr, int a0, int a1, int a2, int a3, int a4, int a5) {
        switch (nr) {
            case Syscalls.EXIT:
            case Syscalls.EXIT_GROUP:
                cpu.halt(a0);
                return 0;
            case Syscalls.READ:
                return read(a0, a1, a2);
            case Syscalls.WRITE:
                return write(a0, a1, a2);
            case Syscalls.WRITEV:
            case Syscalls.READV:
                return vectored(nr == Syscalls.WRITEV, a0, a1, a2);
            case Syscalls.OPEN:
            case Syscalls.OPENAT:
            case Syscalls.ACCESS:
            case Syscalls.FACCESSAT:
                return -Errno.ENOENT;
            case Syscalls.CLOSE:
                return a0 >= 0 && a0 <= 2 ? 0 : -Errno.EBADF;
            case Syscalls.BRK:
                return brk(a0);
            case Syscalls.MMAP:
            case Syscalls.MMAP2:
                return mmap(a0, a1, a2, a3, a4);
            case Syscalls.MUNMAP:
                if ((a0 & PagedMemory.PAGE_MASK) != 0) {
                    return -Errno.EINVAL;
                }
                memory.unmap(a0, a1);
                return 0;
            case Syscalls.MPROTECT:
                return mprotect(a0, a1, a2);
            case Syscalls.MADVISE:
            case Syscalls.FUTEX:
            case Syscalls.RT_SIGACTION:
            case Syscalls.RT_SIGPROCMASK:
            case Syscalls.SIGALTSTACK:
            case Syscalls.SCHED_YIELD:
            case Syscalls.NANOSLEEP:
            case Syscalls.CLOCK_NANOSLEEP:
                return 0;
            case Syscalls.MREMAP:
                return -Errno.ENOMEM;
            case Syscalls.UNAME:
                return uname(a0);
            case Syscalls.SET_TID_ADDRESS:
            case Syscalls.GETPID:
            case Syscalls.GETTID:
                return Process.PID;
            case Syscalls.GETPPID:
                return 1;
            case Syscalls.GETUID:
            case Syscalls.GETEUID:
            case Syscalls.GETGID:
            case Syscalls.GETEGID:
                return 1000;
            case Syscalls.SET_ROBUST_LIST:
            case Syscalls.RSEQ:
                return -Errno.ENOSYS;
            case Syscalls.IOCTL:
                return ioctl(a0, a1, a2);
            case Syscalls.STATX:
                return statx(a0, a1, a4);
            case Syscalls.FSTAT64:
                return fstat64(a0, a1);
            case Syscalls.FSTATAT64:
                return a1 != 0 && memory.peekByte(a1) == 0 ? fstat64(a0, a2) : -Errno.ENOENT;
            case Syscalls.LSEEK:
            case Syscalls.LLSEEK:
                return a0 >= 0 && a0 <= 2 ? -Errno.ESPIPE : -Errno.EBADF;
            case Syscalls.FCNTL:
            case Syscalls.FCNTL64:
                return a0 >= 0 && a0 <= 2 ? (a1 == 3 ? (a0 == 0 ? 0 : 1) : 0) : -Errno.EBADF;
            case Syscalls.CLOCK_GETTIME:
                return clockGettime(a0, a1, false);
            case Syscalls.CLOCK_GETTIME64:
                return clockGettime(a0, a1, true);
            case Syscalls.CLOCK_GETRES:
                if (a1 != 0) {
                    memory.pokeWord(a1, 0);
                    memory.pokeWord(a1 + 4, 1);
                }
                return 0;
            case Syscalls.GETTIMEOFDAY:
                if (a0 != 0) {
                    long micros = System.currentTimeMillis() * 1000;
                    memory.pokeWord(a0, (int) (micros / 1_000_000));
                    memory.pokeWord(a0 + 4, (int) (micros % 1_000_000));
                }
                return 0;
            case Syscalls.TIME: {
                int now = (int) (System.currentTimeMillis() / 1000);
                if (a0 != 0) {
                    memory.pokeWord(a0, now);
                }
                return now;
            }
            case Syscalls.TIMES:
                return (int) (cpu.cycles() / 10_000_000L);
            case Syscalls.KILL:
            case Syscalls.TGKILL: {
                int sig = nr == Syscalls.KILL ? a1 : a2;
                if (sig != 0) {
                    exitSignal = sig;
                    cpu.halt(0);
                }
                return 0;
            }
            case Syscalls.READLINK:
                return readlink(a0, a1, a2);
            case Syscalls.READLINKAT:
                return readlink(a1, a2, a3);
            case Syscalls.GETRANDOM:
                for (int i = 0; i < a1; i++) {
                    memory.pokeByte(a0 + i, nextRandom());
                }
                return a1;
            case Syscalls.GETRLIMIT:
            case Syscalls.PRLIMIT64:
                return getrlimit(nr, a0, a1, a2, a3);
            case Syscalls.SYSINFO:
                return sysinfo(a0);
            case Syscalls.GETCWD: {
                if (a1 < 2) {
                    return -Errno.ERANGE;
                }
                memory.pokeByte(a0, '/');
                memory.pokeByte(a0 + 1, 0);
                return 2;
            }
            default:
                if (warned.add(nr)) {
                    warnings.accept("unimplemented system call " + nr + " returns ENOSYS");
                }
                return -Errno.ENOSYS;
        }
    }

    private int read(int fd, int buf, int count) {
        if (fd != 0) {
            return -Errno.EBADF;
        }
        if (count < 0) {
            return -Errno.EINVAL;
        }
        if (!memory.isRangeMapped(buf, count)) {
            return -Errno.EFAULT;
        }
        try {
            byte[] tmp = new byte[Math.min(count, 65536)];
            int n = stdin.read(tmp, 0, tmp.length);
            if (n <= 0) {
                return 0;
            }
            memory.write(buf, tmp, 0, n);
            return n;
        } catch (IOException e) {
            return -Errno.EIO;
        }
    }

    private int write(int fd, int buf, int count) {
        OutputStream out = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (out == null) {
            return -Errno.EBADF;
        }
        if (count < 0) {
            return -Errno.EINVAL;
        }
        if (!memory.isRangeMapped(buf, count)) {
            return -Errno.EFAULT;
        }
        try {
            out.write(memory.read(buf, count));
            if (terminal) {
                out.flush();
            }
            return count;
        } catch (IOException e) {
            return -Errno.EPIPE;
        }
    }

    private int vectored(boolean isWrite, int fd, int iov, int count) {
        if (count < 0 || count > 1024) {
            return -Errno.EINVAL;
        }
        int total = 0;
        for (int i = 0; i < count; i++) {
            int base = memory.peekWord(iov + 8 * i);
            int len = memory.peekWord(iov + 8 * i + 4);
            if (len == 0) {
                continue;
            }
            int r = isWrite ? write(fd, base, len) : read(fd, base, len);
            if (r < 0) {
                return total > 0 ? total : r;
            }
            total += r;
            if (r < len) {
                break;
            }
        }
        return total;
    }

    private int brk(int requested) {
        if (requested == 0 || Integer.compareUnsigned(requested, brkStart) < 0) {
            return brk;
        }
        int newEnd = (requested + PagedMemory.PAGE_MASK) & ~PagedMemory.PAGE_MASK;
        int oldEnd = (brk + PagedMemory.PAGE_MASK) & ~PagedMemory.PAGE_MASK;
        if (Integer.compareUnsigned(requested, MMAP_BASE) >= 0) {
            return brk;
        }
        if (Integer.compareUnsigned(newEnd, oldEnd) > 0) {
            memory.map(oldEnd, newEnd - oldEnd, PagedMemory.READ | PagedMemory.WRITE);
        } else if (Integer.compareUnsigned(newEnd, oldEnd) < 0) {
            memory.unmap(newEnd, oldEnd - newEnd);
        }
        brk = requested;
        return brk;
    }

    private int mmap(int addr, int length, int prot, int flags, int fd) {
        final int mapAnonymous = 0x10;
        final int mapFixed = 0x04;
        if ((flags & mapAnonymous) == 0) {
            return -Errno.ENODEV;
        }
        if (length <= 0) {
            return -Errno.EINVAL;
        }
        int size = (length + PagedMemory.PAGE_MASK) & ~PagedMemory.PAGE_MASK;
        int perms = protToPerms(prot);
        int where;
        if ((flags & mapFixed) != 0) {
            if ((addr & PagedMemory.PAGE_MASK) != 0) {
                return -Errno.EINVAL;
            }
            where = addr;
            memory.unmap(where, size);
        } else {
            if (Integer.toUnsignedLong(mmapNext) + size > Integer.toUnsignedLong(MMAP_LIMIT)) {
                return -Errno.ENOMEM;
            }
            where = mmapNext;
            mmapNext += size;
        }
        memory.map(where, size, perms);
        return where;
    }

    private int mprotect(int addr, int length, int prot) {
        if ((addr & PagedMemory.PAGE_MASK) != 0) {
            return -Errno.EINVAL;
        }
        if (!memory.isRangeMapped(addr, length)) {
            return -Errno.ENOMEM;
        }
        memory.protect(addr, length, protToPerms(prot));
        return 0;
    }

    private static int protToPerms(int prot) {
        return ((prot & 1) != 0 ? PagedMemory.READ : 0) | ((prot & 2) != 0 ? PagedMemory.WRITE | PagedMemory.READ : 0)
                | ((prot & 4) != 0 ? PagedMemory.EXEC | PagedMemory.READ : 0);
    }

    private int uname(int buf) {
        String[] fields = {"Linux", "hbft", "6.1.0", "#1 hbft", "parisc", "(none)"};
        for (int i = 0; i < fields.length; i++) {
            byte[] b = new byte[65];
            byte[] s = fields[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, b, 0, s.length);
            memory.write(buf + 65 * i, b, 0, 65);
        }
        return 0;
    }

    private int ioctl(int fd, int request, int arg) {
        final int tcgets = 0x402c5401;
        final int tiocgwinsz = 0x40087468;
        if (fd < 0 || fd > 2) {
            return -Errno.EBADF;
        }
        if ((request == tcgets || request == 0x5401 || request == tiocgwinsz) && terminal && fd != 0) {
            return 0;
        }
        return -Errno.ENOTTY;
    }

    /** The file mode that standard streams report: a character device on a terminal, else a pipe. */
    private int streamMode(int fd) {
        return terminal && fd != 0 ? 0x2190 : 0x1180;
    }

    private int statx(int dirfd, int path, int buf) {
        if (path != 0 && memory.peekByte(path) != 0) {
            return -Errno.ENOENT;
        }
        if (dirfd < 0 || dirfd > 2) {
            return -Errno.EBADF;
        }
        byte[] z = new byte[256];
        memory.write(buf, z, 0, z.length);
        memory.pokeWord(buf, 0x7ff); // STATX_BASIC_STATS
        memory.pokeWord(buf + 4, PagedMemory.PAGE_SIZE);
        memory.pokeWord(buf + 16, 1); // nlink
        memory.pokeWord(buf + 20, 1000);
        memory.pokeWord(buf + 24, 1000);
        memory.pokeByte(buf + 28, streamMode(dirfd) >>> 8);
        memory.pokeByte(buf + 29, streamMode(dirfd));
        return 0;
    }

    private int fstat64(int fd, int buf) {
        if (fd < 0 || fd > 2) {
            return -Errno.EBADF;
        }
        byte[] z = new byte[104];
        memory.write(buf, z, 0, z.length);
        memory.pokeWord(buf + 16, streamMode(fd));
        memory.pokeWord(buf + 20, 1);
        memory.pokeWord(buf + 24, 1000);
        memory.pokeWord(buf + 28, 1000);
        memory.pokeWord(buf + 56, PagedMemory.PAGE_SIZE);
        return 0;
    }

    private int clockGettime(int clock, int ts, boolean time64) {
        long nanos;
        if (clock == 0 || clock == 5 || clock == 8) {
            java.time.Instant now = java.time.Instant.now();
            nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        } else {
            // Monotonic and CPU-time clocks advance with the instructions retired (1 ns each).
            nanos = cpu.cycles();
        }
        long sec = nanos / 1_000_000_000L;
        int nsec = (int) (nanos % 1_000_000_000L);
        if (time64) {
            memory.pokeWord(ts, (int) (sec >>> 32));
            memory.pokeWord(ts + 4, (int) sec);
            memory.pokeWord(ts + 8, nsec);
            memory.pokeWord(ts + 12, 0);
        } else {
            memory.pokeWord(ts, (int) sec);
            memory.pokeWord(ts + 4, nsec);
        }
        return 0;
    }

    private int readlink(int path, int buf, int size) {
        String p = new String(memory.readCString(path, 4096), StandardCharsets.UTF_8);
        if (!p.equals("/proc/self/exe")) {
            return -Errno.ENOENT;
        }
        // Like the kernel, answer with an absolute path: glibc's origin lookup insists on one.
        byte[] target = java.nio.file.Path.of(programName).toAbsolutePath().normalize().toString()
                .getBytes(StandardCharsets.UTF_8);
        int n = Math.min(size, target.length);
        memory.write(buf, target, 0, n);
        return n;
    }

    /** A machine with 256 MiB of RAM, up for as long as the guest has run. */
    private int sysinfo(int buf) {
        byte[] z = new byte[64];
        memory.write(buf, z, 0, z.length);
        memory.pokeWord(buf, (int) (cpu.cycles() / 1_000_000_000L)); // uptime
        memory.pokeWord(buf + 16, 256 << 20); // totalram
        memory.pokeWord(buf + 20, 128 << 20); // freeram
        memory.pokeWord(buf + 40, 1 << 16); // procs (a short) and padding
        memory.pokeWord(buf + 52, 1); // mem_unit
        return 0;
    }

    private int getrlimit(int nr, int a0, int a1, int a2, int a3) {
        int resource = nr == Syscalls.PRLIMIT64 ? a1 : a0;
        int out = nr == Syscalls.PRLIMIT64 ? a3 : a1;
        if (out == 0) {
            return 0;
        }
        long cur = resource == 3 ? STACK_SIZE : -1L;
        if (nr == Syscalls.PRLIMIT64) {
            memory.pokeWord(out, (int) (cur >>> 32));
            memory.pokeWord(out + 4, (int) cur);
            memory.pokeWord(out + 8, -1);
            memory.pokeWord(out + 12, -1);
        } else {
            memory.pokeWord(out, (int) cur);
            memory.pokeWord(out + 4, -1);
        }
        return 0;
    }

    /** Process identity the guest sees. */
    static final class Process {
        static final int PID = 4242;

        private Process() {
        }
    }
}
