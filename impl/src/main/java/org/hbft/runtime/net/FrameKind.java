package org.hbft.runtime.net;

/** The kind of a replication link frame, with its one-byte wire code. */
public enum FrameKind {
    /** Handshake: a fresh nonce and the sender's role; MAC'd with the long-term key. */
    HELLO(1),
    /** An opaque payload for the peer's listener. */
    DATA(2),
    /** Keeps the peer's failure detector quiet while there is nothing else to send. */
    HEARTBEAT(3),
    /** Orderly close: the sender is going away on purpose. */
    BYE(4);

    private final int code;

    FrameKind(int code) {
        this.code = code;
    }

    /** The byte that identifies this kind on the wire. */
    public int code() {
        return code;
    }

    /** The kind with wire code {@code code}, or {@code null} if there is none. */
    public static FrameKind fromCode(int code) {
        for (FrameKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
