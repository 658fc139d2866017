package org.hbft.machine.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The cheap time-of-day clock follows the wall clock and moves forward between readings. */
class HostClockTest {
    @Test
    void readsTheWallClockWithinTheResyncInterval() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            Instant before = Instant.now();
            long micros = HostClock.micros();
            Instant after = Instant.now();
            long lo = before.getEpochSecond() * 1_000_000L + before.getNano() / 1000;
            long hi = after.getEpochSecond() * 1_000_000L + after.getNano() / 1000;
            // Counted on the monotonic clock since the last resync: off by its drift at most (well under 5 ms).
            assertThat(micros).isBetween(lo - 5_000, hi + 5_000);
            Thread.sleep(HostClock.RESYNC_MILLIS / 2 + 7);
        }
    }

    @Test
    void advancesBetweenReadings() throws InterruptedException {
        long first = HostClock.micros();
        Thread.sleep(20);
        long second = HostClock.micros();
        assertThat(second - first).isBetween(19_000L, 2_000_000L);
    }
}
