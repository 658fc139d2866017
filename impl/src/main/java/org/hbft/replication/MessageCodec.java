package org.hbft.replication;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

import org.hbft.machine.device.DeviceEvent;

/**
 * The binary form of a {@link Message}, the payload of one replication-link frame. A message is
 * a type byte and its fields as variable-length integers (seven bits a byte, low group first;
 * signed fields zigzag-encoded). In a batch, a message's epoch is its difference from the
 * previous message's, and a clock value ([Tme]) its difference from the previous one's: a
 * primary's two messages of an epoch then take 7 or 8 bytes instead of 34, which matters on a
 * real network (a busy primary ends a quarter of a million epochs a second). Decoding checks
 * every field against the payload, so a frame that passed authentication but is malformed is
 * reported, never half-read.
 */
public final class MessageCodec {
    private static final byte VALUE = 1, RELAY = 2, TME = 3, END = 4, ACK = 5;
    /** Largest data an interrupt may carry (16 blocks of a disk read). */
    public static final int MAX_DATA = 16 * 4096;
    /** Longest encoding of one variable-length integer (a 64-bit value, seven bits a byte). */
    private static final int MAX_VARINT = 10;

    private MessageCodec() {
    }

    /** At most how many bytes {@code m} takes, wherever it stands in a batch. */
    private static int maxEncodedLength(Message m) {
        if (m instanceof Message.Relay r) {
            return 1 + 4 * MAX_VARINT + 1 + MAX_VARINT + r.interrupt().event().dataLength();
        }
        return 1 + 2 * MAX_VARINT;
    }

    /**
     * Encodes messages into a buffer, each field relative to the previous message where that is
     * shorter (the epoch, the clock value). The buffer must have room: {@link #maxEncodedLength}.
     */
    private static final class Writer {
        ByteBuffer buf;
        int lastEpoch;
        long lastTme;

        Writer(ByteBuffer buf) {
            this.buf = buf;
        }

        void put(Message m) {
            if (m instanceof Message.Tme t) {
                buf.put(TME);
                epoch(t.epoch());
                signed(t.tme() - lastTme);
                lastTme = t.tme();
            } else if (m instanceof Message.End e) {
                buf.put(END);
                epoch(e.epoch());
                signed(e.length());
            } else if (m instanceof Message.Value v) {
                buf.put(VALUE);
                epoch(v.epoch());
                signed(v.value());
            } else if (m instanceof Message.Ack a) {
                buf.put(ACK);
                signed(a.count());
            } else {
                Message.Relay r = (Message.Relay) m;
                Interrupt i = r.interrupt();
                byte[] data = i.event().data();
                buf.put(RELAY);
                epoch(r.epoch());
                buf.put((byte) i.kind().ordinal());
                signed(i.id());
                signed(i.event().device());
                signed(i.event().status());
                unsigned(data.length);
                buf.put(data);
            }
        }

        private void epoch(int epoch) {
            signed((long) epoch - lastEpoch);
            lastEpoch = epoch;
        }

        private void signed(long v) {
            unsigned((v << 1) ^ (v >> 63));
        }

        private void unsigned(long v) {
            while ((v & ~0x7fL) != 0) {
                buf.put((byte) (v & 0x7f | 0x80));
                v >>>= 7;
            }
            buf.put((byte) v);
        }
    }

    /** Decodes what a {@link Writer} made, with the same running context. */
    private static final class Reader {
        final ByteBuffer buf;
        int lastEpoch;
        long lastTme;

        Reader(ByteBuffer buf) {
            this.buf = buf;
        }

        Message next() {
            byte type = buf.get();
            switch (type) {
                case TME: {
                    int e = epoch();
                    lastTme += signed();
                    return new Message.Tme(e, lastTme);
                }
                case END:
                    return new Message.End(epoch(), signed());
                case VALUE:
                    return new Message.Value(epoch(), signed());
                case ACK:
                    return new Message.Ack(signed());
                case RELAY: {
                    int e = epoch();
                    int kind = buf.get();
                    if (kind < 0 || kind >= Interrupt.Kind.values().length) {
                        throw new IllegalArgumentException("unknown interrupt kind " + kind);
                    }
                    int id = signedInt("interrupt id");
                    int device = signedInt("device");
                    int status = signedInt("status");
                    long length = unsigned();
                    if (length > MAX_DATA || length > buf.remaining()) {
                        throw new IllegalArgumentException("interrupt data length " + length + " out of range");
                    }
                    byte[] data = new byte[(int) length];
                    buf.get(data);
                    return new Message.Relay(e, new Interrupt(Interrupt.Kind.values()[kind], id,
                            new DeviceEvent(device, status, data)));
                }
                default:
                    throw new IllegalArgumentException("unknown message type " + type);
            }
        }

        private int epoch() {
            long e = lastEpoch + signed();
            if (e != (int) e) {
                throw new IllegalArgumentException("epoch " + e + " out of range");
            }
            lastEpoch = (int) e;
            return lastEpoch;
        }

        private int signedInt(String what) {
            long v = signed();
            if (v != (int) v) {
                throw new IllegalArgumentException(what + " " + v + " out of range");
            }
            return (int) v;
        }

        private long signed() {
            long z = unsigned();
            return (z >>> 1) ^ -(z & 1);
        }

