package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitHistogramTest {
    @Test
    void waitsFallInPowerOfTwoMicrosecondBucketsAndKeepTheirTotal() {
        WaitHistogram h = new WaitHistogram();
        h.add(500);            // 0.5 us: under 2 us
        h.add(1_999);          // still under 2 us
        h.add(2_000);          // 2 us
        h.add(3_999);          // 3.999 us: same bucket
        h.add(40_000);         // 40 us: 32..63
        h.add(63_999);         // 32..63
        h.add(3_000_000);      // 3 ms: 2048..4095 us
        assertThat(h.count()).isEqualTo(7);
        assertThat(h.totalNanos()).isEqualTo(500 + 1_999 + 2_000 + 3_999 + 40_000 + 63_999 + 3_000_000);
        assertThat(h.toJson()).isEqualTo("[{\"fromMicros\":0,\"count\":2,\"nanos\":2499},"
                + "{\"fromMicros\":2,\"count\":2,\"nanos\":5999},"
                + "{\"fromMicros\":32,\"count\":2,\"nanos\":103999},"
                + "{\"fromMicros\":2048,\"count\":1,\"nanos\":3000000}]");
    }

    @Test
    void anEmptyHistogramIsAnEmptyArrayAndAHugeWaitLandsInTheLastBucket() {
        WaitHistogram h = new WaitHistogram();
        assertThat(h.toJson()).isEqualTo("[]");
        assertThat(WaitHistogram.bucket(Long.MAX_VALUE)).isEqualTo(WaitHistogram.BUCKETS - 1);
        assertThat(WaitHistogram.bucket(-5)).isZero();
        h.add(-5);
        assertThat(h.toJson()).isEqualTo("[{\"fromMicros\":0,\"count\":1,\"nanos\":0}]");
    }
}
