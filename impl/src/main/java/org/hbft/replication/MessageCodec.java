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
        if (m instanceof Message.Value v) {
            return ByteBuffer.allocate(13).put(VALUE).putInt(v.epoch()).putLong(v.value()).array();
        } else if (m instanceof Message.Tme t) {
            return ByteBuffer.allocate(13).put(TME).putInt(t.epoch()).putLong(t.tme()).array();
        } else if (m instanceof Message.End e) {
            return ByteBuffer.allocate(13).put(END).putInt(e.epoch()).putLong(e.length()).array();
        } else if (m instanceof Message.Ack a) {
            return ByteBuffer.allocate(9).put(ACK).putLong(a.count()).array();
        }
        Message.Relay r = (Message.Relay) m;
        Interrupt i = r.interrupt();
        byte[] data = i.event().data();
        return ByteBuffer.allocate(1 + 4 + 1 + 4 + 4 + 4 + 4 + data.length).put(RELAY).putInt(r.epoch())
                .put((byte) i.kind().ordinal()).putInt(i.id()).putInt(i.event().device()).putInt(i.event().status())
                .putInt(data.length).put(data).array();
    }

    /** Decodes a payload; throws IllegalArgumentException saying what is wrong with it. */
    public static Message decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
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
