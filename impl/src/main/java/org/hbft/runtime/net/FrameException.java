package org.hbft.runtime.net;

import java.io.IOException;

/**
 * A frame that must be rejected: garbled (bad magic, wrong version, unknown kind, oversize length,
 * truncated), failing authentication, or out of sequence. The message is the reason, fit for a log line.
 */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long seq;
    private final boolean seqKnown;

    /** A rejection of a frame whose header was too damaged to trust its sequence number. */
    public FrameException(String reason) {
        super(reason);
        this.seq = 0;
        this.seqKnown = false;
    }

    /** A rejection of the frame that claims sequence number {@code seq}. */
    public FrameException(String reason, long seq) {
        super(reason);
        this.seq = seq;
        this.seqKnown = true;
    }

    /** Whether {@link #seq()} is meaningful (the header parsed far enough to read it). */
    public boolean seqKnown() {
        return seqKnown;
    }

    /** The sequence number the rejected frame claims; only meaningful if {@link #seqKnown()}. */
    public long seq() {
        return seq;
    }

    /** "frame 17" or "frame" when the sequence number is unknown, for log lines. */
    String describeFrame() {
        return seqKnown ? "frame " + seq : "frame";
    }
}
