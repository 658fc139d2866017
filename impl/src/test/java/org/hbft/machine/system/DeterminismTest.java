package org.hbft.machine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.hbft.machine.device.DeviceEvent;
import org.hbft.machine.device.DiskFaults;
import org.hbft.machine.device.DiskFaults.Outcome;
import org.hbft.machine.device.MemoryBlockStore;
import org.junit.jupiter.api.Test;

/**
 * Two runs fed the same inputs at the same instruction counts end in the same VM state digest,
 * whatever their devices' back ends would have said; different inputs give different digests.
 */
class DeterminismTest {
    static final DiskFaults SOME_UNCERTAIN = (seq, write, block) -> seq % 5 == 2 ? Outcome.UNCERTAIN_PERFORMED
            : seq % 11 == 4 ? Outcome.UNCERTAIN_NOT_PERFORMED : Outcome.OK;

    /** A clock that moves on by an irregular step at each reading, like a host clock. */
    static LongSupplier driftingClock(long start) {
        AtomicLong t = new AtomicLong(start);
        return () -> t.addAndGet(997 + (t.get() % 13) * 31);
    }

    /** A back end that must not be consulted during a replay. */
    static final LongSupplier NO_CLOCK = () -> {
        throw new AssertionError("a replay read the host clock");
    };

    static MemoryBlockStore filledDisk(int blocks) {
        MemoryBlockStore disk = new MemoryBlockStore(blocks);
        for (int b = 0; b < blocks; b++) {
            disk.write(b, KernelWorkloadTest.written(b * 7 + 3));
        }
        return disk;
    }

    @Test
    void replayOfADiskWriteRunWithUncertainCompletionsEndsInTheRecordedDigest() throws Exception {
        KernelBoot primary = new KernelBoot("workload=disk-write iterations=150", new MemoryBlockStore(32),
                SOME_UNCERTAIN, driftingClock(1_700_000_000_000_000L));
        SystemMachine.Result recorded = primary.run();
        assertThat(primary.output()).contains("uncertain retries");
        assertThat(primary.machine.log().deliveries()).hasSizeGreaterThan(150);

        // The replica's disk and clock differ; only the log's inputs may reach its VM.
        KernelBoot replica = new KernelBoot("workload=disk-write iterations=150", new MemoryBlockStore(32),
                DiskFaults.NONE, NO_CLOCK);
        replica.machine.replay(primary.machine.log());
        SystemMachine.Result replayed = replica.run();

        assertThat(replayed).isEqualTo(recorded);
        assertThat(replica.output()).isEqualTo(primary.output());
        assertThat(replica.machine.stateDigest()).isEqualTo(primary.machine.stateDigest());
    }

    @Test
    void replayOfADiskReadRunGetsTheBlocksFromTheLogNotFromItsOwnDisk() throws Exception {
        KernelBoot primary = new KernelBoot("workload=disk-read iterations=100 seed=9", filledDisk(16),
                DiskFaults.NONE, driftingClock(5));
        primary.run();
        KernelBoot replica = new KernelBoot("workload=disk-read iterations=100 seed=9", new MemoryBlockStore(16),
                DiskFaults.NONE, NO_CLOCK);
        replica.machine.replay(primary.machine.log());
        replica.run();
        assertThat(replica.output()).isEqualTo(primary.output());
        assertThat(replica.machine.stateDigest()).isEqualTo(primary.machine.stateDigest());
    }

