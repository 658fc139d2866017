package org.hbft.replication;

/**
 * A long per epoch, for the window of epochs a backup holds messages for: the primary's epochs
 * arrive in order and leave in order as the backup runs them. A ring of primitive slots: a
 * backup receives two such values per epoch, hundreds of thousands a second, and a map of boxed
 * keys and values gave the garbage collector that many objects to copy while the backup was
 * behind. Any epoch may be stored; the ring grows to span the lowest and highest held.
 */
final class EpochValues {
    private long[] values = new long[64];
    private boolean[] present = new boolean[64];
    /** The lowest epoch the ring spans, and its slot. */
    private int base;
    private int head;
    /** Epochs spanned, from {@link #base}; 0 when empty. */
    private int span;

    void put(int epoch, long value) {
        if (span == 0) {
            base = epoch;
            head = 0;
            span = 1;
        } else if (epoch < base) {
            int more = base - epoch;
            ensureCapacity(span + more);
            head = Math.floorMod(head - more, values.length);
            base = epoch;
            span += more;
        } else if (epoch - base >= span) {
            ensureCapacity(epoch - base + 1);
            span = epoch - base + 1;
        }
        int i = slot(epoch);
        values[i] = value;
        present[i] = true;
    }

    boolean contains(int epoch) {
        return span > 0 && epoch >= base && epoch - base < span && present[slot(epoch)];
    }

    long get(int epoch, long otherwise) {
        return contains(epoch) ? values[slot(epoch)] : otherwise;
    }

    /** Removes the epoch's value and returns it, or {@code otherwise} if there was none. */
    long remove(int epoch, long otherwise) {
        if (!contains(epoch)) {
            return otherwise;
        }
        int i = slot(epoch);
        present[i] = false;
        long v = values[i];
        while (span > 0 && !present[head]) {
            head = (head + 1) % values.length;
            base++;
            span--;
        }
        while (span > 0 && !present[slot(base + span - 1)]) {
            span--;
        }
        return v;
    }

    private int slot(int epoch) {
        return (head + (epoch - base)) % values.length;
    }

    private void ensureCapacity(int needed) {
        if (needed <= values.length) {
            return;
        }
        int cap = values.length;
        while (cap < needed) {
            cap *= 2;
        }
        long[] v = new long[cap];
        boolean[] p = new boolean[cap];
        for (int k = 0; k < span; k++) {
            int from = (head + k) % values.length;
            v[k] = values[from];
            p[k] = present[from];
        }
        values = v;
        present = p;
        head = 0;
    }

    @Override
    public String toString() {
        return "EpochValues[epochs " + base + ".." + (base + span - 1) + ", capacity " + values.length + "]";
    }
}
