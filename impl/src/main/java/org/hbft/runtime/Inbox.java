package org.hbft.runtime;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a replica's link reader hands to the replica's thread, in order. A bounded inbox makes
 * the reader wait for room when it is full: the reader then stops reading the connection, and
 * TCP holds the peer's sends - a backup's backstop against a primary that outruns it (flow
 * control proper is {@link LagBound}). Closing it releases a waiting reader,
 * so that no thread waits for a replica that has finished. Thread-safe.
 */
final class Inbox {
    /** How long a waiting reader sleeps between looks at whether the inbox was closed. */
    private static final long CLOSED_CHECK_MILLIS = 10;

    private final LinkedBlockingQueue<Object> items;
    private volatile boolean closed;

    private Inbox(LinkedBlockingQueue<Object> items) {
        this.items = items;
    }

    static Inbox unbounded() {
        return new Inbox(new LinkedBlockingQueue<>());
    }

    static Inbox bounded(int capacity) {
        return new Inbox(new LinkedBlockingQueue<>(capacity));
    }

    /**
     * Adds an item, waiting while the inbox is full; returns false, dropping the item, if the
     * inbox is closed first or the thread is interrupted (its interrupt flag is kept).
     */
    boolean put(Object item) {
        try {
            while (!items.offer(item, CLOSED_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The oldest item, or null if there is none. */
    Object poll() {
        return items.poll();
    }

    /** The oldest item, waiting up to {@code millis} for one; null if none came. */
    Object poll(long millis) throws InterruptedException {
        return items.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** No one will take items any more: a reader waiting for room gives up. */
    void close() {
        closed = true;
    }
}
