package org.hbft.machine;

/** A host-side access to guest memory that is not mapped. */
public final class MemoryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int address;

    public MemoryFault(int address) {
        super(String.format("unmapped guest address 0x%08x", address), null, false, false);
        this.address = address;
    }

    public int address() {
        return address;
    }
}
