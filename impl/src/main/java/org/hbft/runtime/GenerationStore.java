package org.hbft.runtime;

import java.io.IOException;
import java.util.function.LongSupplier;

import org.hbft.machine.device.BlockStore;
import org.hbft.runtime.disk.SharedDisk;

/**
 * A replica's view of the shared disk: every access carries the fence generation the replica
 * holds at that moment (it changes when a backup is promoted), and the disk refuses it once a
 * newer generation took over.
 */
public final class GenerationStore implements BlockStore {
    private final SharedDisk disk;
    private final LongSupplier generation;

    public GenerationStore(SharedDisk disk, LongSupplier generation) {
        this.disk = disk;
        this.generation = generation;
    }

    @Override
    public int blockCount() {
        return disk.blockCount();
    }

    @Override
    public void read(int block, byte[] into) throws IOException {
        disk.storeFor(generation.getAsLong()).read(block, into);
    }

    @Override
    public void write(int block, byte[] data) throws IOException {
        disk.storeFor(generation.getAsLong()).write(block, data);
    }
}
