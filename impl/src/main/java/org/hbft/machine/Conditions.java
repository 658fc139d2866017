package org.hbft.machine;

/**
 * The condition tables of PA-RISC 1.1. A condition field {@code cf} is {@code (c << 1) | f}:
 * {@code c} selects the test and {@code f} negates it.
 *
 * <p>The manual states the conditions in words ("less than", "no unsigned overflow") and leaves
 * their exact computation for ADD,C and SUB,B open. We follow the reading of qemu-hppa 7.2, the
 * reference we are checked against: after an addition or a subtraction with borrow, "&lt;" is
 * N xor V (the sign of the result corrected by signed overflow) and "&lt;=" adds a zero result;
 * a compare or a subtraction without borrow compares its operands directly.
 */
final class Conditions {
    private Conditions() {
    }

    /** Carry out of bit 31 of a + b = res (0 or 1). */
    static int carryOut(int a, int b, int res) {
        return Integer.compareUnsigned(res, a) < 0 ? 1 : 0;
    }

    static boolean addOverflows(int a, int b, int res) {
        return ((res ^ a) & ~(a ^ b)) < 0;
    }

    static boolean subOverflows(int a, int b, int res) {
        return ((res ^ a) & (a ^ b)) < 0;
    }

    /** The arithmetic conditions on a result with its carry and signed-overflow (sign of sv). */
    static boolean general(int cf, int res, int carry, int sv) {
        boolean r;
        switch (cf >>> 1) {
            case 0:
                r = false;
                break;
            case 1:
                r = res == 0;
                break;
            case 2:
                r = (res ^ sv) < 0;
                break;
            case 3:
                r = (res ^ sv) < 0 || res == 0;
                break;
            case 4:
                r = carry == 0;
                break;
            case 5:
                r = carry == 0 || res == 0;
                break;
            case 6:
                r = sv < 0;
                break;
            default:
                r = (res & 1) != 0;
                break;
        }
        return r ^ ((cf & 1) != 0);
    }

    /** Conditions after an addition a + b (+ carry) = res. */
    static boolean add(int cf, int a, int b, int res, int carry) {
        return general(cf, res, carry, (res ^ a) & ~(a ^ b));
    }

    /** Conditions after a subtraction with borrow, a + ~b + C = res. */
    static boolean subtractWithBorrow(int cf, int a, int b, int res, int carry) {
        return general(cf, res, carry, (res ^ a) & (a ^ b));
    }

    /** Compare conditions for a - b (COMCLR, COMB, SUB without borrow). */
    static boolean compare(int cf, int a, int b) {
        boolean r;
        switch (cf >>> 1) {
            case 0:
                r = false;
                break;
            case 1:
                r = a == b;
                break;
            case 2:
                r = a < b;
                break;
            case 3:
                r = a <= b;
                break;
            case 4:
                r = Integer.compareUnsigned(a, b) < 0;
                break;
            case 5:
                r = Integer.compareUnsigned(a, b) <= 0;
                break;
            case 6: {
                int res = a - b;
                r = ((res ^ a) & (a ^ b)) < 0;
                break;
            }
            default:
                r = ((a - b) & 1) != 0;
                break;
        }
        return r ^ ((cf & 1) != 0);
    }

    /**
     * Logical conditions. The carry and overflow tests (c = 4, 5, 6) are undefined for logical
     * operations; like qemu-hppa, we evaluate them as if carry and overflow were both clear.
     */
    static boolean logical(int cf, int res) {
        return general(cf, res, 0, 0);
    }

    /** Shift/extract/deposit (and MOVB) conditions: never, =, &lt;, OD and their negations. */
    static boolean shiftExtract(int c3, int res) {
        int c = c3 & 3;
        if (c == 3) {
            c = 7;
        }
        return logical((c << 1) | (c3 >>> 2), res);
    }

    /** Unit conditions (UXOR, UADDCM, DCOR): some byte/halfword zero, some digit/byte/halfword carry. */
    static boolean unit(int cf, int a, int b, int res) {
        int carries = ((a | b) & ~res) | (a & b);
        boolean r;
        switch (cf >>> 1) {
            case 2:
                r = ((res - 0x01010101) & ~res & 0x80808080) != 0;
                break;
            case 3:
                r = ((res - 0x00010001) & ~res & 0x80008000) != 0;
                break;
            case 4:
                r = (carries & 0x88888888) != 0;
                break;
            case 6:
                r = (carries & 0x80808080) != 0;
                break;
            case 7:
                r = (carries & 0x80008000) != 0;
                break;
            default:
                r = false;
                break;
        }
        return r ^ ((cf & 1) != 0);
    }
}
