package org.hbft.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.hbft.machine.ElfImage;
import org.hbft.replication.OutputMode;
import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Test;

class SimulationTest {
    static Simulation.Config kv(OutputMode mode) throws Exception {
        ElfImage kernel = ElfImage.read(RepoPaths.guests().resolve("kernel/kernel.elf"));
        return new Simulation.Config(kernel, "workload=kv", 4096, mode, 1, 8, 256, 2, 20, 200_000);
    }

    @Test
    void faultFreeKvRunKeepsReplicasInLockstep() throws Exception {
        Simulation sim = new Simulation(kv(OutputMode.REVISED));
        SimClient client = new SimClient(10, 50, 5, 400);
        sim.addClient(client);
        sim.run();
        System.out.println("ticks " + sim.tick() + " log " + sim.log());
        assertThat(client.finished()).isTrue();
        assertThat(client.mismatches()).isEmpty();
        assertThat(client.acknowledged()).hasSize(10);
        var p = sim.primary().replica.digests();
        var b = sim.backup().replica.digests();
        System.out.println("epochs p=" + p.size() + " b=" + b.size());
        assertThat(b.size()).isGreaterThan(10);
        assertThat(p.subList(0, b.size())).isEqualTo(b);
    }

    @Test
    void replicaThatSkipsIdleLoopsStaysInLockstepWithOneThatSpinsThem() throws Exception {
        Simulation sim = new Simulation(kv(OutputMode.REVISED));
        var spinner = sim.primary().replica.hypervisor().machine().cpu();
        var skipper = sim.backup().replica.hypervisor().machine().cpu();
        spinner.setIdleSkipping(false);
        SimClient client = new SimClient(10, 50, 5, 400);
        sim.addClient(client);
        sim.run();
        assertThat(client.finished()).isTrue();
        assertThat(client.mismatches()).isEmpty();
        var p = sim.primary().replica.digests();
        var b = sim.backup().replica.digests();
        assertThat(b.size()).isGreaterThan(10);
        assertThat(p.subList(0, b.size())).isEqualTo(b);
        assertThat(spinner.idleInstructionsSkipped()).isZero();
        assertThat(skipper.idleInstructionsSkipped()).as("the backup skipped idle loops")
                .isGreaterThan(skipper.cycles() / 4);
    }
}
