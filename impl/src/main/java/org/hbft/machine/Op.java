package org.hbft.machine;

/**
 * Internal operation numbers: what the {@link Decoder} turns an instruction word into, once per
 * word, so the CPU loop dispatches with a single switch.
 */
final class Op {
    private Op() {
    }

    static final int ILLEGAL = 0;
    // System control
    static final int BREAK = 1, SYNC = 2, RFI = 3, RFIR = 4, SSM = 5, RSM = 6, MTSM = 7, LDSID = 8,
            MTSP = 9, MFSP = 10, MTCTL = 11, MFCTL = 12;
    // Memory management
    static final int PROBE = 13, ITLB_INSERT = 14, DTLB_INSERT = 15, PURGE_TLB = 16, PURGE_TLB_ENTRY = 17,
            LPA = 18, LCI = 19, CACHE_OP = 20;
    // Arithmetic and logical (opcode 0x02)
    static final int ANDCM = 21, AND = 22, OR = 23, XOR = 24, UXOR = 25, DS = 26, CMPCLR = 27, UADDCM = 28,
            UADDCMT = 29, DCOR = 30, IDCOR = 31, ADD = 32, ADDL = 33, ADDO = 34, ADDC = 35, ADDCO = 36,
            SUB = 37, SUBO = 38, SUBT = 39, SUBTO = 40, SUBB = 41, SUBBO = 42;
    // Loads and stores
    static final int LDX = 43, LDS = 44, STS = 45, LDCWX = 46, LDCWS = 47, STBY = 48,
            LDB = 49, LDH = 50, LDW = 51, LDWM = 52, STB = 53, STH = 54, STW = 55, STWM = 56;
    // Immediates
    static final int LDIL = 57, ADDIL = 58, LDO = 59, ADDI = 60, ADDIO = 61, ADDIT = 62, ADDITO = 63,
            SUBI = 64, SUBIO = 65, CMPICLR = 66;
    // Conditional branches
    static final int CMPB = 67, CMPIB = 68, ADDB = 69, ADDIB = 70, MOVB = 71, MOVIB = 72, BB_SAR = 73,
            BB_IMM = 74;
    // Shift, extract, deposit
    static final int SHRPW_SAR = 75, SHRPW_IMM = 76, EXTRW_SAR = 77, EXTRW_IMM = 78, DEPW_SAR = 79,
            DEPW_IMM = 80, DEPWI_SAR = 81, DEPWI_IMM = 82;
    // Unconditional branches
    static final int BE = 83, BLE = 84, BL = 85, GATE = 86, BLR = 87, BV = 88;
    // Floating point
    static final int FLDW = 89, FSTW = 90, FLDD = 91, FSTD = 92, FP_OP = 93, FMPYADD = 94, FMPYSUB = 95;
    static final int DIAG = 96;

    static final int COUNT = 97;
}
