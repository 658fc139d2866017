package org.hbft.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hbft.replication.OutputMode;
import org.hbft.replication.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The link is cut while both processors run. Whichever wins the fence's test-and-set on the
 * shared disk goes on; the other halts before its next write. The disk never sees writes from
 * both sides after the cut, and no acknowledged write is lost.
 */
class PartitionTest {
    @ParameterizedTest(name = "{0}, partition at tick {1}, primary notices after {2} ticks")
    @CsvSource({"revised,120,5", "revised,120,400", "output-rule,160,5", "output-rule,160,400", "original,140,5",
        "original,140,400"})
    void partitionNeverLeavesTwoWritersAndLosesNoAcknowledgedWrite(String mode, long at, int primaryTicks) throws Exception {
        Simulation sim = new Simulation(SimulationTest.kv(OutputMode.parse(mode)).withPartition(at, primaryTicks));
        SimClient client = new SimClient(12, 50, 5, 300);
        sim.addClient(client);
        sim.run();
        Protocol.Role p = sim.primary().replica.protocol().role();
        Protocol.Role b = sim.backup().replica.protocol().role();
        assertThat(List.of(p, b)).as("exactly one survivor acts as primary").containsOnlyOnce(Protocol.Role.PRIMARY);
        assertThat(client.finished()).isTrue();
        assertThat(client.mismatches()).isEmpty();
        assertThat(client.acknowledged()).hasSize(12);
        String winner = p == Protocol.Role.PRIMARY ? "primary" : "backup";
        // The backup notices after 20 ticks: a primary that notices first takes the fence, else the backup does.
        assertThat(winner).isEqualTo(primaryTicks < 20 ? "primary" : "backup");
        assertThat(p == Protocol.Role.PRIMARY ? b : p).as("the loser halted").isEqualTo(Protocol.Role.HALTED);
        List<SimDisk.Write> writes = sim.disk().writes();
        int firstByBackup = -1;
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).issuer().equals("backup")) {
                firstByBackup = i;
                break;
            }
        }
        if (winner.equals("primary")) {
            assertThat(firstByBackup).as("the backup never wrote").isEqualTo(-1);
        } else {
            assertThat(writes.subList(firstByBackup, writes.size())).as("no primary write after the backup's first")
                    .allMatch(w -> w.issuer().equals("backup"));
        }
        SimulationCrashTest.assertDiskWritesConsistent(sim.disk());
    }
}
