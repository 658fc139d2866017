package org.hbft.machine.device;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An in-memory peer for tests: frames the guest sent are kept; {@link #inject} sends one to it. */
public final class MemoryNetPeer implements NetEndpoint {
    private final List<byte[]> sent = new ArrayList<>();
    private Consumer<byte[]> receiver;

    @Override
    public synchronized void start(Consumer<byte[]> receiver) {
        this.receiver = receiver;
    }

    @Override
    public synchronized void send(byte[] frame) {
        sent.add(frame.clone());
    }

    /** Makes a frame arrive from the environment. */
    public void inject(byte[] frame) {
        Consumer<byte[]> r;
        synchronized (this) {
            r = receiver;
        }
        r.accept(frame.clone());
    }

    /** The frames the guest has sent so far, in order. */
    public synchronized List<byte[]> sent() {
        return new ArrayList<>(sent);
    }
}
