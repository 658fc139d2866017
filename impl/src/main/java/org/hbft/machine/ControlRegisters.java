package org.hbft.machine;

/** Control register numbers (PA-RISC 1.1). */
public final class ControlRegisters {
    private ControlRegisters() {
    }

    /** Recovery counter: counts non-nullified instructions down while PSW R is set. */
    public static final int RC = 0;
    public static final int PID1 = 8, PID2 = 9, CCR = 10, SAR = 11, PID3 = 12, PID4 = 13;
    /** Interruption vector address. */
    public static final int IVA = 14;
    /** External interrupt enable mask. */
    public static final int EIEM = 15;
    /** Interval timer: reads the instruction-derived clock, writes set the comparison value. */
    public static final int IT = 16;
    public static final int IIASQ = 17, IIAOQ = 18, IIR = 19, ISR = 20, IOR = 21, IPSW = 22;
    /** External interrupt request register. */
    public static final int EIRR = 23;
    public static final int TR0 = 24;
}
