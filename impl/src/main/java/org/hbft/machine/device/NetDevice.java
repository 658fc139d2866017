package org.hbft.machine.device;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * A network interface exchanging frames with a {@link NetEndpoint}, transferring by DMA.
 *
 * <pre>
 * offset  access  register
 * 0x00    RW      TX_ADDR    guest physical address of the frame to send
 * 0x04    RW      TX_LEN     its length in bytes, 1 to 2048
 * 0x08    W       TX_CMD     any value: send the frame (its bytes are taken from memory now)
 * 0x0C    R       TX_STATUS  0 IDLE, 1 BUSY, 2 OK, 3 ERROR, 4 UNCERTAIN
 * 0x10    RW      RX_ADDR    guest physical address of the receive buffer
 * 0x14    RW      RX_SIZE    its size in bytes
 * 0x18    W       RX_CMD     any value: arm the buffer for the next frame
 * 0x1C    R       RX_STATUS  0 IDLE, 1 ARMED, 2 OK (a frame is in the buffer), 3 ERROR
 * 0x20    R       RX_LEN     length of the frame in the buffer
 * 0x24    W       ACK        bit 0: TX_STATUS back to IDLE; bit 1: RX_STATUS back to IDLE
 * </pre>
 *
 * <p>A transmit completes with an interrupt on line 3 (EIRR mask {@code 0x10000000}) and
 * TX_STATUS OK, ERROR (a bad length or buffer, or no peer to take the frame: not sent) or
 * UNCERTAIN (it may or may not have gone out; the driver sends it again, so peers must tolerate
 * duplicate frames). A received frame is placed in the armed buffer, setting RX_STATUS OK and
 * RX_LEN, and raises the same interrupt. Frames arriving while no buffer is armed wait in the
 * device (up to {@value #RX_QUEUE} of them; more are dropped, as a full NIC ring drops); if one
 * is waiting when a buffer is armed, it is placed at once and RX_STATUS reads OK straight after
 * RX_CMD, with no interrupt. A frame longer than the buffer sets RX_STATUS ERROR and is dropped.
 * A buffer not wholly in guest RAM is refused: RX_STATUS ERROR at once.
 */
public final class NetDevice implements Device {
    public static final int TX_ADDR = 0x00, TX_LEN = 0x04, TX_CMD = 0x08, TX_STATUS = 0x0C, RX_ADDR = 0x10,
            RX_SIZE = 0x14, RX_CMD = 0x18, RX_STATUS = 0x1C, RX_LEN = 0x20, ACK = 0x24;
    public static final int IDLE = 0, BUSY = 1, ARMED = 1, OK = 2, ERROR = 3, UNCERTAIN = 4;
    public static final int IRQ = 0x10000000;
    public static final int MTU = 2048;
    static final int RX_QUEUE = 64;
    /** The {@link DeviceEvent#status()} that marks a received frame rather than a transmit completion. */
    public static final int EVENT_RX = 0x100;

    /** Test hook: how a transmit turns out (the default sends and reports OK). */
    @FunctionalInterface
    public interface TxFaults {
        DiskFaults.Outcome decide(long sequence);
    }

    private final NetEndpoint endpoint;
    private final TxFaults faults;
    private DeviceContext context;
    private int slot;
    private int txAddr, txLen, txStatus = IDLE;
    private int rxAddr, rxSize, rxStatus = IDLE, rxLen;
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private long txSequence;

    public NetDevice(NetEndpoint endpoint) {
        this(endpoint, seq -> DiskFaults.Outcome.OK);
    }

    public NetDevice(NetEndpoint endpoint, TxFaults faults) {
        this.endpoint = endpoint;
        this.faults = faults;
    }

    @Override
    public String name() {
        return "net";
    }

    @Override
    public void attach(int slot, DeviceContext context) {
        this.slot = slot;
        this.context = context;
        try {
            endpoint.start(frame -> context.post(new DeviceEvent(slot, EVENT_RX, frame)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("network endpoint failed to start", e);
        }
    }

    @Override
    public boolean hasRegister(int offset) {
        return offset >= TX_ADDR && offset <= ACK;
    }

    @Override
    public int read(int offset) {
        switch (offset) {
            case TX_ADDR:
                return txAddr;
            case TX_LEN:
                return txLen;
            case TX_STATUS:
                return txStatus;
            case RX_ADDR:
                return rxAddr;
            case RX_SIZE:
                return rxSize;
            case RX_STATUS:
                return rxStatus;
            case RX_LEN:
                return rxLen;
            default:
                return 0;
        }
    }

    @Override
    public void write(int offset, int value) {
        switch (offset) {
            case TX_ADDR:
                txAddr = value;
                break;
            case TX_LEN:
                txLen = value;
                break;
            case TX_CMD:
                transmit();
                break;
            case RX_ADDR:
                rxAddr = value;
                break;
            case RX_SIZE:
                rxSize = value;
                break;
            case RX_CMD:
                arm();
                break;
            case ACK:
                if ((value & 1) != 0 && txStatus != BUSY) {
                    txStatus = IDLE;
                }
                if ((value & 2) != 0 && rxStatus != ARMED) {
                    rxStatus = IDLE;
                }
                break;
            default:
                break;
        }
    }

    private void transmit() {
        if (txStatus == BUSY) {
            return;
        }
        txStatus = BUSY;
        DeviceEvent uncertain = new DeviceEvent(slot, UNCERTAIN, null);
        if (txLen < 1 || txLen > MTU || !context.ram().contains(txAddr, txLen)) {
            context.startIo(new IoRequest(slot, "net-invalid", new byte[0], uncertain,
                    () -> new DeviceEvent(slot, ERROR, null)));
            return;
        }
        byte[] frame = context.ram().read(txAddr, txLen);
        context.startIo(new IoRequest(slot, "net-send", frame, uncertain, () -> send(frame)));
    }

    /** The back-end side of a transmit: runs where and when the machine's context decides. */
    private DeviceEvent send(byte[] frame) {
        DiskFaults.Outcome outcome = faults.decide(txSequence++);
        boolean send = outcome == DiskFaults.Outcome.OK || outcome == DiskFaults.Outcome.UNCERTAIN_PERFORMED;
        int status = outcome == DiskFaults.Outcome.OK ? OK : outcome == DiskFaults.Outcome.ERROR ? ERROR : UNCERTAIN;
        if (send) {
            try {
                endpoint.send(frame);
            } catch (IOException e) {
                status = ERROR;
            }
        }
        return new DeviceEvent(slot, status, null);
    }

    private void arm() {
        if (rxStatus == ARMED) {
            return;
        }
        if (rxSize < 1 || !context.ram().contains(rxAddr, rxSize)) {
            rxStatus = ERROR;
            return;
        }
        rxStatus = ARMED;
        byte[] frame = waiting.pollFirst();
        if (frame != null) {
            place(frame);
        }
    }

    private void place(byte[] frame) {
        if (frame.length > rxSize) {
            rxStatus = ERROR;
            rxLen = frame.length;
            return;
        }
        context.ram().write(rxAddr, frame);
        rxLen = frame.length;
        rxStatus = OK;
    }

    @Override
    public void deliver(DeviceEvent event) {
        if (event.status() == EVENT_RX) {
            if (rxStatus == ARMED) {
                place(event.data());
                context.raiseInterrupt(IRQ);
            } else if (waiting.size() < RX_QUEUE) {
                waiting.addLast(event.data());
            }
            return;
        }
        if (txStatus == BUSY) {
            txStatus = event.status();
            context.raiseInterrupt(IRQ);
        }
    }

    @Override
    public void close() {
        try {
            endpoint.close();
        } catch (IOException e) {
            // The socket is going away with the machine anyway.
        }
    }
}
