package org.hbft.machine.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The block device's register protocol, DMA checks and completion statuses. */
class BlockDeviceTest {
    FakeContext ctx;
    MemoryBlockStore store;
    BlockDevice disk;

    @BeforeEach
    void setUp() {
        ctx = new FakeContext();
        store = new MemoryBlockStore(8);
        disk = new BlockDevice(store);
        disk.attach(3, ctx);
    }

    void start(int cmd, int block, int count, int addr) {
        disk.write(BlockDevice.BLOCK, block);
        disk.write(BlockDevice.COUNT, count);
        disk.write(BlockDevice.ADDR, addr);
        disk.write(BlockDevice.CMD, cmd);
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void readCompletesWithDataInGuestMemoryOnlyWhenTheEventIsDelivered() {
        store.write(5, filled(BlockDevice.BLOCK_SIZE, 0x5a));
        start(BlockDevice.CMD_READ, 5, 1, 0x8000);
        assertThat(disk.read(BlockDevice.STATUS)).isEqualTo(BlockDevice.BUSY);
        assertThat(ctx.memory.peekByte(0x8000)).as("nothing moves before delivery").isZero();
        assertThat(ctx.interrupts).isZero();
        ctx.deliverAll(disk);
        assertThat(disk.read(BlockDevice.STATUS)).isEqualTo(BlockDevice.OK);
        assertThat(ctx.memory.read(0x8000, BlockDevice.BLOCK_SIZE)).isEqualTo(filled(BlockDevice.BLOCK_SIZE, 0x5a));
        assertThat(ctx.interrupts).isEqualTo(BlockDevice.IRQ);
        disk.write(BlockDevice.ACK, 1);
        assertThat(disk.read(BlockDevice.STATUS)).isEqualTo(BlockDevice.IDLE);
    }

    @Test
    void writeTakesItsDataFromGuestMemoryWhenTheCommandIsIssued() {
        ctx.memory.write(0x4000, filled(2 * BlockDevice.BLOCK_SIZE, 7), 0, 2 * BlockDevice.BLOCK_SIZE);
        start(BlockDevice.CMD_WRITE, 2, 2, 0x4000);
        ctx.memory.write(0x4000, filled(16, 9), 0, 16); // changes after the command do not count
        ctx.deliverAll(disk);
        assertThat(disk.read(BlockDevice.STATUS)).isEqualTo(BlockDevice.OK);
        assertThat(store.block(2)).isEqualTo(filled(BlockDevice.BLOCK_SIZE, 7));
        assertThat(store.block(3)).isEqualTo(filled(BlockDevice.BLOCK_SIZE, 7));
    }

    @Test
    void dmaOutsideGuestMemoryIsAnErrorAndTransfersNothing() {
        start(BlockDevice.CMD_READ, 0, 1, FakeContext.RAM - 100);
        ctx.deliverAll(disk);
        assertThat(disk.read(BlockDevice.STATUS)).isEqualTo(BlockDevice.ERROR);
        disk.write(BlockDevice.ACK, 1);
        start(BlockDevice.CMD_WRITE, 0, 1, 0xF0000000);
        ctx.deliverAll(disk);
        assertThat(disk.read(BlockDevice.STATUS)).isEqualTo(BlockDevice.ERROR);
        assertThat(store.writes()).isZero();
    }

    @Test
    void badCommandCountOrBlockRangeIsAnError() {
        int[][] bad = {{9, 0, 1}, {BlockDevice.CMD_READ, 0, 0}, {BlockDevice.CMD_READ, 0, 17},
            {BlockDevice.CMD_WRITE, 7, 2}, {BlockDevice.CMD_READ, -1, 1}};
        for (int[] b : bad) {
            start(b[0], b[1], b[2], 0x1000);
            ctx.deliverAll(disk);
            assertThat(disk.read(BlockDevice.STATUS)).as("cmd %d block %d count %d", b[0], b[1], b[2]).isEqualTo(BlockDevice.ERROR);
            disk.write(BlockDevice.ACK, 1);
        }
        assertThat(store.writes()).isZero();
    }

    @Test
    void commandWhileBusyIsIgnored() {
        start(BlockDevice.CMD_READ, 0, 1, 0x1000);
        start(BlockDevice.CMD_WRITE, 1, 1, 0x2000);
        assertThat(ctx.posted).hasSize(1);
        ctx.deliverAll(disk);
        assertThat(store.writes()).isZero();
    }

    @Test
    void uncertainWriteCanBeMadeToHappenOrNot() {
        DiskFaults faults = (seq, write, block) -> seq == 0 ? DiskFaults.Outcome.UNCERTAIN_PERFORMED
                : DiskFaults.Outcome.UNCERTAIN_NOT_PERFORMED;
        disk = new BlockDevice(store, faults);
        disk.attach(3, ctx);
        ctx.memory.write(0, filled(BlockDevice.BLOCK_SIZE, 1), 0, BlockDevice.BLOCK_SIZE);
        start(BlockDevice.CMD_WRITE, 0, 1, 0);
        ctx.deliverAll(disk);
        assertThat(disk.read(BlockDevice.STATUS)).isEqualTo(BlockDevice.UNCERTAIN);
        assertThat(store.block(0)).isEqualTo(filled(BlockDevice.BLOCK_SIZE, 1));
        disk.write(BlockDevice.ACK, 1);
        start(BlockDevice.CMD_WRITE, 1, 1, 0);
        ctx.deliverAll(disk);
        assertThat(disk.read(BlockDevice.STATUS)).isEqualTo(BlockDevice.UNCERTAIN);
        assertThat(store.block(1)).isEqualTo(new byte[BlockDevice.BLOCK_SIZE]);
        assertThat(store.writes()).isEqualTo(1);
    }

    @Test
    void hostIoFailureIsAnErrorCompletion() {
        BlockStore broken = new BlockStore() {
            @Override
            public int blockCount() {
                return 4;
            }

            @Override
            public void read(int block, byte[] into) throws IOException {
                throw new IOException("medium error");
            }

            @Override
            public void write(int block, byte[] data) throws IOException {
                throw new IOException("medium error");
            }
        };
        disk = new BlockDevice(broken);
        disk.attach(3, ctx);
        start(BlockDevice.CMD_READ, 0, 1, 0);
        ctx.deliverAll(disk);
        assertThat(disk.read(BlockDevice.STATUS)).isEqualTo(BlockDevice.ERROR);
        assertThat(ctx.interrupts).isEqualTo(BlockDevice.IRQ);
    }

    @Test
    void registersReportGeometry() {
        assertThat(disk.read(BlockDevice.CAPACITY)).isEqualTo(8);
        assertThat(disk.read(BlockDevice.BLOCKSIZE)).isEqualTo(4096);
        assertThat(disk.hasRegister(0x20)).isFalse();
    }
}
