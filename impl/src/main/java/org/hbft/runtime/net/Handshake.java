package org.hbft.runtime.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The replication link's handshake, run by both ends at once:
 *
 * <ol>
 * <li>each side sends HELLO #0, MAC'd with the long-term key, carrying a fresh 16-byte nonce and its role;
 * <li>both derive the session key {@code HMAC(key, "hbft-session" || nonce_connector || nonce_listener)};
 * <li>each side sends HEARTBEAT #1 under the session key and checks the peer's.
 * </ol>
 *
 * <p>Step 3 confirms that the peer knows the key in this session: a replayed HELLO alone does not get a
 * connection accepted. Each direction MACs with its own key derived from the session key and a direction
 * label, so a frame reflected back to its sender also fails authentication. Frames of an earlier
 * connection fail because its nonces, hence its keys, differ.
 */
final class Handshake {
    static final int NONCE_LENGTH = 16;
    static final int MAX_ROLE_BYTES = 255;
    /** Sequence numbers the handshake uses; data starts after them. */
    static final long HELLO_SEQ = 0, CONFIRM_SEQ = 1, FIRST_DATA_SEQ = 2;

    private static final byte[] SESSION_LABEL = ascii("hbft-session");
    private static final byte[] TO_LISTENER = ascii("connector->listener");
    private static final byte[] TO_CONNECTOR = ascii("listener->connector");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Codecs keyed for each direction, and the role the peer announced. */
    record Result(FrameCodec out, FrameCodec in, String peerRole) {
    }

    private Handshake() {
    }

    /**
     * Runs the handshake over an open connection; the caller bounds it with a socket read timeout.
     *
     * @throws Failed with a message fit for a log line if the peer does not authenticate or the connection fails
     */
    static Result run(InputStream in, OutputStream out, byte[] key, String role, boolean connector)
            throws Failed {
        try {
            return exchange(in, out, key, role, connector);
        } catch (Failed e) {
            throw e;
        } catch (IOException e) {
            throw new Failed("I/O error during the handshake: " + e.getMessage());
        }
    }

    /** A handshake that did not authenticate the peer; the message says why, for a log line. */
    static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    private static Result exchange(InputStream in, OutputStream out, byte[] key, String role, boolean connector)
            throws IOException {
        byte[] roleBytes = role.getBytes(StandardCharsets.UTF_8);
        if (roleBytes.length > MAX_ROLE_BYTES) {
            throw new IllegalArgumentException("role longer than " + MAX_ROLE_BYTES + " bytes: " + role);
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        byte[] hello = new byte[NONCE_LENGTH + roleBytes.length];
        System.arraycopy(nonce, 0, hello, 0, NONCE_LENGTH);
        System.arraycopy(roleBytes, 0, hello, NONCE_LENGTH, roleBytes.length);

        FrameCodec longTerm = new FrameCodec(key);
        longTerm.write(out, new Frame(FrameKind.HELLO, HELLO_SEQ, hello));
        out.flush();

        Frame peerHello = receive(longTerm, in, "HELLO");
        expect(peerHello, FrameKind.HELLO, HELLO_SEQ);
        byte[] p = peerHello.payload();
        if (p.length < NONCE_LENGTH || p.length > NONCE_LENGTH + MAX_ROLE_BYTES) {
            throw new Failed("malformed HELLO (" + p.length + " payload bytes)");
        }
        byte[] peerNonce = Arrays.copyOf(p, NONCE_LENGTH);
        if (MessageDigest.isEqual(peerNonce, nonce)) {
            throw new Failed("peer echoed our own HELLO (reflected connection)");
        }
        String peerRole;
        try {
            peerRole = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(p, NONCE_LENGTH, p.length - NONCE_LENGTH)).toString();
        } catch (CharacterCodingException e) {
            throw new Failed("malformed HELLO (role is not UTF-8)");
        }

        byte[] session = connector
                ? FrameCodec.hmac(key, SESSION_LABEL, nonce, peerNonce)
                : FrameCodec.hmac(key, SESSION_LABEL, peerNonce, nonce);
        FrameCodec toListener = new FrameCodec(FrameCodec.hmac(session, TO_LISTENER));
        FrameCodec toConnector = new FrameCodec(FrameCodec.hmac(session, TO_CONNECTOR));
        FrameCodec send = connector ? toListener : toConnector;
        FrameCodec recv = connector ? toConnector : toListener;

        send.write(out, new Frame(FrameKind.HEARTBEAT, CONFIRM_SEQ, new byte[0]));
        out.flush();
        expect(receive(recv, in, "session confirmation"), FrameKind.HEARTBEAT, CONFIRM_SEQ);
        return new Result(send, recv, peerRole);
    }

    private static Frame receive(FrameCodec codec, InputStream in, String what) throws IOException {
        try {
            return codec.read(in);
        } catch (FrameException e) {
            String hint = e.getMessage().startsWith("bad HMAC") ? "; is the key the same on both sides?" : "";
            throw new Failed(what + " rejected: " + e.getMessage() + hint);
        } catch (EOFException e) {
            throw new Failed("peer closed the connection during the handshake (did it reject our key?)");
        } catch (SocketTimeoutException e) {
            throw new Failed("no " + what + " from the peer in time");
        }
    }

    private static void expect(Frame f, FrameKind kind, long seq) throws IOException {
        if (f.kind() != kind || f.seq() != seq) {
            throw new Failed("expected " + kind + " #" + seq + " in the handshake, got " + f.kind() + " #" + f.seq());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
