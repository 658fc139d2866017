package org.hbft.machine.device;

import java.util.function.LongSupplier;

/**
 * The time-of-day clock. Its readings are environment values: the machine records each one
 * and a replay returns the recorded value, so they never make two replicas differ.
 *
 * <pre>
 * offset  access  register
 * 0x00    R       SECONDS  seconds since 1970-01-01 UTC (low 32 bits); latches MICROS
 * 0x04    R       MICROS   microseconds within that second, as of the last SECONDS read
 * </pre>
 * It raises no interrupts (the interval timer is the CPU's CR16).
 */
public final class ClockDevice implements Device {
    public static final int SECONDS = 0x00, MICROS = 0x04;

    private final LongSupplier microsSinceEpoch;
    private DeviceContext context;
    private int latchedMicros;

    /** A clock reading the host's time of day. */
    public ClockDevice() {
        this(ClockDevice::hostMicros);
    }

    /** The host's time of day in microseconds since 1970-01-01 UTC. */
    public static long hostMicros() {
        return HostClock.micros();
    }

    /** A clock reading the given source of microseconds since the epoch. */
    public ClockDevice(LongSupplier microsSinceEpoch) {
        this.microsSinceEpoch = microsSinceEpoch;
    }

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public void attach(int slot, DeviceContext context) {
        this.context = context;
    }

    @Override
    public boolean hasRegister(int offset) {
        return offset == SECONDS || offset == MICROS;
    }

    @Override
    public int read(int offset) {
        if (offset == SECONDS) {
            long now = context.environmentValue(microsSinceEpoch);
            latchedMicros = (int) Math.floorMod(now, 1_000_000L);
            return (int) Math.floorDiv(now, 1_000_000L);
        }
        return latchedMicros;
    }

    @Override
    public void write(int offset, int value) {
        // Read-only registers: stores are ignored.
    }

    @Override
    public void deliver(DeviceEvent event) {
        // No events.
    }
}
