package org.hbft.machine.device;

import java.io.IOException;

/** The environment's side of the block device: where blocks really live. */
public interface BlockStore extends AutoCloseable {
    /** Number of blocks of {@link BlockDevice#BLOCK_SIZE} bytes. */
    int blockCount();

    /** Reads {@code into.length} bytes starting at block {@code block}. */
    void read(int block, byte[] into) throws IOException;

    /** Writes {@code data} starting at block {@code block}. */
    void write(int block, byte[] data) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