        private long unsigned() {
            long v = 0;
            for (int i = 0; i < MAX_VARINT; i++) {
                int b = buf.get();
                if (i == MAX_VARINT - 1 && (b & 0xfe) != 0) {
                    throw new IllegalArgumentException("variable-length integer longer than 64 bits");
                }
                v |= (long) (b & 0x7f) << (7 * i);
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("variable-length integer longer than 64 bits");
        }
    }

    /**
     * The top bit of a batch's count: the sender is waiting for the acknowledgement of everything
     * up to this batch. A backup acknowledges such a batch at once and others when it suits it
     * (acknowledgements are cumulative), so that a primary that is not waiting is not woken by
     * them a thousand times a second.
     */
    public static final int SENDER_WAITS = 0x8000_0000;

    /**
     * Bit 30 of a payload's first word: not a batch but a backup's progress report, the epoch it
     * executes now, for the primary's flow control (a runtime matter the protocol does not see).
     * No batch count has it: a batch has fewer messages than a payload has bytes.
     */
    public static final int PROGRESS = 0x4000_0000;

    /** A progress report: the backup executes {@code epoch}. */
    public static byte[] encodeProgress(int epoch) {
        return ByteBuffer.allocate(8).putInt(PROGRESS).putInt(epoch).array();
    }

    /** Whether a payload is a progress report rather than a batch. */
    public static boolean isProgress(byte[] payload) {
        return payload.length == 8 && (payload[0] & 0xc0) == 0x40;
    }

    /** The epoch a progress report ({@link #isProgress}) gives. */
    public static int decodeProgress(byte[] payload) {
        if (!isProgress(payload)) {
            throw new IllegalArgumentException("not a progress report (" + payload.length + " bytes)");
        }
        return ByteBuffer.wrap(payload).getInt(4);
    }

    /**
     * Several messages in one payload, so that a batch costs one frame and one MAC on the link:
     * a four-byte count (its top bit {@link #SENDER_WAITS}), then the messages, each encoded
     * relative to the one before it.
     */
    public static byte[] encodeBatch(java.util.List<Message> messages) {
        BatchWriter w = new BatchWriter();
        messages.forEach(w::add);
        return w.take();
    }

    /**
     * Builds a batch payload (the {@link #encodeBatch} format) one message at a time, encoding
     * each straight into the payload. Reusable: {@link #take} hands out the payload and starts
     * the next.
     */
    public static final class BatchWriter {
        private final Writer w = new Writer(ByteBuffer.allocate(4096).position(4));
        private int count;
        private int lastStart = -1;
        private int epochBeforeLast;
        private long tmeBeforeLast;

        /** Appends a message. */
        public void add(Message m) {
            int most = maxEncodedLength(m);
            ByteBuffer buf = w.buf;
            if (buf.remaining() < most) {
                w.buf = ByteBuffer.allocate(Math.max(2 * buf.capacity(), buf.position() + most)).put(buf.flip());
            }
            lastStart = w.buf.position();
            epochBeforeLast = w.lastEpoch;
            tmeBeforeLast = w.lastTme;
            w.put(m);
            count++;
        }

        /** Takes back the message added last (only that one). */
        public void removeLast() {
            if (lastStart < 0) {
                throw new IllegalStateException("no message to take back");
            }
            w.buf.position(lastStart);
            w.lastEpoch = epochBeforeLast;
            w.lastTme = tmeBeforeLast;
            lastStart = -1;
            count--;
        }

        /** Messages in the batch. */
        public int count() {
            return count;
        }

        /** Size of the payload so far, in bytes. */
        public int bytes() {
            return w.buf.position();
        }

        /** The payload of the messages added since the last take; the writer is then empty. */
        public byte[] take() {
            return take(false);
        }

        /**
         * {@link #take()}, the payload marked {@link #SENDER_WAITS} if {@code senderWaits}; a
         * marked batch may be empty (a request for the acknowledgement of earlier batches).
         */
        public byte[] take(boolean senderWaits) {
            ByteBuffer buf = w.buf;
            buf.putInt(0, senderWaits ? count | SENDER_WAITS : count);
            byte[] payload = java.util.Arrays.copyOf(buf.array(), buf.position());
            buf.clear().position(4);
            w.lastEpoch = 0;
            w.lastTme = 0;
            count = 0;
            lastStart = -1;
            return payload;
        }
    }

    /** Whether a batch payload is marked {@link #SENDER_WAITS} (false for one too short to be a batch). */
    public static boolean senderWaits(byte[] payload) {
        return payload.length >= 4 && (payload[0] & 0x80) != 0;
    }

    /**
     * Decodes a batch payload (whether or not marked {@link #SENDER_WAITS}); throws
     * IllegalArgumentException saying what is wrong with it.
     */
    public static java.util.List<Message> decodeBatch(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        try {
            int n = b.getInt() & ~SENDER_WAITS;
            if (n > b.remaining() / 2) { // no message is shorter than two bytes
                throw new IllegalArgumentException("batch of " + n + " messages in " + payload.length + " bytes");
            }
            Reader r = new Reader(b);
            java.util.List<Message> l = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                try {
                    l.add(r.next());
                } catch (IllegalArgumentException | BufferUnderflowException e) {
                    throw new IllegalArgumentException("message " + (i + 1) + " of the batch: "
                            + (e instanceof BufferUnderflowException ? "truncated" : e.getMessage()));
                }
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " bytes after the batch");
            }
            return l;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("batch truncated");
        }
    }
}
