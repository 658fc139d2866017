package org.hbft.machine;

/**
 * Turns PA-RISC 1.1 instruction words into {@link Op} numbers and pre-assembled immediates.
 *
 * <p>Field positions below count from the least significant bit (bit 0 = value 1), unlike the
 * architecture manual, which numbers bit 0 as the most significant.
 */
final class Decoder {
    private Decoder() {
    }

    static int bits(int insn, int lsb, int len) {
        return (insn >>> lsb) & ((1 << len) - 1);
    }

    /** PA-RISC "low_sign_ext": the sign is the field's least significant bit. */
    static int lowSignExt(int field, int len) {
        return (field >>> 1) - ((field & 1) << (len - 1));
    }

    static int signExt(int value, int len) {
        return (value << (32 - len)) >> (32 - len);
    }

    /** 12-bit branch displacement (conditional branches), in bytes. */
    static int assemble12(int insn) {
        int v = ((insn & 1) << 11) | (bits(insn, 2, 1) << 10) | bits(insn, 3, 10);
        return signExt(v, 12) << 2;
    }

    /** 17-bit branch displacement (BL, BE, BLE, GATE), in bytes. */
    static int assemble17(int insn) {
        int v = ((insn & 1) << 16) | (bits(insn, 16, 5) << 11) | (bits(insn, 2, 1) << 10) | bits(insn, 3, 10);
        return signExt(v, 17) << 2;
    }

    /** The 21-bit immediate of LDIL and ADDIL, already shifted into the left 21 bits. */
    static int assemble21(int insn) {
        int v = ((insn & 1) << 20) | (bits(insn, 1, 11) << 9) | (bits(insn, 14, 2) << 7)
                | (bits(insn, 16, 5) << 2) | bits(insn, 12, 2);
        return v << 11;
    }

    /** Decodes one word to an operation number; {@link Op#ILLEGAL} if not a PA-RISC 1.1 instruction. */
    static int decode(int insn) {
        int opcode = insn >>> 26;
        switch (opcode) {
            case 0x00:
                return decodeSystem(insn);
            case 0x01:
                return decodeMemoryManagement(insn);
            case 0x02:
                return decodeArithmetic(insn);
            case 0x03:
                return decodeIndexedMemory(insn);
            case 0x05:
                return Op.DIAG;
            case 0x06:
                return Op.FMPYADD;
            case 0x08:
                return Op.LDIL;
            case 0x09:
            case 0x0B: {
                int sub = bits(insn, 7, 3);
                if (opcode == 0x0B && bits(insn, 6, 1) != 0) {
                    return Op.ILLEGAL;
                }
                if (sub == 0) {
                    return opcode == 0x09 ? Op.FLDW : Op.FLDD;
                }
                if (sub == 4) {
                    return opcode == 0x09 ? Op.FSTW : Op.FSTD;
                }
                return Op.ILLEGAL;
            }
            case 0x0A:
                return Op.ADDIL;
            case 0x0C:
            case 0x0E:
                return Op.FP_OP;
            case 0x0D:
                return Op.LDO;
            case 0x10:
                return Op.LDB;
            case 0x11:
                return Op.LDH;
            case 0x12:
                return Op.LDW;
            case 0x13:
                return Op.LDWM;
            case 0x18:
                return Op.STB;
            case 0x19:
                return Op.STH;
            case 0x1A:
                return Op.STW;
            case 0x1B:
                return Op.STWM;
            case 0x20:
            case 0x22:
                return Op.CMPB;
            case 0x21:
            case 0x23:
                return Op.CMPIB;
            case 0x24:
                return bits(insn, 11, 1) == 0 ? Op.CMPICLR : Op.ILLEGAL;
            case 0x25:
                return bits(insn, 11, 1) == 0 ? Op.SUBI : Op.SUBIO;
            case 0x26:
                return Op.FMPYSUB;
            case 0x2E:
                return Op.FP_OP; // FMPYFADD: PA 2.0, but qemu-hppa runs it for PA 1.1 programs too
            case 0x28:
            case 0x2A:
                return Op.ADDB;
            case 0x29:
            case 0x2B:
                return Op.ADDIB;
            case 0x2C:
                return bits(insn, 11, 1) == 0 ? Op.ADDIT : Op.ADDITO;
            case 0x2D:
                return bits(insn, 11, 1) == 0 ? Op.ADDI : Op.ADDIO;
            case 0x30:
                return bits(insn, 21, 5) == 0 ? Op.BB_SAR : Op.ILLEGAL;
            case 0x31:
                return Op.BB_IMM;
            case 0x32:
                return Op.MOVB;
            case 0x33:
                return Op.MOVIB;
            case 0x34:
                return decodeShiftExtract(insn);
            case 0x35:
                return decodeDeposit(insn);
            case 0x38:
                return Op.BE;
            case 0x39:
                return Op.BLE;
            case 0x3A:
                return decodeBranch(insn);
            default:
                return Op.ILLEGAL;
        }
    }

