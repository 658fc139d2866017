package org.hbft.machine;

/**
 * The PA-RISC 1.1 interruption numbers. An interruption vectors to IVA + 32 * number.
 */
public final class Interruption {
    private Interruption() {
    }

    public static final int HPMC = 1;
    public static final int POWER_FAIL = 2;
    public static final int RECOVERY_COUNTER = 3;
    public static final int EXTERNAL = 4;
    public static final int LPMC = 5;
    public static final int ITLB_MISS = 6;
    public static final int INSTRUCTION_PROTECTION = 7;
    public static final int ILLEGAL_INSTRUCTION = 8;
    public static final int BREAK = 9;
    public static final int PRIVILEGED_OPERATION = 10;
    public static final int PRIVILEGED_REGISTER = 11;
    public static final int OVERFLOW = 12;
    public static final int CONDITIONAL = 13;
    public static final int ASSIST_EXCEPTION = 14;
    public static final int DTLB_MISS = 15;
    public static final int NON_ACCESS_ITLB_MISS = 16;
    public static final int NON_ACCESS_DTLB_MISS = 17;
    public static final int DATA_PROTECTION = 18;
    public static final int DATA_BREAK = 19;
    public static final int TLB_DIRTY = 20;
    public static final int PAGE_REFERENCE = 21;
    public static final int ASSIST_EMULATION = 22;
    public static final int HIGHER_PRIVILEGE_TRANSFER = 23;
    public static final int LOWER_PRIVILEGE_TRANSFER = 24;
    public static final int TAKEN_BRANCH = 25;
    public static final int DATA_ACCESS_RIGHTS = 26;
    public static final int DATA_PROTECTION_ID = 27;
    public static final int UNALIGNED_DATA = 28;

    private static final String[] NAMES = {
        "none", "high-priority machine check", "power failure", "recovery counter trap",
        "external interrupt", "low-priority machine check", "instruction TLB miss",
        "instruction memory protection", "illegal instruction", "break instruction",
        "privileged operation", "privileged register", "overflow trap", "conditional trap",
        "assist exception", "data TLB miss", "non-access instruction TLB miss",
        "non-access data TLB miss", "data memory protection", "data memory break",
        "TLB dirty bit", "page reference", "assist emulation", "higher-privilege transfer",
        "lower-privilege transfer", "taken branch", "data memory access rights",
        "data memory protection ID", "unaligned data reference",
    };

    public static String name(int number) {
        return number >= 0 && number < NAMES.length ? NAMES[number] : "interruption " + number;
    }

    /**
     * Whether the interruption loads IIR with the instruction that caused it. Interrupts between
     * instructions (machine checks, power failure, the recovery counter, external interrupts),
     * instruction-fetch faults and the transfer traps leave IIR as it was: what it would hold
     * otherwise depends on no instruction, and a replica must not see a value the other has not.
     */
    public static boolean setsInstructionRegister(int number) {
        return (number >= ILLEGAL_INSTRUCTION && number <= ASSIST_EMULATION)
                || (number >= DATA_ACCESS_RIGHTS && number <= UNALIGNED_DATA);
    }

    /** Whether the interruption is reported with the faulting data address in ISR/IOR. */
    public static boolean hasDataAddress(int number) {
        return number == DTLB_MISS || number == NON_ACCESS_DTLB_MISS || number == DATA_PROTECTION
                || number == TLB_DIRTY || number == PAGE_REFERENCE || number == DATA_ACCESS_RIGHTS
                || number == DATA_PROTECTION_ID || number == UNALIGNED_DATA || number == DATA_BREAK;
    }
}
