package org.hbft.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.hbft.machine.ElfImage;
import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.ClockDevice;
import org.hbft.machine.device.ConsoleDevice;
import org.hbft.machine.device.MemoryBlockStore;
import org.hbft.machine.system.SystemMachine;
import org.hbft.replication.OutputMode;
import org.hbft.testing.RepoPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same guest ELF runs bare and replicated unchanged, and the environment cannot tell: a
 * disk-write run leaves the same disk contents either way, and the replicas' digests agree at
 * every epoch boundary.
 */
class BareVersusReplicatedTest {
    @ParameterizedTest
    @EnumSource(OutputMode.class)
    void replicatedDiskWriteRunLeavesTheDiskTheBareRunLeaves(OutputMode mode) throws Exception {
        ElfImage kernel = ElfImage.read(RepoPaths.guests().resolve("kernel/kernel.elf"));
        String args = "workload=disk-write iterations=200 seed=7";
        MemoryBlockStore bareDisk = new MemoryBlockStore(256);
        try (SystemMachine bare = new SystemMachine(8L << 20, SystemMachine.DEFAULT_QUANTUM)) {
            bare.attach(SystemMachine.SLOT_CONSOLE, new ConsoleDevice(new java.io.ByteArrayOutputStream()));
            bare.attach(SystemMachine.SLOT_CLOCK, new ClockDevice(() -> 1_700_000_000_000_000L));
            bare.attach(SystemMachine.SLOT_DISK, new BlockDevice(bareDisk));
            bare.boot(kernel, args);
            assertThat(bare.run(2_000_000_000L).outcome()).isEqualTo(SystemMachine.Outcome.POWER_OFF);
        }
        Simulation sim = new Simulation(new Simulation.Config(kernel, args, 2048, mode, 3, 8, 256, 2, 20,
                1_000_000));
        sim.run();
        assertThat(sim.primary().replica.finishReason()).as("primary finished").isNotNull();
        assertThat(sim.backup().replica.finishReason()).as("backup finished").isNotNull();
        for (int b = 0; b < 256; b++) {
            assertThat(sim.disk().block(b)).as("block " + b).isEqualTo(bareDisk.block(b));
        }
        assertThat(sim.disk().writes()).isNotEmpty().allMatch(w -> w.issuer().equals("primary"));
        assertThat(sim.backup().replica.digests()).isEqualTo(sim.primary().replica.digests());
    }
}
