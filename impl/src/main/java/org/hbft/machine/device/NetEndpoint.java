package org.hbft.machine.device;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The environment's side of the network device: where transmitted frames go and received frames
 * come from. Implementations call the receiver from any thread.
 */
public interface NetEndpoint extends AutoCloseable {
    /** Starts delivering received frames to {@code receiver}. */
    void start(Consumer<byte[]> receiver) throws IOException;

    /** Sends one frame; throws if it could not be handed to the peer. */
    void send(byte[] frame) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
