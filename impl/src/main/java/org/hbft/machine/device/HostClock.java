package org.hbft.machine.device;

import java.time.Instant;

/**
 * The host's time of day in microseconds, read cheaply: a replicating primary reads it at every
 * epoch end, hundreds of thousands of times a second, and {@link Instant#now()} costs a call into
 * the VM each time. This clock reads the wall clock every {@value #RESYNC_MILLIS} ms and counts
 * the monotonic clock in between, so it follows the wall clock to within the drift of that
 * interval. Readings may step back by as much when the host's clock is set; the protocol's clock
 * floor (P6) keeps what the guest sees monotonic regardless.
 */
public final class HostClock {
    static final long RESYNC_MILLIS = 100;

    /** A wall-clock reading and the monotonic time it was taken at. */
    private record Base(long micros, long nanos) {}

    private static volatile Base base = read();

    private HostClock() {
    }

    /** Microseconds since 1970-01-01 UTC. */
    public static long micros() {
        Base b = base;
        long elapsed = System.nanoTime() - b.nanos;
        if (elapsed < 0 || elapsed >= RESYNC_MILLIS * 1_000_000L) {
            b = read();
            base = b;
            elapsed = 0;
        }
        return b.micros + elapsed / 1000;
    }

    private static Base read() {
        long nanos = System.nanoTime();
        Instant now = Instant.now();
        return new Base(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000, nanos);
    }
}