    private static int decodeSystem(int insn) {
        int ext8 = bits(insn, 5, 8);
        switch (ext8) {
            case 0x00:
                return Op.BREAK;
            case 0x20:
                return bits(insn, 0, 5) == 0 ? Op.SYNC : Op.ILLEGAL;
            case 0x60:
                return Op.RFI;
            case 0x65:
                return Op.RFIR;
            case 0x6b:
                return Op.SSM;
            case 0x73:
                return Op.RSM;
            case 0xc3:
                return Op.MTSM;
            case 0x85:
                return bits(insn, 13, 1) == 0 ? Op.LDSID : Op.ILLEGAL;
            case 0xc1:
                return Op.MTSP;
            case 0x25:
                return bits(insn, 16, 5) == 0 ? Op.MFSP : Op.ILLEGAL;
            case 0xc2:
                return Op.MTCTL;
            case 0x45:
                return bits(insn, 16, 5) == 0 ? Op.MFCTL : Op.ILLEGAL;
            default:
                return Op.ILLEGAL;
        }
    }

    private static int decodeMemoryManagement(int insn) {
        int ext7 = bits(insn, 6, 7);
        int ext8 = bits(insn, 6, 8);
        if (bits(insn, 7, 6) == 0x23 && bits(insn, 5, 1) == 0) {
            return Op.PROBE;
        }
        if (bits(insn, 7, 6) == 0x20 && bits(insn, 13, 1) == 0 && bits(insn, 0, 6) == 0) {
            return Op.DTLB_INSERT;
        }
        if (bits(insn, 7, 6) == 0x00 && bits(insn, 0, 6) == 0) {
            return Op.ITLB_INSERT;
        }
        if (ext8 == 0x48 || ext7 == 0x08) {
            return Op.PURGE_TLB;
        }
        if (ext8 == 0x49 || ext7 == 0x09) {
            return Op.PURGE_TLB_ENTRY;
        }
        if (ext8 == 0x4d) {
            return Op.LPA;
        }
        if (ext8 == 0x4c) {
            return Op.LCI;
        }
        if (ext8 == 0xca || ext8 == 0x4a || ext8 == 0x4b || ext8 == 0x4e || ext8 == 0x4f
                || ext7 == 0x0a || ext7 == 0x0b) {
            return Op.CACHE_OP;
        }
        return Op.ILLEGAL;
    }

    private static int decodeArithmetic(int insn) {
        if (bits(insn, 5, 1) != 0) {
            return Op.ILLEGAL; // doubleword forms are PA 2.0
        }
        int ext6 = bits(insn, 6, 6);
        switch (ext6) {
            case 0x00:
                return Op.ANDCM;
            case 0x08:
                return Op.AND;
            case 0x09:
                return Op.OR;
            case 0x0A:
                return Op.XOR;
            case 0x0E:
                return Op.UXOR;
            case 0x11:
                return Op.DS;
            case 0x22:
                return Op.CMPCLR;
            case 0x26:
                return Op.UADDCM;
            case 0x27:
                return Op.UADDCMT;
            case 0x2E:
                return bits(insn, 16, 5) == 0 ? Op.DCOR : Op.ILLEGAL;
            case 0x2F:
                return bits(insn, 16, 5) == 0 ? Op.IDCOR : Op.ILLEGAL;
            case 0x18: case 0x19: case 0x1A: case 0x1B:
                return Op.ADD;
            case 0x28: case 0x29: case 0x2A: case 0x2B:
                return Op.ADDL;
            case 0x38: case 0x39: case 0x3A: case 0x3B:
                return Op.ADDO;
            case 0x1C:
                return Op.ADDC;
            case 0x3C:
                return Op.ADDCO;
            case 0x10:
                return Op.SUB;
            case 0x30:
                return Op.SUBO;
            case 0x13:
                return Op.SUBT;
            case 0x33:
                return Op.SUBTO;
            case 0x14:
                return Op.SUBB;
            case 0x34:
                return Op.SUBBO;
            default:
                return Op.ILLEGAL;
        }
    }

