package org.hbft.machine.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.hbft.machine.ElfImage;
import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.BlockStore;
import org.hbft.machine.device.ClockDevice;
import org.hbft.machine.device.ConsoleDevice;
import org.hbft.machine.device.DiskFaults;
import org.hbft.machine.device.NetDevice;
import org.hbft.testing.RepoPaths;

/** The standard machine with the committed guest kernel, console output captured. */
final class KernelBoot {
    final SystemMachine machine;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final ConsoleDevice consoleDevice = new ConsoleDevice(console);

    KernelBoot(String bootArgs, BlockStore disk, DiskFaults faults) throws Exception {
        this(bootArgs, disk, faults, () -> 1_700_000_000_000_000L);
    }

    KernelBoot(String bootArgs, BlockStore disk, DiskFaults faults, java.util.function.LongSupplier clock) throws Exception {
        this(bootArgs, disk, faults, clock, null);
    }

    KernelBoot(String bootArgs, BlockStore disk, DiskFaults faults, java.util.function.LongSupplier clock,
            NetDevice net) throws Exception {
        machine = new SystemMachine(16L << 20, SystemMachine.DEFAULT_QUANTUM);
        machine.attach(SystemMachine.SLOT_CONSOLE, consoleDevice);
        machine.attach(SystemMachine.SLOT_CLOCK, new ClockDevice(clock));
        if (disk != null) {
            machine.attach(SystemMachine.SLOT_DISK, new BlockDevice(disk, faults));
        }
        if (net != null) {
            machine.attach(SystemMachine.SLOT_NET, net);
        }
        machine.boot(ElfImage.read(kernel()), bootArgs);
    }

    static java.nio.file.Path kernel() {
        return RepoPaths.guests().resolve("kernel/kernel.elf");
    }

    SystemMachine.Result run() {
        return machine.run(500_000_000L);
    }

    String output() {
        return console.toString(StandardCharsets.US_ASCII);
    }
}
