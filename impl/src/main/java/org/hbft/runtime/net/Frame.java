package org.hbft.runtime.net;

import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of the replication link: its kind, its per-direction sequence number and its payload.
 * The payload array is not copied; callers must not change it while the frame is in use.
 */
public record Frame(FrameKind kind, long seq, byte[] payload) {
    public Frame {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        if (payload.length > FrameCodec.MAX_PAYLOAD) {
            throw new IllegalArgumentException(
                    "payload of " + payload.length + " bytes exceeds the " + FrameCodec.MAX_PAYLOAD + "-byte limit");
        }
    }

    // Arrays compare by identity in generated record methods; frames compare by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && kind == f.kind && seq == f.seq && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, seq) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Frame[" + kind + " #" + seq + ", " + payload.length + " bytes]";
    }
}
