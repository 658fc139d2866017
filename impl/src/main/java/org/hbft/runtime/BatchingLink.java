package org.hbft.runtime;

import java.io.IOException;
import java.util.List;

import org.hbft.replication.Message;
import org.hbft.replication.MessageCodec;

/**
 * The outbound side of a TCP replication link with batching: messages collect here and go out
 * as one frame (a {@link MessageCodec.BatchWriter} payload) when the replica is about
 * to wait (it may be waiting for their acknowledgements: {@link #flushAwaitingAck}), when the oldest has waited
 * {@code maxDelayNanos}, or when {@code maxBytes} are pending. FIFO order is kept, so the
 * protocol sees the same link; only the number of frames - system calls, and wake-ups of the
 * peer's reader - changes. A frame costs about the same whether it carries one message or a
 * thousand, so in a busy run the delay is the bound that matters; it also bounds how far a
 * backup can fall behind. Messages are encoded straight into the pending frame (a primary sends
 * two per epoch, hundreds of thousands a second). A message still here when the process dies is
 * lost with it, as if the crash came a moment earlier.
 */
public final class BatchingLink implements Link {
    /** Where frames go: the authenticated replication link, or a test's recorder. */
    public interface Sink {
        boolean isUp();

        void send(byte[] payload) throws IOException;
    }

    private final long maxDelayNanos;
    private final int maxBytes;
    private final MessageCodec.BatchWriter frame = new MessageCodec.BatchWriter();
    /** Whether the last message in {@link #frame} is an acknowledgement. */
    private boolean lastIsAck;
    /** Whether a batch went out unmarked since the last one marked {@link MessageCodec#SENDER_WAITS}. */
    private boolean unrequested;
    private long oldestNanos;
    private volatile Sink sink;
    private Runnable beforeSend = () -> { };

    /**
     * @param maxDelayNanos how long a message may wait for others
     * @param maxBytes how many encoded bytes may wait (the frame is sent when they reach it)
     */
    public BatchingLink(long maxDelayNanos, int maxBytes) {
        if (maxDelayNanos < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("batch bounds must be positive: " + maxDelayNanos + " ns, " + maxBytes + " bytes");
        }
        this.maxDelayNanos = maxDelayNanos;
        this.maxBytes = maxBytes;
    }

    public void connect(Sink sink) {
        this.sink = sink;
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
        for (Message m : messages) {
            boolean ack = m instanceof Message.Ack;
            if (frame.count() == 0) {
                oldestNanos = System.nanoTime();
            }
            if (ack && lastIsAck) {
                frame.removeLast(); // acknowledgements are cumulative: a newer one replaces an older one still waiting
            }
            frame.add(m);
            lastIsAck = ack;
        }
        if (frame.bytes() >= maxBytes) {
            flush();
        }
    }

    /** Sends what is pending if the oldest message has waited long enough. */
    public void flushIfDue() {
        if (frame.count() > 0 && System.nanoTime() - oldestNanos >= maxDelayNanos) {
            flush();
        }
    }

    /** Messages waiting to be sent. */
    public int pending() {
        return frame.count();
    }

    /** Sends everything pending now. */
    public void flush() {
        flush(false);
    }

    /**
     * Sends everything pending now, marked as awaited ({@link MessageCodec#SENDER_WAITS}): the
     * replica is about to wait for the acknowledgement of everything it sent. With nothing
     * pending, sends an empty marked batch if messages went out unmarked since the last marked
     * one (their acknowledgement is not on its way yet), else nothing.
     */
    public void flushAwaitingAck() {
        flush(true);
    }

    private void flush(boolean senderWaits) {
        if (frame.count() == 0 && !(senderWaits && unrequested)) {
            return;
        }
        // One frame for the whole batch: one MAC and one write instead of one per message.
        byte[] batch = frame.take(senderWaits);
        unrequested = !senderWaits;
        lastIsAck = false;
        Sink s = sink;
        if (s == null || !s.isUp()) {
            return; // the peer is gone: what is not sent is lost with it
        }
        beforeSend.run();
        try {
            s.send(batch);
        } catch (IOException e) {
            // The reader thread reports the failure to the replica.
        }
    }
}
