package org.hbft.machine.device;

import java.io.IOException;

/**
 * A block device backed by a {@link BlockStore} (a disk image file), transferring by DMA.
 *
 * <pre>
 * offset  access  register
 * 0x00    W       CMD        1 = READ, 2 = WRITE: starts an operation on BLOCK, COUNT, ADDR
 * 0x04    RW      BLOCK      first block number
 * 0x08    RW      COUNT      number of blocks, 1 to 16
 * 0x0C    RW      ADDR       guest physical address of the buffer
 * 0x10    R       STATUS     0 IDLE, 1 BUSY, 2 OK, 3 ERROR, 4 UNCERTAIN
 * 0x14    R       CAPACITY   number of blocks on the disk
 * 0x18    R       BLOCKSIZE  4096
 * 0x1C    W       ACK        any value: a completed STATUS returns to IDLE
 * </pre>
 *
 * <p>A command sets STATUS to BUSY. Its completion raises interrupt line 2 (EIRR mask
 * {@code 0x20000000}) and sets STATUS to OK, ERROR or UNCERTAIN; for a successful READ the data
 * is in the buffer by then. A WRITE takes its data from the buffer when the command is written.
 * ERROR means the operation did not happen: a bad command, COUNT out of range, blocks beyond
 * CAPACITY, a buffer not wholly inside guest RAM (nothing is transferred), or a host I/O error.
 * UNCERTAIN means it may or may not have happened (the paper's IO2); the driver must issue it
 * again, which is safe because reads and writes of whole blocks are idempotent. A command
 * written while BUSY is ignored.
 */
public final class BlockDevice implements Device {
    public static final int CMD = 0x00, BLOCK = 0x04, COUNT = 0x08, ADDR = 0x0C, STATUS = 0x10, CAPACITY = 0x14,
            BLOCKSIZE = 0x18, ACK = 0x1C;
    public static final int CMD_READ = 1, CMD_WRITE = 2;
    public static final int IDLE = 0, BUSY = 1, OK = 2, ERROR = 3, UNCERTAIN = 4;
    public static final int IRQ = 0x20000000;
    public static final int BLOCK_SIZE = 4096;
    public static final int MAX_COUNT = 16;

    private final BlockStore store;
    private final DiskFaults faults;
    private DeviceContext context;
    private int slot;

    private int block, count = 1, addr, status = IDLE;
    /** The operation in flight: where a READ's data goes on completion. */
    private boolean pendingRead;
    private int pendingAddr;
    private long sequence;

    public BlockDevice(BlockStore store) {
        this(store, DiskFaults.NONE);
    }

    public BlockDevice(BlockStore store, DiskFaults faults) {
        this.store = store;
        this.faults = faults;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public void attach(int slot, DeviceContext context) {
        this.slot = slot;
        this.context = context;
    }

    @Override
    public boolean hasRegister(int offset) {
        return offset >= CMD && offset <= ACK;
    }

    @Override
    public int read(int offset) {
        switch (offset) {
            case BLOCK:
                return block;
            case COUNT:
                return count;
            case ADDR:
                return addr;
            case STATUS:
                return status;
            case CAPACITY:
                return store.blockCount();
            case BLOCKSIZE:
                return BLOCK_SIZE;
            default:
                return 0;
        }
    }

    @Override
    public void write(int offset, int value) {
        switch (offset) {
            case CMD:
                command(value);
                break;
            case BLOCK:
                block = value;
                break;
            case COUNT:
                count = value;
                break;
            case ADDR:
                addr = value;
                break;
            case ACK:
                if (status != BUSY) {
                    status = IDLE;
                }
                break;
            default:
                break;
        }
    }

    private void command(int cmd) {
        if (status == BUSY) {
            return;
        }
        status = BUSY;
        pendingRead = cmd == CMD_READ;
        pendingAddr = addr;
        long bytes = (long) count * BLOCK_SIZE;
        boolean valid = (cmd == CMD_READ || cmd == CMD_WRITE) && count >= 1 && count <= MAX_COUNT
                && Integer.toUnsignedLong(block) + count <= store.blockCount() && context.ram().contains(addr, bytes);
        DeviceEvent uncertain = new DeviceEvent(slot, UNCERTAIN, null);
        if (!valid) {
            pendingRead = false;
            context.startIo(new IoRequest(slot, "disk-invalid", describe(cmd, block, count), uncertain,
                    () -> new DeviceEvent(slot, ERROR, null)));
            return;
        }
        boolean write = cmd == CMD_WRITE;
        int first = block;
        // A write's data leaves guest memory now, at a point fixed in the instruction stream.
        byte[] data = write ? context.ram().read(addr, (int) bytes) : new byte[(int) bytes];
        byte[] content = write ? concat(describe(cmd, first, count), data) : describe(cmd, first, count);
        context.startIo(new IoRequest(slot, write ? "disk-write" : "disk-read", content, uncertain,
                () -> perform(write, first, data)));
    }

    /** The back-end side of a command: runs where and when the machine's context decides. */
    private DeviceEvent perform(boolean write, int first, byte[] data) {
        DiskFaults.Outcome outcome = faults.decide(sequence++, write, first);
        boolean perform = outcome == DiskFaults.Outcome.OK || outcome == DiskFaults.Outcome.UNCERTAIN_PERFORMED;
        if (perform) {
            try {
                if (write) {
                    store.write(first, data);
                } else {
                    store.read(first, data);
                }
            } catch (IOException e) {
                return new DeviceEvent(slot, ERROR, null);
            }
        }
        switch (outcome) {
            case OK:
                return new DeviceEvent(slot, OK, write ? null : data);
            case ERROR:
                return new DeviceEvent(slot, ERROR, null);
            default:
                return new DeviceEvent(slot, UNCERTAIN, null);
        }
    }

    private static byte[] describe(int cmd, int block, int count) {
        return java.nio.ByteBuffer.allocate(12).putInt(cmd).putInt(block).putInt(count).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override
    public void deliver(DeviceEvent event) {
        if (status != BUSY) {
            return; // nothing in flight: a stray completion is dropped
        }
        byte[] data = event.data();
        if (event.status() == OK && pendingRead && data.length > 0) {
            if (!context.ram().contains(pendingAddr, data.length)) {
                status = ERROR;
                context.raiseInterrupt(IRQ);
                return;
            }
            context.ram().write(pendingAddr, data);
        }
        status = event.status();
        context.raiseInterrupt(IRQ);
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (IOException e) {
            // The image was forced after every write; a failing close loses nothing.
        }
    }
}
