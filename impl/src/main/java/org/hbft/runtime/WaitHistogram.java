package org.hbft.runtime;

/**
 * How long a replica waited for the other processor, wait by wait, in power-of-two buckets of
 * microseconds: how many waits fell in each and how much time they took together. A mean hides
 * what matters here - whether the waiting is many round trips or a few long stalls.
 * Single-threaded, like the replica's loop that fills it.
 */
final class WaitHistogram {
    /** Bucket 0 holds waits under 2 µs; bucket k >= 1 those from 2^k µs to just under 2^(k+1). */
    static final int BUCKETS = 32;

    private final long[] counts = new long[BUCKETS];
    private final long[] nanos = new long[BUCKETS];

    /** Counts one wait of {@code waitNanos} (negative counts as 0). */
    void add(long waitNanos) {
        long w = Math.max(0, waitNanos);
        int b = bucket(w);
        counts[b]++;
        nanos[b] += w;
    }

    /** The bucket of a wait of {@code waitNanos} (at least 0). */
    static int bucket(long waitNanos) {
        long micros = waitNanos / 1000;
        return micros < 2 ? 0 : Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
    }

    /** The shortest wait, in microseconds, that bucket {@code b} holds. */
    static long fromMicros(int b) {
        return b == 0 ? 0 : 1L << b;
    }

    /** Waits counted. */
    long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** Their total time. */
    long totalNanos() {
        long t = 0;
        for (long x : nanos) {
            t += x;
        }
        return t;
    }

    /**
     * The non-empty buckets as a JSON array, shortest first:
     * {@code [{"fromMicros":32,"count":27007,"nanos":1365000000}, ...]}.
     */
    String toJson() {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < BUCKETS; k++) {
            if (counts[k] == 0) {
                continue;
            }
            if (b.length() > 1) {
                b.append(',');
            }
            b.append("{\"fromMicros\":").append(fromMicros(k)).append(",\"count\":").append(counts[k])
                    .append(",\"nanos\":").append(nanos[k]).append('}');
        }
        return b.append(']').toString();
    }
}
