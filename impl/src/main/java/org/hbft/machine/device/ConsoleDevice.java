package org.hbft.machine.device;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;

/**
 * A serial console.
 *
 * <pre>
 * offset  access  register
 * 0x00    W       TX       the low 8 bits go to the output (the host's stdout, a file)
 * 0x04    R       RXCOUNT  bytes received and not yet read
 * 0x08    R       RXDATA   the next received byte, or 0xFFFFFFFF when there is none
 * </pre>
 * Input arrives as a {@link DeviceEvent} carrying the bytes, which are appended to the receive
 * buffer (at most {@value #RX_CAPACITY} bytes; the excess is dropped, as a UART overruns), and
 * raises interrupt line 1 (EIRR mask {@code 0x40000000}). Output needs no completion.
 */
public final class ConsoleDevice implements Device {
    public static final int TX = 0x00, RXCOUNT = 0x04, RXDATA = 0x08;
    public static final int IRQ = 0x40000000;
    static final int RX_CAPACITY = 65536;

    private final ArrayDeque<Byte> rx = new ArrayDeque<>();
    private final OutputStream out;
    private DeviceContext context;
    private int slot;

    /** @param out where transmitted bytes go: the environment's side of the console */
    public ConsoleDevice(OutputStream out) {
        this.out = out;
    }

    /** Bytes typed on the environment's side: posted to the machine for delivery. */
    public void input(byte[] bytes) {
        context.post(new DeviceEvent(slot, 0, bytes));
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public void attach(int slot, DeviceContext context) {
        this.slot = slot;
        this.context = context;
    }

    @Override
    public boolean hasRegister(int offset) {
        return offset == TX || offset == RXCOUNT || offset == RXDATA;
    }

    @Override
    public int read(int offset) {
        if (offset == RXCOUNT) {
            return rx.size();
        }
        if (offset == RXDATA) {
            Byte b = rx.pollFirst();
            return b == null ? -1 : b & 0xff;
        }
        return 0;
    }

    @Override
    public void write(int offset, int value) {
        if (offset == TX) {
            byte b = (byte) value;
            context.startIo(new IoRequest(slot, "console", new byte[] {b}, null, () -> {
                try {
                    out.write(b & 0xff);
                } catch (IOException e) {
                    throw new UncheckedIOException("console output failed", e);
                }
                return null;
            }));
        }
    }

    @Override
    public void deliver(DeviceEvent event) {
        for (byte b : event.data()) {
            if (rx.size() < RX_CAPACITY) {
                rx.addLast(b);
            }
        }
        context.raiseInterrupt(IRQ);
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            // Nothing more can be done about lost console output at shutdown.
        }
    }
}
