package org.hbft.machine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.hbft.machine.ElfImage;
import org.hbft.machine.PagedMemory;
import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.ConsoleDevice;
import org.hbft.machine.device.DeviceEvent;
import org.hbft.machine.device.DiskFaults;
import org.hbft.machine.device.MemoryBlockStore;
import org.junit.jupiter.api.Test;

/** Machine configuration, boot checks and the I/O bus's address decoding. */
class SystemMachineTest {
    static ElfImage image(int vaddr, int size) {
        return new ElfImage(vaddr, 0, 0, 0, List.of(new ElfImage.Segment(vaddr, size, new byte[0],
                PagedMemory.READ | PagedMemory.EXEC)));
    }

    @Test
    void memorySizeOutsideTheSupportedRangeIsRefused() {
        assertThatThrownBy(() -> new SystemMachine(512 << 10, 4096)).isInstanceOf(MachineException.class)
                .hasMessageContaining("between 1 MiB and 1 GiB");
        assertThatThrownBy(() -> new SystemMachine((1L << 20) + 1, 4096)).isInstanceOf(MachineException.class);
        assertThatThrownBy(() -> new SystemMachine(2L << 30, 4096)).isInstanceOf(MachineException.class);
        assertThatThrownBy(() -> new SystemMachine(1L << 20, 0)).hasMessageContaining("quantum");
    }

    @Test
    void kernelThatDoesNotFitInMemoryIsRefused() throws Exception {
        SystemMachine m = new SystemMachine(1L << 20, 4096);
        assertThatThrownBy(() -> m.boot(image(0xF0000, 0x20000), "")).isInstanceOf(MachineException.class)
                .hasMessageContaining("does not fit in 1 MiB");
    }

    @Test
    void kernelOverlappingTheBootArgumentPageIsRefused() throws Exception {
        SystemMachine m = new SystemMachine(1L << 20, 4096);
        assertThatThrownBy(() -> m.boot(image(0x1000, 0x100), "")).hasMessageContaining("boot argument page");
    }

    @Test
    void bootPassesArgumentsAndMemorySizeInRegisters() throws Exception {
        SystemMachine m = new SystemMachine(2L << 20, 4096);
        m.boot(image(0x10000, 0x1000), "workload=cpu");
        assertThat(m.cpu().gr[26]).isEqualTo(SystemMachine.BOOT_ARGS);
        assertThat(m.cpu().gr[25]).isEqualTo(2 << 20);
        assertThat(new String(m.cpu().memory().readCString(SystemMachine.BOOT_ARGS, 100))).isEqualTo("workload=cpu");
        assertThat(m.cpu().iaoqFront()).isEqualTo(0x10000);
    }

    @Test
    void ioBusClaimsOnlyRegistersOfAttachedDevices() throws Exception {
        IoBus bus = new IoBus();
        bus.put(1, new ConsoleDevice(java.io.OutputStream.nullOutputStream()));
        assertThat(bus.claims(IoBus.BASE + 0x1000 + ConsoleDevice.RXCOUNT)).isTrue();
        assertThat(bus.claims(IoBus.BASE + 0x1000 + 0x40)).as("no such register").isFalse();
        assertThat(bus.claims(IoBus.BASE + 0x2000)).as("empty slot").isFalse();
        assertThat(bus.claims(IoBus.BASE + IoBus.SLOTS * IoBus.SLOT_SIZE)).as("past the region").isFalse();
        assertThat(bus.claims(IoBus.BASE - 4)).as("below the region").isFalse();
        assertThatThrownBy(() -> bus.put(1, new ConsoleDevice(java.io.OutputStream.nullOutputStream())))
                .hasMessageContaining("not free");
    }

    @Test
    void narrowRegisterLoadsReturnTheAddressedBytesBigEndian() throws Exception {
        SystemMachine m = new SystemMachine(1L << 20, 4096);
        m.attach(SystemMachine.SLOT_DISK, new BlockDevice(new MemoryBlockStore(0x0102)));
        IoBus bus = m.bus();
        int capacity = IoBus.BASE + SystemMachine.SLOT_DISK * IoBus.SLOT_SIZE + BlockDevice.CAPACITY;
        assertThat(bus.load(capacity, 4)).isEqualTo(0x0102);
        assertThat(bus.load(capacity + 2, 1)).isEqualTo(0x01);
        assertThat(bus.load(capacity + 3, 1)).isEqualTo(0x02);
        assertThat(bus.load(capacity + 2, 2)).isEqualTo(0x0102);
    }

    @Test
    void replayRefusesALogWhoseDeliveriesAreOutOfOrder() throws Exception {
        SystemMachine m = new SystemMachine(1L << 20, 4096);
        InputLog log = new InputLog(4096);
        log.addDelivery(8192, new DeviceEvent(3, 2, null));
        log.addDelivery(4096, new DeviceEvent(3, 2, null));
        assertThatThrownBy(() -> m.replay(log)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in instruction order");
    }

    @Test
    void idleGuestGetsAWaitingDiskCompletionWithoutSpinningToTheQuantumsEnd() throws Exception {
        // Each read completes when its command is written; the guest then idles until the interrupt.
        KernelBoot boot = new KernelBoot("workload=disk-read iterations=200 seed=3", DeterminismTest.filledDisk(64),
                DiskFaults.NONE);
        SystemMachine.Result result = boot.run();
        assertThat(boot.output()).contains("disk-read: 200 blocks of 64, 0 errors");
        assertThat(result.instructions()).isLessThan(200L * SystemMachine.DEFAULT_QUANTUM / 2);
        assertThat(boot.machine.log().deliveries()).hasSize(200)
                .anyMatch(d -> d.instruction() % SystemMachine.DEFAULT_QUANTUM != 0);
    }
}
