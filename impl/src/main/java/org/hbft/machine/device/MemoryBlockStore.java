package org.hbft.machine.device;

/**
 * Blocks held in host memory: for tests, and for a replica whose disk writes must not reach the
 * shared disk (a hypervisor gives it one of these).
 */
public final class MemoryBlockStore implements BlockStore {
    private final byte[] bytes;
    private int writes;

    public MemoryBlockStore(int blocks) {
        bytes = new byte[Math.multiplyExact(blocks, BlockDevice.BLOCK_SIZE)];
    }

    @Override
    public int blockCount() {
        return bytes.length / BlockDevice.BLOCK_SIZE;
    }

    @Override
    public void read(int block, byte[] into) {
        System.arraycopy(bytes, block * BlockDevice.BLOCK_SIZE, into, 0, into.length);
    }

    @Override
    public void write(int block, byte[] data) {
        System.arraycopy(data, 0, bytes, block * BlockDevice.BLOCK_SIZE, data.length);
        writes++;
    }

    /** How many writes reached this store. */
    public int writes() {
        return writes;
    }

    /** A copy of one block. */
    public byte[] block(int block) {
        byte[] b = new byte[BlockDevice.BLOCK_SIZE];
        read(block, b);
        return b;
    }
}
