package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.hbft.machine.ElfImage;
import org.hbft.replication.OutputMode;
import org.hbft.runtime.sim.SimClient;
import org.hbft.runtime.sim.Simulation;
import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReplicaTest {
    /**
     * The real runtime sends batched messages at once when an output is held (the VM does not stop
     * for the acknowledgements, so nothing else would make it send): the replica must say so under
     * the output rule, and only there.
     */
    @ParameterizedTest
    @EnumSource(OutputMode.class)
    void primarySaysWhenItHoldsAnOutputOnlyUnderTheOutputRule(OutputMode mode) throws Exception {
        Simulation sim = kvRun(mode, 0, 3);
        Replica primary = sim.primary().replica;
        assertThat(primary.takeOutputHeld()).isEqualTo(mode == OutputMode.OUTPUT_RULE);
        assertThat(primary.takeOutputHeld()).isFalse();
        assertThat(sim.backup().replica.takeOutputHeld()).isFalse();
    }

    /**
     * With acknowledgements slow to come, a primary under the output rule finds its guest idle
     * with the reply held: the runtime then waits for the backup instead of running the idle
     * loop. The other modes stop the VM itself and never get there.
     */
    @ParameterizedTest
    @EnumSource(OutputMode.class)
    void primarySaysWhenItsIdleGuestOnlyWaitsForAcknowledgements(OutputMode mode) throws Exception {
        Simulation sim = kvRun(mode, 4, 3);
        long idle = sim.primary().replica.stats().idleAwaitingAcks;
        if (mode == OutputMode.OUTPUT_RULE) {
            assertThat(idle).isPositive();
        } else {
            assertThat(idle).isZero();
        }
        assertThat(sim.backup().replica.stats().idleAwaitingAcks).isZero();
    }

    /**
     * An idle guest waiting for an output the primary holds ends its epoch at once rather than
     * spinning its idle loop to the epoch's end: under the output rule the guest then executes
     * about as many instructions as under the revised protocol, whose VM stops instead.
     */
    @Test
    void outputRuleGuestDoesNotSpinThroughEpochsWhileItsReplyIsHeld() throws Exception {
        long revised = kvRun(OutputMode.REVISED, 4, 5).primary().replica.hypervisor().instructions();
        long outputRule = kvRun(OutputMode.OUTPUT_RULE, 4, 5).primary().replica.hypervisor().instructions();
        assertThat(outputRule).isLessThan(revised * 11 / 10);
    }

    /** A fault-free simulated kv run of {@code requests} writes, every one acknowledged; a link delay of 0 keeps the default. */
    private static Simulation kvRun(OutputMode mode, int linkDelay, int requests) throws Exception {
        ElfImage kernel = ElfImage.read(RepoPaths.guests().resolve("kernel/kernel.elf"));
        Simulation.Config config = new Simulation.Config(kernel, "workload=kv", 4096, mode, 1, 8, 256, 2, 20, 200_000);
        Simulation sim = new Simulation(linkDelay > 0 ? config.withLinkDelay(linkDelay) : config);
        SimClient client = new SimClient(requests, 50, 5, 400);
        sim.addClient(client);
        sim.run();
        assertThat(client.acknowledged()).hasSize(requests);
        return sim;
    }
}
