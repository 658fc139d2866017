package org.hbft.machine;

/** Encodes the handful of PA-RISC instructions the system-mode tests hand-assemble. */
final class Encode {
    private Encode() {
    }

    static int lowSign(int v, int n) {
        return ((v & ((1 << (n - 1)) - 1)) << 1) | (v < 0 ? 1 : 0);
    }

    static int ldo(int imm, int b, int t) {
        return (0x0D << 26) | (b << 21) | (t << 16) | lowSign(imm, 14);
    }

    static int ldi(int imm, int t) {
        return ldo(imm, 0, t);
    }

    static int addi(int imm, int r, int t) {
        return (0x2D << 26) | (r << 21) | (t << 16) | lowSign(imm, 11);
    }

    /** ADD,L r1,r2,t. */
    static int addl(int r1, int r2, int t) {
        return (0x02 << 26) | (r2 << 21) | (r1 << 16) | (0x28 << 6) | t;
    }

    /** CMPCLR,= r1,r2,t: clears t and nullifies the next instruction when r1 == r2. */
    static int cmpclrEq(int r1, int r2, int t) {
        return (0x02 << 26) | (r2 << 21) | (r1 << 16) | (2 << 12) | (0x22 << 6) | t;
    }

    static int nop() {
        return (0x02 << 26) | (0x09 << 6);
    }

    static int mtctl(int r, int cr) {
        return (cr << 21) | (r << 16) | (0xC2 << 5);
    }

    static int mfctl(int cr, int t) {
        return (cr << 21) | (0x45 << 5) | t;
    }

    static int ssm(int mask, int t) {
        return (mask << 16) | (0x6B << 5) | t;
    }

    static int rsm(int mask, int t) {
        return (mask << 16) | (0x73 << 5) | t;
    }

    static int rfi() {
        return 0x60 << 5;
    }

    static int rfir() {
        return 0x65 << 5;
    }

    static int breakInsn() {
        return 0;
    }

    /** B,L target,t (t = 0: plain branch); displacement in bytes from the branch + 8. */
    static int bl(int disp, int t) {
        int w = disp >> 2;
        int w2 = w & 0x3ff;
        int w10 = (w >> 10) & 1;
        int w1 = (w >> 11) & 0x1f;
        int s = (w >> 16) & 1;
        return (0x3A << 26) | (t << 21) | (w1 << 16) | (w2 << 3) | (w10 << 2) | s;
    }

    /** LDW disp(b),t with the short-pointer space. */
    static int ldw(int disp, int b, int t) {
        return (0x12 << 26) | (b << 21) | (t << 16) | lowSign(disp, 14);
    }

    static int stw(int r, int disp, int b) {
        return (0x1A << 26) | (b << 21) | (r << 16) | lowSign(disp, 14);
    }

    /** IDTLBA r,(s,b) when address, IDTLBP r,(s,b) otherwise. */
    static int idtlb(boolean address, int r, int b) {
        return (0x01 << 26) | (b << 21) | (r << 16) | (0x20 << 7) | ((address ? 1 : 0) << 6);
    }

    /** Fills the interruption vectors at {@code iva}: each records its number in r20 and parks. */
    static void parkingVectors(PagedMemory mem, int iva) {
        for (int n = 1; n < 32; n++) {
            int v = iva + 32 * n;
            mem.pokeWord(v, ldi(n, 20));
            mem.pokeWord(v + 4, bl(-8, 0));
            mem.pokeWord(v + 8, nop());
        }
    }

    static int mtsp(int r, int sr) {
        return ((sr & 3) << 14) | ((sr >> 2) << 13) | (r << 16) | (0xC1 << 5);
    }
}
