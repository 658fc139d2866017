package org.hbft.machine.device;

/** A memory-mapped device: a page of 32-bit registers and the events that complete its work. */
public interface Device {
    /** A short name for messages. */
    String name();

    /** Called once when the device is put on the bus. */
    void attach(int slot, DeviceContext context);

    /** Whether the word-aligned register offset is one this device has. */
    boolean hasRegister(int offset);

    /** A guest load of the register at the word-aligned offset. */
    int read(int offset);

    /** A guest store to the register at the word-aligned offset. */
    void write(int offset, int value);

    /** Applies an event at the instruction count the machine chose: DMA, status, interrupt. */
    void deliver(DeviceEvent event);

    /** Releases host resources (files, sockets). */
    default void close() {
    }
}
