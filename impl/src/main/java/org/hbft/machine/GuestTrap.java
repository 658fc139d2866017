package org.hbft.machine;

/**
 * Thrown inside the CPU loop when an instruction raises an interruption; caught by the loop,
 * which either vectors through IVA (system mode) or stops with the trap (user mode).
 * Carries no stack trace: it is control flow, not an error of the emulator.
 */
final class GuestTrap extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int number;
    final int address;

    GuestTrap(int number, int address) {
        super(null, null, false, false);
        this.number = number;
        this.address = address;
    }
}
