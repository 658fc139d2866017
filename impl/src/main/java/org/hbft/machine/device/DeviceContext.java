package org.hbft.machine.device;

import java.util.function.LongSupplier;

/** What the machine offers its devices. */
public interface DeviceContext {
    /** Guest physical memory, for DMA (every transfer is bounds-checked by {@link GuestRam}). */
    GuestRam ram();

    /**
     * Hands an event to the machine, which delivers it to {@link Device#deliver} at an instruction
     * count of its choosing. Safe to call from any thread (network back ends run on their own).
     */
    void post(DeviceEvent event);

    /**
     * Reads a value from the environment (a clock, say) for a guest register load. The machine
     * records it, and on a replay returns the recorded value instead of calling {@code source}.
     */
    long environmentValue(LongSupplier source);

    /**
     * Hands an operation to the environment. The context performs it (now, later, or never on
     * a backup) and delivers its completion through {@link Device#deliver} like any event.
     */
    void startIo(IoRequest request);

    /** Sets the given EIRR bits: the device's interrupt line. */
    void raiseInterrupt(int eirrMask);

    /** Stops the machine with an exit status (the guest powered off). */
    void powerOff(int status);

    /** The guest is idle; the host may wait for events (costs host time, never VM state). */
    default void idle() {
    }
}