    private static int decodeIndexedMemory(int insn) {
        int ext4 = bits(insn, 6, 4);
        boolean shortForm = bits(insn, 12, 1) != 0;
        if (!shortForm) {
            if (ext4 <= 2) {
                return Op.LDX;
            }
            return ext4 == 7 ? Op.LDCWX : Op.ILLEGAL;
        }
        if (ext4 <= 2) {
            return Op.LDS;
        }
        if (ext4 == 7) {
            return Op.LDCWS;
        }
        if (ext4 >= 8 && ext4 <= 10) {
            return Op.STS;
        }
        if (ext4 == 12) {
            return Op.STBY;
        }
        return Op.ILLEGAL;
    }

    private static int decodeShiftExtract(int insn) {
        switch (bits(insn, 11, 2)) {
            case 0:
                return bits(insn, 5, 6) == 0 ? Op.SHRPW_SAR : Op.ILLEGAL;
            case 1:
                return bits(insn, 10, 1) == 0 ? Op.SHRPW_IMM : Op.ILLEGAL;
            case 2:
                return bits(insn, 5, 5) == 0 ? Op.EXTRW_SAR : Op.ILLEGAL;
            default:
                return Op.EXTRW_IMM;
        }
    }

    private static int decodeDeposit(int insn) {
        switch (bits(insn, 11, 2)) {
            case 0:
                return bits(insn, 5, 5) == 0 ? Op.DEPW_SAR : Op.ILLEGAL;
            case 1:
                return Op.DEPW_IMM;
            case 2:
                return bits(insn, 5, 5) == 0 ? Op.DEPWI_SAR : Op.ILLEGAL;
            default:
                return Op.DEPWI_IMM;
        }
    }

    private static int decodeBranch(int insn) {
        switch (bits(insn, 13, 3)) {
            case 0:
                return Op.BL;
            case 1:
                return Op.GATE;
            case 2:
                return bits(insn, 0, 13) == 0 || bits(insn, 0, 13) == 2 ? Op.BLR : Op.ILLEGAL;
            case 6:
                return bits(insn, 2, 11) == 0 && bits(insn, 0, 1) == 0 ? Op.BV : Op.ILLEGAL;
            default:
                return Op.ILLEGAL;
        }
    }

    /** The pre-assembled immediate or displacement that the CPU loop uses for an operation. */
    static int immediate(int op, int insn) {
        switch (op) {
            case Op.LDIL:
            case Op.ADDIL:
                return assemble21(insn);
            case Op.LDO:
            case Op.LDB: case Op.LDH: case Op.LDW: case Op.LDWM:
            case Op.STB: case Op.STH: case Op.STW: case Op.STWM:
                return lowSignExt(bits(insn, 0, 14), 14);
            case Op.ADDI: case Op.ADDIO: case Op.ADDIT: case Op.ADDITO:
            case Op.SUBI: case Op.SUBIO: case Op.CMPICLR:
                return lowSignExt(bits(insn, 0, 11), 11);
            case Op.LDS: case Op.LDCWS: case Op.FLDW: case Op.FLDD:
                return lowSignExt(bits(insn, 16, 5), 5);
            case Op.STS: case Op.STBY:
                return lowSignExt(bits(insn, 0, 5), 5);
            case Op.FSTW: case Op.FSTD:
                return lowSignExt(bits(insn, 16, 5), 5);
            case Op.CMPB: case Op.CMPIB: case Op.ADDB: case Op.ADDIB: case Op.MOVB: case Op.MOVIB:
            case Op.BB_SAR: case Op.BB_IMM:
                return assemble12(insn);
            case Op.BL: case Op.GATE: case Op.BE: case Op.BLE:
                return assemble17(insn);
            default:
                return 0;
        }
    }
}
