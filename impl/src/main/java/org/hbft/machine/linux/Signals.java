package org.hbft.machine.linux;

/**
 * Signals a guest fault can raise, numbered as the host reports a signal death to a shell
 * (128 + number), so our exit statuses read the same as those of a native or qemu-hppa run.
 */
public final class Signals {
    private Signals() {
    }

    public static final int SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGFPE = 8, SIGBUS = 7, SIGSEGV = 11;

    public static String name(int sig) {
        switch (sig) {
            case SIGILL:
                return "SIGILL";
            case SIGTRAP:
                return "SIGTRAP";
            case SIGABRT:
                return "SIGABRT";
            case SIGFPE:
                return "SIGFPE";
            case SIGBUS:
                return "SIGBUS";
            case SIGSEGV:
                return "SIGSEGV";
            default:
                return "signal " + sig;
        }
    }
}
