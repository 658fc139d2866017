package org.hbft.runtime.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Blocking writes onto a socket channel in non-blocking mode (the link reads that channel without
 * blocking, which a blocking channel does not allow). A write that makes no progress for {@code
 * stallNanos} - the peer stopped reading and the socket's buffers are full - fails, so a writer
 * never hangs on a stuck peer.
 */
public final class ChannelOutputStream extends OutputStream {
    /** How long a writer facing a full socket buffer pauses before trying again. */
    private static final long RETRY_NANOS = 50_000;

    private final SocketChannel channel;
    private final long stallNanos;

    public ChannelOutputStream(SocketChannel channel, long stallNanos) {
        this.channel = channel;
        this.stallNanos = stallNanos;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        long progress = System.nanoTime();
        while (buf.hasRemaining()) {
            if (channel.write(buf) > 0) {
                progress = System.nanoTime();
            } else if (System.nanoTime() - progress > stallNanos) {
                throw new IOException("the peer has read nothing for " + stallNanos / 1_000_000 + " ms");
            } else {
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
    }
}
