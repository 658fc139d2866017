package org.hbft.replication;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

import org.hbft.machine.device.DeviceEvent;

/**
 * The binary form of a {@link Message}, the payload of one replication-link frame. Big-endian:
 * a type byte, then the fields. Decoding checks every length against the payload, so a frame
 * that passed authentication but is malformed is reported, never half-read.
 */
public final class MessageCodec {
    private static final byte VALUE = 1, RELAY = 2, TME = 3, END = 4, ACK = 5;
    /** Largest data an interrupt may carry (16 blocks of a disk read). */
    public static final int MAX_DATA = 16 * 4096;

    private MessageCodec() {
    }

    public static byte[] encode(Message m) {
        ByteBuffer b = ByteBuffer.allocate(encodedLength(m));
        encodeInto(m, b);
        return b.array();
    }

    /** How many bytes {@link #encode} makes of {@code m}. */
    public static int encodedLength(Message m) {
        if (m instanceof Message.Ack) {
            return 9;
        } else if (m instanceof Message.Relay r) {
            return 1 + 4 + 1 + 4 + 4 + 4 + 4 + r.interrupt().event().data().length;
        }
        return 13;
    }

    /** Writes {@code m} at the buffer's position: {@link #encodedLength} bytes. */
    public static void encodeInto(Message m, ByteBuffer b) {
        if (m instanceof Message.Value v) {
            b.put(VALUE).putInt(v.epoch()).putLong(v.value());
        } else if (m instanceof Message.Tme t) {
            b.put(TME).putInt(t.epoch()).putLong(t.tme());
        } else if (m instanceof Message.End e) {
            b.put(END).putInt(e.epoch()).putLong(e.length());
        } else if (m instanceof Message.Ack a) {
            b.put(ACK).putLong(a.count());
        } else {
            Message.Relay r = (Message.Relay) m;
            Interrupt i = r.interrupt();
            byte[] data = i.event().data();
            b.put(RELAY).putInt(r.epoch()).put((byte) i.kind().ordinal()).putInt(i.id()).putInt(i.event().device())
                    .putInt(i.event().status()).putInt(data.length).put(data);
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
     * a count (its top bit {@link #SENDER_WAITS}), then each message's length and bytes.
     */
    public static byte[] encodeBatch(java.util.List<byte[]> encoded) {
        int size = 4;
        for (byte[] m : encoded) {
            size += 4 + m.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putInt(encoded.size());
        for (byte[] m : encoded) {
            b.putInt(m.length).put(m);
        }
        return b.array();
    }

    /**
     * Builds a batch payload (the {@link #encodeBatch} format) one message at a time, encoding
     * each straight into the payload. Reusable: {@link #take} hands out the payload and starts
     * the next.
     */
    public static final class BatchWriter {
        private ByteBuffer buf = ByteBuffer.allocate(4096).position(4);
        private int count;
        private int lastStart = -1;

        /** Appends a message. */
        public void add(Message m) {
            int length = encodedLength(m);
            if (buf.remaining() < 4 + length) {
                buf = ByteBuffer.allocate(Math.max(2 * buf.capacity(), buf.position() + 4 + length)).put(buf.flip());
            }
            lastStart = buf.position();
            buf.putInt(length);
            encodeInto(m, buf);
            count++;
        }

        /** Takes back the message added last (only that one). */
        public void removeLast() {
            if (lastStart < 0) {
                throw new IllegalStateException("no message to take back");
            }
            buf.position(lastStart);
            lastStart = -1;
            count--;
        }

        /** Messages in the batch. */
        public int count() {
            return count;
        }

        /** Size of the payload so far, in bytes. */
        public int bytes() {
            return buf.position();
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
            buf.putInt(0, senderWaits ? count | SENDER_WAITS : count);
            byte[] payload = java.util.Arrays.copyOf(buf.array(), buf.position());
            buf.clear().position(4);
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
            if (n > payload.length / 5) {
                throw new IllegalArgumentException("batch of " + n + " messages in " + payload.length + " bytes");
            }
            java.util.List<Message> l = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len < 1 || len > b.remaining()) {
                    throw new IllegalArgumentException("message " + (i + 1) + " of the batch has length " + len);
                }
                int end = b.position() + len;
                l.add(decode(b.slice(b.position(), len)));
                b.position(end);
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " bytes after the batch");
            }
            return l;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("batch truncated");
        }
    }

    /** Decodes a payload; throws IllegalArgumentException saying what is wrong with it. */
    public static Message decode(byte[] payload) {
        return decode(ByteBuffer.wrap(payload));
    }

    /** Decodes the buffer's remaining bytes, which must be exactly one message. */
    private static Message decode(ByteBuffer b) {
        try {
            byte type = b.get();
            Message m;
            switch (type) {
                case VALUE:
                    m = new Message.Value(b.getInt(), b.getLong());
                    break;
                case TME:
                    m = new Message.Tme(b.getInt(), b.getLong());
                    break;
                case END:
                    m = new Message.End(b.getInt(), b.getLong());
                    break;
                case ACK:
                    m = new Message.Ack(b.getLong());
                    break;
                case RELAY: {
                    int epoch = b.getInt();
                    int kind = b.get();
                    if (kind < 0 || kind >= Interrupt.Kind.values().length) {
                        throw new IllegalArgumentException("unknown interrupt kind " + kind);
                    }
                    int id = b.getInt();
                    int device = b.getInt();
                    int status = b.getInt();
                    int length = b.getInt();
                    if (length < 0 || length > MAX_DATA || length > b.remaining()) {
                        throw new IllegalArgumentException("interrupt data length " + length + " out of range");
                    }
                    byte[] data = new byte[length];
                    b.get(data);
                    m = new Message.Relay(epoch, new Interrupt(Interrupt.Kind.values()[kind], id,
                            new DeviceEvent(device, status, data)));
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown message type " + type);
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " bytes after the message");
            }
            return m;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("message truncated");
        }
    }
}
