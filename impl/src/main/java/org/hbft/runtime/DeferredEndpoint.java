package org.hbft.runtime;

import java.io.IOException;
import java.util.function.Consumer;

import org.hbft.machine.device.NetEndpoint;

/**
 * A backup's network endpoint: it does not exist until the backup is promoted, so no client
 * can reach a processor that would ignore it (P3). {@link #activate} opens the real one.
 */
public final class DeferredEndpoint implements NetEndpoint {
    /** Opens the real endpoint. */
    @FunctionalInterface
    public interface Opener {
        NetEndpoint open() throws IOException;
    }

    private final Opener opener;
    private Consumer<byte[]> receiver;
    private volatile NetEndpoint real;

    public DeferredEndpoint(Opener opener) {
        this.opener = opener;
    }

    @Override
    public void start(Consumer<byte[]> receiver) {
        this.receiver = receiver;
    }

    /** Opens and starts the real endpoint. */
    public void activate() throws IOException {
        if (real == null) {
            NetEndpoint e = opener.open();
            e.start(receiver);
            real = e;
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        NetEndpoint e = real;
        if (e == null) {
            throw new IOException("the network endpoint is not open before promotion");
        }
        e.send(frame);
    }

    @Override
    public void close() throws IOException {
        NetEndpoint e = real;
        if (e != null) {
            e.close();
        }
    }
}
