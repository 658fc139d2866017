package org.hbft.machine.device;

/**
 * The machine's own control page.
 *
 * <pre>
 * offset  access  register
 * 0x00    W       POWEROFF  stops the machine; the value written is its exit status
 * 0x04    R       MEMSIZE   RAM size in bytes (RAM is physical [0, MEMSIZE))
 * 0x08    W       IDLE      a hint: the guest has nothing to do until an interrupt. The machine
 *                           may then wait in host time for a device event; the VM does not see it
 * </pre>
 * It raises no interrupts.
 */
public final class SystemController implements Device {
    public static final int POWEROFF = 0x00, MEMSIZE = 0x04, IDLE = 0x08;

    private final long memoryBytes;
    private DeviceContext context;

    public SystemController(long memoryBytes) {
        this.memoryBytes = memoryBytes;
    }

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public void attach(int slot, DeviceContext context) {
        this.context = context;
    }

    @Override
    public boolean hasRegister(int offset) {
        return offset == POWEROFF || offset == MEMSIZE || offset == IDLE;
    }

    @Override
    public int read(int offset) {
        return offset == MEMSIZE ? (int) Math.min(memoryBytes, 0xffffffffL) : 0;
    }

    @Override
    public void write(int offset, int value) {
        if (offset == POWEROFF) {
            context.powerOff(value);
        } else if (offset == IDLE) {
            context.idle();
        }
    }

    @Override
    public void deliver(DeviceEvent event) {
        // No events: nothing completes here.
    }
}
