package org.hbft.runtime;

import java.io.IOException;

import org.hbft.runtime.disk.SharedDisk;

/** The fence kept in the shared disk's generation record. */
public final class SharedDiskFence implements Fence {
    private final SharedDisk disk;

    public SharedDiskFence(SharedDisk disk) {
        this.disk = disk;
    }

    @Override
    public boolean testAndSet(long expected, String owner) throws IOException {
        return disk.testAndSet(expected, owner);
    }

    @Override
    public boolean holds(long generation) throws IOException {
        return disk.holds(generation);
    }
}
