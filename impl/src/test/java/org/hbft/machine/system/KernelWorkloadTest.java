package org.hbft.machine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.DiskFaults;
import org.hbft.machine.device.DiskFaults.Outcome;
import org.hbft.machine.device.MemoryBlockStore;
import org.junit.jupiter.api.Test;

/** The guest kernel boots in system mode and runs its workloads to power-off. */
class KernelWorkloadTest {
    /** The kernel's block chooser (xorshift32), so the tests know which blocks it touches. */
    static List<Integer> blocksChosen(int seed, int iterations, int capacity) {
        List<Integer> blocks = new ArrayList<>();
        int x = seed;
        for (int i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            blocks.add(Integer.remainderUnsigned(x, capacity));
        }
        return blocks;
    }

    /** The block contents the disk-write workload writes. */
    static byte[] written(int block) {
        ByteBuffer b = ByteBuffer.allocate(BlockDevice.BLOCK_SIZE);
        for (int k = 0; k < BlockDevice.BLOCK_SIZE / 4; k++) {
            b.putInt(k == 0 ? block : block * (int) 2654435761L + k);
        }
        return b.array();
    }

    @Test
    void cpuWorkloadPrintsItsChecksumAndPowersOffCleanly() throws Exception {
        KernelBoot k = new KernelBoot("workload=cpu iterations=2000", null, DiskFaults.NONE);
        SystemMachine.Result r = k.run();
        assertThat(r.outcome()).isEqualTo(SystemMachine.Outcome.POWER_OFF);
        assertThat(r.exitStatus()).isZero();
        assertThat(k.output()).contains("hbft kernel: 16 MiB, workload cpu").contains("cpu: 2000 runs, checksum 0x");
    }

    @Test
    void timerTicksPreemptTheWorkloadInFavourOfTheBackgroundTask() throws Exception {
        KernelBoot k = new KernelBoot("workload=cpu iterations=2000", null, DiskFaults.NONE);
        k.run();
        // About 1.7M instructions at one tick per 50,000: dozens of ticks, each a task switch.
        assertThat(k.output()).containsPattern("kernel: [1-9][0-9] ticks, [1-9][0-9] task switches, background task ran 1");
    }

    /** Runs the disk-write workload on a 64-block disk with seed 7; checks its line, its writes and their blocks. */
    private static void diskWriteRun(String args, String line, int writes) throws Exception {
        MemoryBlockStore disk = new MemoryBlockStore(64);
        KernelBoot k = new KernelBoot("workload=disk-write seed=7 " + args, disk, DiskFaults.NONE);
        SystemMachine.Result r = k.run();
        assertThat(r.exitStatus()).isZero();
        assertThat(k.output()).contains(line);
        assertThat(disk.writes()).isEqualTo(writes);
        for (int block : new LinkedHashSet<>(blocksChosen(7, writes, 64))) {
            assertThat(disk.block(block)).as("block %d", block).isEqualTo(written(block));
        }
    }

    @Test
    void diskWriteWorkloadWritesEachChosenBlockWithItsPattern() throws Exception {
        diskWriteRun("iterations=300", "disk-write: 300 blocks of 64, 0 errors, 0 uncertain retries", 300);
    }

    @Test
    void diskWarmupWritesComeFirstAndContinueTheBlockSequence() throws Exception {
        diskWriteRun("iterations=100 warmup=40", "disk-write: 100 blocks of 64 after 40 warm-up, 0 errors", 140);
    }

    @Test
    void diskReadWorkloadSeesTheBlocksOnDiskThroughDma() throws Exception {
        MemoryBlockStore disk = new MemoryBlockStore(32);
        for (int b = 0; b < 32; b++) {
            disk.write(b, written(b * 3 + 1));
        }
        KernelBoot k = new KernelBoot("workload=disk-read iterations=200 seed=3", disk, DiskFaults.NONE);
        SystemMachine.Result r = k.run();
        assertThat(r.exitStatus()).isZero();
        int sum = 0;
        for (int block : blocksChosen(3, 200, 32)) {
            ByteBuffer data = ByteBuffer.wrap(disk.block(block));
            for (int w = 0; w < BlockDevice.BLOCK_SIZE / 4; w += 64) {
                sum = sum * 31 ^ data.getInt(4 * w);
            }
        }
        assertThat(k.output()).contains(String.format("disk-read: 200 blocks of 32, 0 errors, 0 uncertain retries, checksum 0x%08x", sum));
    }

