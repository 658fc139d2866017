package org.hbft.runtime;

import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;

import org.hbft.replication.Message;
import org.hbft.replication.MessageCodec;

/**
 * The backup's acknowledgements (P4) as its link's reader sends them: as soon as a batch is in
 * this process, instead of the protocol's own (which the TCP backup switches off,
 * {@code Protocol.setAcknowledging}), so that a primary waiting for them is spared two thread
 * hand-offs. The count is cumulative.
 *
 * <p>A batch whose sender waits for its acknowledgement ({@link MessageCodec#SENDER_WAITS}) is
 * acknowledged at once; others together with a later batch, at most once per {@code lazyNanos}:
 * a primary that is not waiting has no use for them, and every one wakes its link's reader, a
 * thousand times a second when the primary sends a batch a millisecond (a few per cent of the
 * CPU it runs its guest on). They keep coming now and then all the same while batches do.
 *
 * <p>A batch can arrive before the process holds the link it came on (the link's reader starts
 * inside the call that returns the link); its acknowledgement then goes out when the link is
 * handed over, {@link #linkReady}, so that a primary waiting for it does not wait forever. A
 * backup that dies with batches queued leaves a primary that no longer depends on it.
 * Thread-safe.
 */
final class EarlyAcknowledger {
    private final long lazyNanos;
    private final LongSupplier clock;
    private long received;
    /** The count last acknowledged, and when. */
    private long acknowledged;
    private long acknowledgedAtNanos;
    private BatchingLink.Sink link;

    /**
     * @param lazyNanos how long a batch whose sender is not waiting may go unacknowledged (0:
     *     every batch is acknowledged at once)
     * @param clock monotonic nanoseconds
     */
    EarlyAcknowledger(long lazyNanos, LongSupplier clock) {
        if (lazyNanos < 0) {
            throw new IllegalArgumentException("negative delay: " + lazyNanos);
        }
        this.lazyNanos = lazyNanos;
        this.clock = clock;
        this.acknowledgedAtNanos = clock.getAsLong();
    }

    /**
     * Counts the messages of a batch that just arrived, and acknowledges everything so far if
     * the sender waits for it or the last acknowledgement is {@code lazyNanos} old (and the link
     * is there).
     */
    synchronized void received(List<Message> batch, boolean senderWaits) {
        for (Message m : batch) {
            if (!(m instanceof Message.Ack)) {
                received++;
            }
        }
        if (senderWaits || clock.getAsLong() - acknowledgedAtNanos >= lazyNanos) {
            send();
        }
    }

    /** The link is now the process's: acknowledges whatever arrived before. */
    synchronized void linkReady(BatchingLink.Sink link) {
        this.link = link;
        send();
    }

    /** Messages counted so far. */
    synchronized long received() {
        return received;
    }

    private void send() {
        if (link == null || received == acknowledged || !link.isUp()) {
            return;
        }
        try {
            link.send(MessageCodec.encodeBatch(List.of(new Message.Ack(received))));
            acknowledged = received;
            acknowledgedAtNanos = clock.getAsLong();
        } catch (IOException e) {
            // The failure reaches the replica through the link's listener.
        }
    }
}
