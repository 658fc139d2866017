package org.hbft.machine.device;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.hbft.machine.PagedMemory;

/** A machine stand-in for device tests: 1 MiB of RAM; records posts, interrupts and power-off. */
final class FakeContext implements DeviceContext {
    static final int RAM = 1 << 20;
    final PagedMemory memory = new PagedMemory();
    final GuestRam ram;
    final List<DeviceEvent> posted = new ArrayList<>();
    final List<IoRequest> started = new ArrayList<>();
    int interrupts;
    Integer powerOff;

    FakeContext() {
        memory.map(0, RAM, PagedMemory.READ | PagedMemory.WRITE);
        ram = new GuestRam(memory, RAM);
    }

    /** Delivers everything posted so far to the device, as the machine would at a boundary. */
    void deliverAll(Device device) {
        List<DeviceEvent> events = new ArrayList<>(posted);
        posted.clear();
        events.forEach(device::deliver);
    }

    @Override
    public GuestRam ram() {
        return ram;
    }

    @Override
    public void post(DeviceEvent event) {
        posted.add(event);
    }

    @Override
    public void startIo(IoRequest request) {
        started.add(request);
        DeviceEvent completion = request.action().perform();
        if (completion != null) {
            posted.add(completion);
        }
    }

    @Override
    public long environmentValue(LongSupplier source) {
        return source.getAsLong();
    }

    @Override
    public void raiseInterrupt(int eirrMask) {
        interrupts |= eirrMask;
    }

    @Override
    public void powerOff(int status) {
        powerOff = status;
    }
}
