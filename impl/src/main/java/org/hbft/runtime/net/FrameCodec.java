package org.hbft.runtime.net;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and decodes replication link frames, authenticated with HMAC-SHA256 under one key.
 *
 * <pre>
 * offset  size  field (big-endian)
 * 0       4     magic "HBFT"
 * 4       1     protocol version, {@link #VERSION}
 * 5       1     kind, {@link FrameKind#code()}
 * 6       8     sequence number
 * 14      4     payload length n, at most {@link #MAX_PAYLOAD}
 * 18      n     payload
 * 18+n    32    HMAC-SHA256 over bytes 0 .. 18+n
 * </pre>
 *
 * <p>Decoding checks the header before the MAC so that garbage is reported as garbage, and never
 * returns a frame whose MAC does not verify. Sequence numbers are not checked here: that is the
 * link's job, because it depends on what came before.
 *
 * <p>An instance holds a {@link Mac} and scratch buffers, so it is not thread-safe: use one per
 * direction.
 */
public final class FrameCodec {
    /** "HBFT" as a big-endian int. */
    public static final int MAGIC = 0x48424654;
    /**
     * 2: a batch's count may carry the flag that its sender waits for the acknowledgement
     * ({@code MessageCodec.SENDER_WAITS}), which a version-1 peer would take for a malformed batch.
     * 3: messages are encoded with variable-length fields, relative to the one before them in
     * their batch ({@code MessageCodec}), which an earlier peer would misread.
     */
    public static final int VERSION = 3;
    public static final int HEADER_LENGTH = 18;
    public static final int MAC_LENGTH = 32;
    /** Bytes a frame adds to its payload. */
    public static final int OVERHEAD = HEADER_LENGTH + MAC_LENGTH;
    /** 16 MiB; a longer length field means the frame is garbled. */
    public static final int MAX_PAYLOAD = 16 << 20;

    private static final String HMAC = "HmacSHA256";

    private final Mac mac;
    private final byte[] header = new byte[HEADER_LENGTH];
    private final byte[] tag = new byte[MAC_LENGTH];

    /** A codec that MACs and verifies frames with {@code key} (non-empty). */
    public FrameCodec(byte[] key) {
        this.mac = newMac(key);
    }

    /** The complete wire form of {@code frame}. */
    public byte[] encode(Frame frame) {
        byte[] out = new byte[OVERHEAD + frame.payload().length];
        fillHeader(frame, out);
        System.arraycopy(frame.payload(), 0, out, HEADER_LENGTH, frame.payload().length);
        mac.update(out, 0, HEADER_LENGTH + frame.payload().length);
        byte[] t = mac.doFinal();
        System.arraycopy(t, 0, out, HEADER_LENGTH + frame.payload().length, MAC_LENGTH);
        return out;
    }

    /** Writes {@code frame} to {@code out} without copying the payload; returns the bytes written. */
    public int write(OutputStream out, Frame frame) throws IOException {
        fillHeader(frame, header);
        mac.update(header);
        mac.update(frame.payload());
        out.write(header);
        out.write(frame.payload());
        out.write(mac.doFinal());
        return OVERHEAD + frame.payload().length;
    }

    /** Decodes {@code bytes}, which must hold exactly one frame. */
    public Frame decode(byte[] bytes) throws FrameException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        Frame f;
        try {
            f = read(in);
        } catch (FrameException e) {
            throw e;
        } catch (IOException e) {
            // Only EOFException is possible from a byte array: no bytes at all.
            throw new FrameException("truncated frame (no bytes)");
        }
        if (in.available() > 0) {
            throw new FrameException(in.available() + " unexpected bytes after the frame", f.seq());
        }
        return f;
    }

    /**
     * Reads one frame from {@code in}.
     *
     * @throws EOFException if the stream ends cleanly before the first byte of a frame
     * @throws FrameException if the frame is garbled, truncated or fails authentication
     * @throws IOException if reading fails
     */
    public Frame read(InputStream in) throws IOException {
        int n = in.readNBytes(header, 0, HEADER_LENGTH);
        if (n == 0) {
            throw new EOFException("end of stream");
        }
        if (n < HEADER_LENGTH) {
            throw new FrameException("truncated frame (stream ended after " + n + " of " + HEADER_LENGTH
                    + " header bytes)");
        }
        int length = payloadLength(header, 0);
        long seq = ByteBuffer.wrap(header).getLong(6);
        byte[] payload = new byte[length];
        int got = in.readNBytes(payload, 0, payload.length);
        if (got < payload.length) {
            throw new FrameException("truncated frame (stream ended after " + got + " of " + payload.length
                    + " payload bytes)", seq);
        }
        got = in.readNBytes(tag, 0, MAC_LENGTH);
        if (got < MAC_LENGTH) {
            throw new FrameException("truncated frame (stream ended after " + got + " of " + MAC_LENGTH
                    + " MAC bytes)", seq);
        }
        return verified(header, 0, payload, tag, 0, seq);
    }

    /**
     * The payload length announced by the frame header at {@code bytes[off .. off + HEADER_LENGTH)},
     * after checking magic, version, kind and the length limit: what a reader that collects a frame
     * piece by piece needs to know how many bytes make the whole frame ({@link #OVERHEAD} more).
     *
     * @throws FrameException if the header is not a valid frame header
     */
    public static int payloadLength(byte[] bytes, int off) throws FrameException {
        ByteBuffer h = ByteBuffer.wrap(bytes, off, HEADER_LENGTH);
        int magic = h.getInt(off);
        if (magic != MAGIC) {
            throw new FrameException(String.format("bad magic 0x%08x (not an hbft frame)", magic));
        }
        int version = bytes[off + 4] & 0xff;
        if (version != VERSION) {
            throw new FrameException("unsupported protocol version " + version + " (expected " + VERSION + ")");
        }
        int code = bytes[off + 5] & 0xff;
        if (FrameKind.fromCode(code) == null) {
            throw new FrameException("unknown frame kind " + code);
        }
        long length = h.getInt(off + 14) & 0xffffffffL;
        if (length > MAX_PAYLOAD) {
            throw new FrameException("payload length " + length + " exceeds the 16 MiB limit", h.getLong(off + 6));
        }
        return (int) length;
    }

    /**
     * Decodes the whole frame at {@code bytes[off ..]}, which {@link #payloadLength} has accepted and
     * which holds at least {@code OVERHEAD + payloadLength} bytes from {@code off}.
     *
     * @throws FrameException if the frame fails authentication
     */
    public Frame decodeAt(byte[] bytes, int off) throws FrameException {
        int length = payloadLength(bytes, off);
        long seq = ByteBuffer.wrap(bytes).getLong(off + 6);
        byte[] payload = Arrays.copyOfRange(bytes, off + HEADER_LENGTH, off + HEADER_LENGTH + length);
        return verified(bytes, off, payload, bytes, off + HEADER_LENGTH + length, seq);
    }

    private Frame verified(byte[] head, int headOff, byte[] payload, byte[] macBytes, int macOff, long seq)
            throws FrameException {
        mac.update(head, headOff, HEADER_LENGTH);
        mac.update(payload);
        byte[] expected = mac.doFinal();
        byte[] got = Arrays.copyOfRange(macBytes, macOff, macOff + MAC_LENGTH);
        if (!MessageDigest.isEqual(expected, got)) {
            throw new FrameException("bad HMAC (unauthenticated or corrupted)", seq);
        }
        return new Frame(FrameKind.fromCode(head[headOff + 5] & 0xff), seq, payload);
    }

    /** HMAC-SHA256 of the concatenation of {@code parts} under {@code key}. */
    static byte[] hmac(byte[] key, byte[]... parts) {
        Mac m = newMac(key);
        for (byte[] p : parts) {
            m.update(p);
        }
        return m.doFinal();
    }

    private static void fillHeader(Frame frame, byte[] out) {
        ByteBuffer.wrap(out, 0, HEADER_LENGTH)
                .putInt(MAGIC)
                .put((byte) VERSION)
                .put((byte) frame.kind().code())
                .putLong(frame.seq())
                .putInt(frame.payload().length);
    }

    private static Mac newMac(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("MAC key must not be empty");
        }
        try {
            Mac m = Mac.getInstance(HMAC);
            m.init(new SecretKeySpec(key, HMAC));
            return m;
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
