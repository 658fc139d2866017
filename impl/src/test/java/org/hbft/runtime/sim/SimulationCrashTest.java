package org.hbft.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.hbft.replication.OutputMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulationCrashTest {
    @ParameterizedTest
    @CsvSource({"revised,300", "revised,1200", "revised,1210", "revised,1215", "output-rule,1300", "original,1400", "revised,2500"})
    void crashLosesNoAcknowledgedWrite(String mode, long step) throws Exception {
        Simulation sim = new Simulation(SimulationTest.kv(OutputMode.parse(mode)).withCrash(step, 0));
        SimClient client = new SimClient(10, 50, 5, 400);
        sim.addClient(client);
        sim.run();
        System.out.println(mode + " step " + step + " crash tick " + sim.crashTick() + " ticks " + sim.tick() + " log " + sim.log()
            + " backup role " + sim.backup().replica.protocol().role() + " fepoch " + sim.backup().replica.protocol().failoverEpoch()
            + " unc " + sim.backup().replica.stats().uncertainDelivered + " acked " + client.acknowledged().size() + " gap " + client.longestGap());
        assertThat(client.finished()).isTrue();
        assertThat(client.mismatches()).isEmpty();
        assertThat(sim.crashTick()).isGreaterThanOrEqualTo(0);
    }
}