    @Test
    void replayInterpretedOfARunTranslatedToBlocksEndsInTheRecordedDigest() throws Exception {
        // The kernel runs in system mode: translation, interruptions, the TLB and device I/O meet here.
        KernelBoot primary = new KernelBoot("workload=disk-write iterations=80", new MemoryBlockStore(32),
                SOME_UNCERTAIN, driftingClock(77));
        primary.machine.cpu().setJitThreshold(1);
        SystemMachine.Result recorded = primary.run();
        assertThat(primary.machine.cpu().translatedBlocks()).isPositive();

        KernelBoot replica = new KernelBoot("workload=disk-write iterations=80", new MemoryBlockStore(32),
                DiskFaults.NONE, NO_CLOCK);
        replica.machine.cpu().setJitThreshold(0);
        replica.machine.replay(primary.machine.log());
        SystemMachine.Result replayed = replica.run();

        assertThat(replica.machine.cpu().translatedBlocks()).isZero();
        assertThat(replayed).isEqualTo(recorded);
        assertThat(replica.output()).isEqualTo(primary.output());
        assertThat(replica.machine.stateDigest()).isEqualTo(primary.machine.stateDigest());
    }

    @Test
    void twoRecordedRunsWithIdenticalEnvironmentsAreIdentical() throws Exception {
        KernelBoot a = new KernelBoot("workload=disk-read iterations=60", filledDisk(8), SOME_UNCERTAIN, driftingClock(42));
        KernelBoot b = new KernelBoot("workload=disk-read iterations=60", filledDisk(8), SOME_UNCERTAIN, driftingClock(42));
        a.run();
        b.run();
        assertThat(b.machine.log().deliveries()).isEqualTo(a.machine.log().deliveries());
        assertThat(b.machine.stateDigest()).isEqualTo(a.machine.stateDigest());
    }

    @Test
    void aReadCompletionCarryingOtherDataGivesAnotherDigest() throws Exception {
        KernelBoot primary = new KernelBoot("workload=disk-read iterations=20", filledDisk(8), DiskFaults.NONE,
                driftingClock(0));
        primary.run();
        InputLog altered = new InputLog(SystemMachine.DEFAULT_QUANTUM);
        var recorded = primary.machine.log().deliveries();
        for (int i = 0; i < recorded.size(); i++) {
            // The tenth block read comes back with its first byte changed, at the same instruction.
            InputLog.Delivery d = recorded.get(i);
            byte[] data = d.event().data();
            if (i == 9) {
                data[0] ^= 1;
            }
            altered.addDelivery(d.instruction(), new DeviceEvent(d.event().device(), d.event().status(), data));
        }
        primary.machine.log().environmentValues().forEach(altered::addEnvironmentValue);
        KernelBoot other = new KernelBoot("workload=disk-read iterations=20", new MemoryBlockStore(8),
                DiskFaults.NONE, NO_CLOCK);
        other.machine.replay(altered);
        SystemMachine.Result r = other.run();
        assertThat(r.outcome()).isEqualTo(SystemMachine.Outcome.POWER_OFF);
        assertThat(other.output()).isNotEqualTo(primary.output());
        assertThat(other.machine.stateDigest()).isNotEqualTo(primary.machine.stateDigest());
    }

    @Test
    void replayWithAnotherQuantumIsRefused() throws Exception {
        KernelBoot primary = new KernelBoot("workload=cpu iterations=10", null, DiskFaults.NONE, driftingClock(1));
        primary.run();
        SystemMachine other = new SystemMachine(16L << 20, SystemMachine.DEFAULT_QUANTUM * 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.replay(primary.machine.log()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantum");
    }

    @Test
    void cpuWorkloadReplaysTheClockReadingsItWasGiven() throws Exception {
        KernelBoot primary = new KernelBoot("workload=cpu iterations=500", null, DiskFaults.NONE, driftingClock(77));
        primary.run();
        assertThat(primary.machine.log().environmentValues()).hasSize(2);
        KernelBoot replica = new KernelBoot("workload=cpu iterations=500", null, DiskFaults.NONE, NO_CLOCK);
        replica.machine.replay(primary.machine.log());
        replica.run();
        assertThat(replica.output()).isEqualTo(primary.output());
        assertThat(replica.machine.stateDigest()).isEqualTo(primary.machine.stateDigest());
    }
}
