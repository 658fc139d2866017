package org.hbft.machine;

/**
 * The processor's architectural state at one point of a guest's idle loop, and the counters
 * that advance while the loop spins. If the loop comes back to the same state having done
 * nothing but its idle stores, each further iteration is the same one again: the processor can
 * advance the counters by whole iterations instead of running them ({@link Cpu#idleHint}).
 *
 * <p>The recovery counter (CR0), the hypervisor's epoch counter and the instruction count are
 * the counters; everything else the guest could observe is compared.
 */
final class IdleSnapshot {
    private final int[] gr = new int[32];
    private final int[] sr = new int[8];
    private final int[] cr = new int[32];
    private final int[] shadow = new int[7];
    private final long[] fr = new long[32];
    private int fpStatus;
    private long fr0Seen;
    private int iaoqF;
    private int iaoqB;
    private int iasqF;
    private int iasqB;
    private int iiaoqBack;
    private int iiasqBack;
    private int psw;
    private boolean nullifyNext;
    private int cb;
    private int cbMsb;
    private int vBit;
    private int sar;
    private int timerCompare;

    long cycles;
    long epochCounter;
    int recoveryCounter;
    long effects;
    long idleStores;

    void capture(Cpu c, long epochCounter, int timerCompare, long effects, long idleStores) {
        System.arraycopy(c.gr, 0, gr, 0, gr.length);
        System.arraycopy(c.sr, 0, sr, 0, sr.length);
        System.arraycopy(c.cr, 0, cr, 0, cr.length);
        System.arraycopy(c.shadow, 0, shadow, 0, shadow.length);
        System.arraycopy(c.fpu.fr, 0, fr, 0, fr.length);
        fpStatus = c.fpu.workingStatus();
        fr0Seen = c.fpu.fr0Seen();
        iaoqF = c.iaoqF;
        iaoqB = c.iaoqB;
        iasqF = c.iasqF;
        iasqB = c.iasqB;
        iiaoqBack = c.iiaoqBack;
        iiasqBack = c.iiasqBack;
        psw = c.psw;
        nullifyNext = c.nullifyNext;
        cb = c.cb;
        cbMsb = c.cbMsb;
        vBit = c.vBit;
        sar = c.sar;
        this.timerCompare = timerCompare;
        cycles = c.cycles;
        this.epochCounter = epochCounter;
        recoveryCounter = c.cr[ControlRegisters.RC];
        this.effects = effects;
        this.idleStores = idleStores;
    }

    /** Whether {@code c} is in the captured state, the counters apart. */
    boolean matches(Cpu c, int timerCompare) {
        if (c.iaoqF != iaoqF || c.iaoqB != iaoqB || c.nullifyNext != nullifyNext || c.psw != psw
                || c.iasqF != iasqF || c.iasqB != iasqB || c.cb != cb || c.cbMsb != cbMsb
                || c.vBit != vBit || c.sar != sar || c.iiaoqBack != iiaoqBack || c.iiasqBack != iiasqBack
                || this.timerCompare != timerCompare || c.fpu.workingStatus() != fpStatus || c.fpu.fr0Seen() != fr0Seen) {
            return false;
        }
        for (int i = 0; i < cr.length; i++) {
            if (i != ControlRegisters.RC && c.cr[i] != cr[i]) {
                return false;
            }
        }
        return java.util.Arrays.equals(c.gr, gr) && java.util.Arrays.equals(c.sr, sr)
                && java.util.Arrays.equals(c.shadow, shadow) && java.util.Arrays.equals(c.fpu.fr, fr);
    }
}
