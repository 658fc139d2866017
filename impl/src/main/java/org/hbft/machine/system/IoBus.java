package org.hbft.machine.system;

import org.hbft.machine.Cpu;
import org.hbft.machine.device.Device;

/**
 * The I/O region: physical [0xF0000000, 0xF0010000), sixteen 4 KiB slots, one device per slot.
 * Slot assignment of the standard machine: 0 system controller, 1 console, 2 clock, 3 disk,
 * 4 network. An address in an empty slot, or at an offset its device has no register for, is
 * not claimed, so the CPU raises a data memory protection interruption (18) for it.
 *
 * <p>Registers are 32 bits wide. A narrower load returns the addressed bytes of the register
 * (big-endian); a narrower store writes its zero-extended value to the register.
 */
public final class IoBus implements Cpu.IoSpace {
    public static final int BASE = 0xF0000000;
    public static final int SLOTS = 16;
    public static final int SLOT_SIZE = 0x1000;

    private final Device[] slots = new Device[SLOTS];

    void put(int slot, Device device) {
        if (slot < 0 || slot >= SLOTS || slots[slot] != null) {
            throw new IllegalArgumentException("I/O slot " + slot + " is not free");
        }
        slots[slot] = device;
    }

    /** The device in a slot, or null if the slot is empty or does not exist. */
    Device device(int slot) {
        return slot >= 0 && slot < SLOTS ? slots[slot] : null;
    }

    Iterable<Device> devices() {
        java.util.List<Device> list = new java.util.ArrayList<>();
        for (Device d : slots) {
            if (d != null) {
                list.add(d);
            }
        }
        return list;
    }

    @Override
    public boolean claims(int physicalAddress) {
        long offset = Integer.toUnsignedLong(physicalAddress) - Integer.toUnsignedLong(BASE);
        if (offset < 0 || offset >= (long) SLOTS * SLOT_SIZE) {
            return false;
        }
        Device d = slots[(int) (offset / SLOT_SIZE)];
        return d != null && d.hasRegister((int) (offset % SLOT_SIZE) & ~3);
    }

    @Override
    public int load(int physicalAddress, int size) {
        int value = target(physicalAddress).read(register(physicalAddress));
        if (size == 4) {
            return value;
        }
        int shift = 8 * (4 - size - (physicalAddress & 3));
        return (value >>> shift) & (size == 1 ? 0xff : 0xffff);
    }

    @Override
    public void store(int physicalAddress, int size, int value) {
        int v = size == 4 ? value : value & (size == 1 ? 0xff : 0xffff);
        target(physicalAddress).write(register(physicalAddress), v);
    }

    private Device target(int physicalAddress) {
        return slots[(physicalAddress - BASE) >>> 12];
    }

    private static int register(int physicalAddress) {
        return (physicalAddress - BASE) & (SLOT_SIZE - 1) & ~3;
    }
}