    @Test
    void driverRepeatsOperationsThatCompleteUncertainWhetherOrNotTheyHappened() throws Exception {
        MemoryBlockStore disk = new MemoryBlockStore(16);
        // Operations 3, 10, 17, ... are reported UNCERTAIN; every other one of those really happened.
        DiskFaults faults = (seq, write, block) -> seq % 7 != 3 ? Outcome.OK
                : (seq / 7) % 2 == 0 ? Outcome.UNCERTAIN_NOT_PERFORMED : Outcome.UNCERTAIN_PERFORMED;
        KernelBoot k = new KernelBoot("workload=disk-write iterations=100 seed=5", disk, faults);
        SystemMachine.Result r = k.run();
        assertThat(r.exitStatus()).isZero();
        // 100 writes need 117 operations when every 7th (from the 4th) is uncertain: 17 retries.
        assertThat(k.output()).contains("disk-write: 100 blocks of 16, 0 errors, 17 uncertain retries");
        assertThat(disk.writes()).as("100 OK writes plus the uncertain ones that happened").isEqualTo(100 + 8);
        Set<Integer> touched = new LinkedHashSet<>(blocksChosen(5, 100, 16));
        for (int block : touched) {
            assertThat(disk.block(block)).as("block %d", block).isEqualTo(written(block));
        }
    }

    @Test
    void anErrorCompletionIsReportedByTheWorkloadAndNotRetried() throws Exception {
        MemoryBlockStore disk = new MemoryBlockStore(16);
        DiskFaults faults = (seq, write, block) -> seq == 2 ? Outcome.ERROR : Outcome.OK;
        KernelBoot k = new KernelBoot("workload=disk-write iterations=10", disk, faults);
        SystemMachine.Result r = k.run();
        assertThat(r.exitStatus()).isEqualTo(1);
        assertThat(k.output()).contains("disk-write: 10 blocks of 16, 1 errors, 0 uncertain retries");
        assertThat(disk.writes()).isEqualTo(9);
    }

    @Test
    void guestLoadFromAnUnassignedIoAddressTakesADataMemoryProtectionTrap() throws Exception {
        KernelBoot k = new KernelBoot("workload=bad-io", null, DiskFaults.NONE);
        SystemMachine.Result r = k.run();
        assertThat(r.outcome()).isEqualTo(SystemMachine.Outcome.POWER_OFF);
        assertThat(r.exitStatus()).isEqualTo(128 + 18);
        assertThat(k.output()).contains("kernel: data memory protection (interruption 18) in task workload")
                .contains("address 0xf000f000").doesNotContain("the load returned");
    }

    @Test
    void diskRefusesDmaOutsideGuestMemoryWithAnErrorStatus() throws Exception {
        MemoryBlockStore disk = new MemoryBlockStore(4);
        KernelBoot k = new KernelBoot("workload=bad-dma", disk, DiskFaults.NONE);
        SystemMachine.Result r = k.run();
        assertThat(r.exitStatus()).isZero();
        assertThat(k.output()).contains("bad-dma: the disk refused DMA outside memory");
    }

    @Test
    void consoleInputReachesTheGuestByInterruptInEveryChunkItArrivesIn() throws Exception {
        KernelBoot k = new KernelBoot("workload=echo", null, DiskFaults.NONE);
        k.machine.run(200_000);
        k.consoleDevice.input("hello, ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        k.machine.run(200_000);
        k.consoleDevice.input("kernel\n\u0004".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        SystemMachine.Result r = k.run();
        assertThat(r.outcome()).isEqualTo(SystemMachine.Outcome.POWER_OFF);
        assertThat(k.output()).contains("HELLO, KERNEL\necho: 14 bytes");
    }

    @Test
    void unknownWorkloadIsReportedWithExitStatusTwo() throws Exception {
        KernelBoot k = new KernelBoot("workload=nonesuch", null, DiskFaults.NONE);
        SystemMachine.Result r = k.run();
        assertThat(r.exitStatus()).isEqualTo(2);
        assertThat(k.output()).contains("kernel: unknown workload nonesuch");
    }
}
