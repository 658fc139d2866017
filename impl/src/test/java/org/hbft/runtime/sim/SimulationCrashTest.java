package org.hbft.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.hbft.replication.OutputMode;
import org.hbft.replication.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crashes the primary between every few protocol steps of a kv run (mid-epoch, between the
 * steps of P2, with a disk write or a reply outstanding) and checks what the environment saw:
 * every acknowledged write readable from the promoted backup, and no disk block ever written
 * with two different contents (repeats of the same write are what P8 allows).
 */
class SimulationCrashTest {
    static Stream<Arguments> crashPoints() throws Exception {
        List<Arguments> l = new ArrayList<>();
        for (OutputMode mode : new OutputMode[] {OutputMode.REVISED, OutputMode.OUTPUT_RULE}) {
            // Spread the crash points over the primary's steps of a fault-free run of the same scenario.
            long steps = faultFree(mode);
            int points = mode == OutputMode.REVISED ? 40 : 15;
            LongStream.range(0, points).map(i -> 1 + i * (steps - 1) / points)
                    .forEach(s -> l.add(Arguments.of(mode, s)));
        }
        return l.stream();
    }

    private static long faultFree(OutputMode mode) throws Exception {
        Simulation sim = new Simulation(SimulationTest.kv(mode));
        sim.addClient(client());
        sim.run();
        return sim.primary().steps();
    }

    static SimClient client() {
        return new SimClient(12, 50, 5, 300);
    }

    @ParameterizedTest(name = "{0} crash at primary step {1}")
    @MethodSource("crashPoints")
    void primaryCrashLosesNoAcknowledgedWriteAndInventsNoOutput(OutputMode mode, long step) throws Exception {
        Simulation sim = new Simulation(SimulationTest.kv(mode).withCrash(step, 0));
        SimClient client = client();
        sim.addClient(client);
        sim.run();
        assertThat(sim.crashTick()).as("the primary crashed").isGreaterThanOrEqualTo(0);
        assertThat(sim.backup().replica.protocol().role()).as("backup promoted").isEqualTo(Protocol.Role.PRIMARY);
        assertThat(client.finished()).as("the service answered again after the crash").isTrue();
        assertThat(client.mismatches()).as("acknowledged writes lost").isEmpty();
        assertThat(client.acknowledged()).hasSize(12);
        assertDiskWritesConsistent(sim.disk());
        List<String> p = sim.primary().replica.digests();
        List<String> b = sim.backup().replica.digests();
        int before = sim.backup().replica.protocol().failoverEpoch() - 1;
        assertThat(b.subList(0, before)).as("lockstep before the failover epoch").isEqualTo(p.subList(0, before));
    }

    @org.junit.jupiter.api.Test
    void crashWithADiskWriteOutstandingMakesTheBackupRepeatItThroughAnUncertainInterrupt() throws Exception {
        Simulation sim = new Simulation(SimulationTest.kv(OutputMode.REVISED));
        int[] writes = {0};
        // The primary dies at the step after the disk performed its fifth write: the write is on the
        // disk, its completion interrupt was taken but never relayed.
        sim.crashOn(e -> {
            if (writes[0] == 5) {
                return true;
            }
            if (e.event().equals("DevicePerform") && "disk-write".equals(e.fields().get("kind"))) {
                writes[0]++;
            }
            return false;
        });
        SimClient client = client();
        sim.addClient(client);
        sim.run();
        assertThat(sim.crashTick()).isGreaterThanOrEqualTo(0);
        assertThat(sim.backup().replica.stats().uncertainDelivered).as("P8 raised an uncertain interrupt").isPositive();
        assertThat(client.mismatches()).isEmpty();
        assertThat(client.acknowledged()).hasSize(12);
        long repeated = sim.disk().writes().stream().map(SimDisk.Write::block).distinct().count();
        assertThat(repeated).as("some block written twice (the repeat P8 allows)").isLessThan(sim.disk().writes().size());
        assertDiskWritesConsistent(sim.disk());
    }

    /** A block is only ever written with one content: a repeat is a retried operation, never a different one. */
    static void assertDiskWritesConsistent(SimDisk disk) {
        assertThat(disk.firstConflictingWrite()).as("a block rewritten with other content").isEmpty();
    }
}
