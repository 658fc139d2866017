package org.hbft.machine.linux;

/** hppa Linux system call numbers (arch/parisc numbering) of the calls we implement. */
final class Syscalls {
    private Syscalls() {
    }

    static final int EXIT = 1, READ = 3, WRITE = 4, OPEN = 5, CLOSE = 6, TIME = 13, LSEEK = 19, GETPID = 20,
            GETUID = 24, ACCESS = 33, KILL = 37, TIMES = 43, BRK = 45, GETGID = 47, GETEUID = 49, GETEGID = 50,
            IOCTL = 54, FCNTL = 55, UNAME = 59, GETPPID = 64, GETRLIMIT = 76, GETTIMEOFDAY = 78, READLINK = 85,
            MMAP2 = 89, MMAP = 90, MUNMAP = 91, GETCWD = 110, SYSINFO = 116, FSTAT64 = 112, MADVISE = 119, MPROTECT = 125,
            LLSEEK = 140, READV = 145, WRITEV = 146, SCHED_YIELD = 158, NANOSLEEP = 162, MREMAP = 163,
            SIGALTSTACK = 166, RT_SIGACTION = 174, RT_SIGPROCMASK = 175, FCNTL64 = 202, GETTID = 206,
            FUTEX = 210, EXIT_GROUP = 222, SET_TID_ADDRESS = 237, CLOCK_GETTIME = 256, CLOCK_GETRES = 257,
            CLOCK_NANOSLEEP = 258, TGKILL = 259, OPENAT = 275, FSTATAT64 = 280, READLINKAT = 285,
            FACCESSAT = 287, SET_ROBUST_LIST = 289, PRLIMIT64 = 321, GETRANDOM = 339, STATX = 349, RSEQ = 354,
            CLOCK_GETTIME64 = 403;
}
