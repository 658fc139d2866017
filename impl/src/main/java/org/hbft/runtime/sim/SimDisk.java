package org.hbft.runtime.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.BlockStore;
import org.hbft.machine.device.MemoryBlockStore;
import org.hbft.runtime.Fence;
import org.hbft.runtime.disk.FencedException;

/**
 * The shared disk of a simulation: blocks in memory, the fence's generation record, and the
 * log of every write that reached it (what the environment saw).
 */
public final class SimDisk implements Fence {
    /** One write the disk performed. */
    public record Write(int block, byte[] data, String issuer) {}

    private final MemoryBlockStore blocks;
    private long generation = 1;
    private final List<Write> writes = new ArrayList<>();

    public SimDisk(int blockCount) {
        blocks = new MemoryBlockStore(blockCount);
    }

    @Override
    public boolean testAndSet(long expected, String owner) {
        if (generation != expected) {
            return false;
        }
        generation = expected + 1;
        return true;
    }

    @Override
    public boolean holds(long g) {
        return generation == g;
    }

    public long generation() {
        return generation;
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    /**
     * The first write that gave a block content other than what an earlier write gave it, or
     * empty. Under the protocol a block written twice is a retried operation (P8's uncertain
     * interrupt, or a client's repeated request), never a different one.
     */
    public Optional<Write> firstConflictingWrite() {
        Map<Integer, byte[]> seen = new HashMap<>();
        for (Write w : writes) {
            byte[] before = seen.putIfAbsent(w.block(), w.data());
            if (before != null && !Arrays.equals(before, w.data())) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    public byte[] block(int block) {
        return blocks.block(block);
    }

    /** A replica's view: refused unless it holds the current generation. */
    public BlockStore storeFor(String issuer, LongSupplier held) {
        return new BlockStore() {
            @Override
            public int blockCount() {
                return blocks.blockCount();
            }

            @Override
            public void read(int block, byte[] into) throws IOException {
                check(held.getAsLong());
                blocks.read(block, into);
            }

            @Override
            public void write(int block, byte[] data) throws IOException {
                check(held.getAsLong());
                blocks.write(block, data);
                for (int i = 0; i < data.length / BlockDevice.BLOCK_SIZE; i++) {
                    writes.add(new Write(block + i, Arrays.copyOfRange(data, i * BlockDevice.BLOCK_SIZE,
                            (i + 1) * BlockDevice.BLOCK_SIZE), issuer));
                }
            }
        };
    }

    private void check(long held) throws FencedException {
        if (held != generation) {
            throw new FencedException(java.nio.file.Path.of("simulated-disk"), held, generation, "newer generation");
        }
    }
}
