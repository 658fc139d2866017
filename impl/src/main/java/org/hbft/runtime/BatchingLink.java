package org.hbft.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.hbft.replication.Message;
import org.hbft.replication.MessageCodec;
import org.hbft.runtime.net.ReplicationLink;

/**
 * The outbound side of a TCP replication link with batching: messages collect here and go out
 * as one frame ({@link MessageCodec#encodeBatch}) when the replica is about to wait (it may be waiting for their
 * acknowledgements), when {@value #MAX_PENDING} are pending, or when the oldest has waited
 * {@code maxDelayNanos}. FIFO order is kept, so the protocol sees the same link; only the
 * number of system calls and thread wake-ups per epoch changes. A message still here when the
 * process dies is lost with it, as if the crash came a moment earlier.
 */
public final class BatchingLink implements Link {
    static final int MAX_PENDING = 64;

    private final long maxDelayNanos;
    private final boolean dropAcks;
    private final List<byte[]> pending = new ArrayList<>();
    private long oldestNanos;
    private boolean lastIsAck;
    private volatile ReplicationLink link;
    private Runnable beforeSend = () -> { };

    /**
     * @param maxDelayNanos how long a message may wait for others
     * @param dropAcks whether the protocol's acknowledgements are dropped because the link's
     *     reader sends them itself
     */
    public BatchingLink(long maxDelayNanos, boolean dropAcks) {
        this.maxDelayNanos = maxDelayNanos;
        this.dropAcks = dropAcks;
    }

    public void connect(ReplicationLink link) {
        this.link = link;
    }

    /**
     * Runs before every write to the link. The TCP runtime flushes its trace there, so the trace
     * of a processor killed at any moment records at least every step whose messages left it.
     */
    public void beforeSend(Runnable action) {
        this.beforeSend = action;
    }

    @Override
    public void send(List<Message> messages) {
        if (pending.isEmpty()) {
            oldestNanos = System.nanoTime();
        }
        for (Message m : messages) {
            if (dropAcks && m instanceof Message.Ack) {
                continue;
            }
            // Acknowledgements are cumulative: a newer one replaces an older one still waiting.
            if (m instanceof Message.Ack && lastIsAck) {
                pending.set(pending.size() - 1, MessageCodec.encode(m));
            } else {
                pending.add(MessageCodec.encode(m));
            }
            lastIsAck = m instanceof Message.Ack;
        }
    }

    /** Sends what is pending if it is due: many messages, or an old one. */
    public void flushIfDue() {
        if (pending.size() >= MAX_PENDING || !pending.isEmpty() && System.nanoTime() - oldestNanos >= maxDelayNanos) {
            flush();
        }
    }

    /** Sends everything pending now. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        ReplicationLink l = link;
        // One frame for the whole batch: one MAC and one write instead of one per message.
        byte[] batch = MessageCodec.encodeBatch(pending);
        pending.clear();
        lastIsAck = false;
        if (l == null || !l.isUp()) {
            return; // the peer is gone: what is not sent is lost with it
        }
        beforeSend.run();
        try {
            l.send(batch);
        } catch (IOException e) {
            // The reader thread reports the failure to the replica.
        }
    }
}
