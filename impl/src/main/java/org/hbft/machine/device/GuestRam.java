package org.hbft.machine.device;

import org.hbft.machine.PagedMemory;

/**
 * Guest RAM as devices see it: physical addresses [0, size). Every DMA transfer is checked to lie
 * wholly inside RAM first; a device answers a transfer that does not with an error status, so a
 * guest can never make a device reach outside its own memory.
 */
public final class GuestRam {
    private final PagedMemory memory;
    private final long size;

    public GuestRam(PagedMemory memory, long size) {
        this.memory = memory;
        this.size = size;
    }

    public long size() {
        return size;
    }

    /** Whether [address, address + length) lies inside RAM (address taken as unsigned). */
    public boolean contains(int address, long length) {
        long a = Integer.toUnsignedLong(address);
        return length >= 0 && a + length <= size;
    }

    public byte[] read(int address, int length) {
        check(address, length);
        return memory.read(address, length);
    }

    public void write(int address, byte[] data) {
        check(address, data.length);
        memory.write(address, data, 0, data.length);
    }

    private void check(int address, int length) {
        if (!contains(address, length)) {
            throw new IllegalArgumentException("DMA outside guest memory: " + Integer.toHexString(address) + "+" + length);
        }
    }
}
