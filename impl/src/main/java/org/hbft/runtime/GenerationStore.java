package org.hbft.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

import org.hbft.machine.device.BlockStore;
import org.hbft.runtime.disk.FencedException;
import org.hbft.runtime.disk.SharedDisk;

/**
 * A replica's view of the shared disk: every access carries the fence generation the replica
 * holds at that moment (it changes when a backup is promoted), and the disk refuses it once a
 * newer generation took over. A refusal does not reach the guest as a failed command: it
 * is thrown past the device to the replica, which halts.
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

    /**
     * @throws UncheckedIOException with a {@link FencedException} as its cause if a newer
     *     generation took over: not a failed read for the guest to see, but the end of this
     *     processor ({@code Replica} halts it, as {@code PrimaryFenced})
     */
    @Override
    public void read(int block, byte[] into) throws IOException {
        try {
            disk.storeFor(generation.getAsLong()).read(block, into);
        } catch (FencedException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #read}: a refusal by the fence is thrown unchecked, past the device. */
    @Override
    public void write(int block, byte[] data) throws IOException {
        try {
            disk.storeFor(generation.getAsLong()).write(block, data);
        } catch (FencedException e) {
            throw new UncheckedIOException(e);
        }
    }
}
