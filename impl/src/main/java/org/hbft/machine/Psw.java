package org.hbft.machine;

/** Processor Status Word bit masks (PA-RISC 1.1), as the value of the 32-bit PSW. */
public final class Psw {
    private Psw() {
    }

    public static final int I = 0x00000001;
    public static final int D = 0x00000002;
    public static final int P = 0x00000004;
    public static final int Q = 0x00000008;
    public static final int R = 0x00000010;
    public static final int F = 0x00000020;
    public static final int G = 0x00000040;
    public static final int CB = 0x0000ff00;
    public static final int M = 0x00010000;
    public static final int V = 0x00020000;
    public static final int C = 0x00040000;
    public static final int B = 0x00080000;
    public static final int X = 0x00100000;
    public static final int N = 0x00200000;
    public static final int L = 0x00400000;
    public static final int H = 0x00800000;
    public static final int T = 0x01000000;
    public static final int S = 0x02000000;
    public static final int E = 0x04000000;
    public static final int Z = 0x40000000;
    public static final int Y = 0x80000000;
    /** The bits SSM, RSM and MTSM may change. */
    public static final int SYSTEM_MASK = G | F | R | Q | P | D | I | E;
}
