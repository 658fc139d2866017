package org.hbft.spec;

import java.util.List;
import java.util.Optional;

import static org.hbft.spec.Expectation.goalFound;
import static org.hbft.spec.Expectation.pass;
import static org.hbft.spec.Expectation.violation;
import static org.hbft.spec.Expectation.witness;

/**
 * Every TLC model of spec/tla/models, with the outcome it must have. spec/README.md explains
 * each one; a test keeps this list and the .cfg files in step.
 */
public final class Models {

    private static final String HBFT = "MCHBFT";
    private static final String SCENARIOS = "MCScenarios";

    private static final List<Model> ALL = List.of(
            // The protocol: every property holds.
            new Model("original", HBFT, Tier.CI, pass(),
                    "P0-P8 as in the paper: P2 waits for acks; no message is lost"),
            new Model("revised", HBFT, Tier.CI, pass(),
                    "revised protocol: acks before I/O; a crash loses unreceived messages"),
            new Model("output-rule", HBFT, Tier.CI, pass(),
                    "output rule: commands held until acked; a crash loses unreceived messages"),
            new Model("revised-partition", HBFT, Tier.CI, pass(),
                    "revised protocol, the link may be cut; promotion through the disk fence"),
            new Model("output-rule-partition", HBFT, Tier.CI, pass(),
                    "output rule, the link may be cut; promotion through the disk fence"),
            new Model("single-machine", "MCSingleMachine", Tier.CI, pass(),
                    "the abstract single machine on its own"),

            // Findings: the paper's rules as written, where TLC shows a gap.
            new Model("paper-clock", HBFT, Tier.CI, violation("ClockMonotonic"),
                    "finding: P5's Tme_b := Tme_p alone lets the clock run backwards after failover"),
            new Model("original-lossy", HBFT, Tier.CI, violation("IOConsistency"),
                    "finding: the original protocol is unsafe if a crash loses unacked messages"),

            // Known-bad variants: each must be caught by the property named.
            new Model("bug-deliver-before-relay", HBFT, Tier.CI, violation("Lockstep"),
                    "bad: the primary delivers an interrupt before relaying it"),
            new Model("bug-backup-early-start", HBFT, Tier.CI, violation("Lockstep"),
                    "bad: the backup starts epoch E before [end, E]"),
            new Model("bug-no-suppress", HBFT, Tier.CI, violation("BackupSilentBeforePromotion"),
                    "bad: the backup does not suppress its I/O"),
            new Model("bug-no-uncertain", HBFT, Tier.CI, violation("IOAnswered"),
                    "bad: no uncertain interrupts at failover (P8 omitted)"),
            new Model("bug-io-before-acks", HBFT, Tier.CI, violation("IOConsistency"),
                    "bad: revised protocol issues I/O before holding all acks"),
            new Model("bug-backup-own-clock", HBFT, Tier.CI, violation("ClockMonotonic"),
                    "bad: the backup keeps its own clock at failover"),
            new Model("bug-no-fence", HBFT, Tier.CI, violation("OnePrimary"),
                    "bad: promotion without the disk fence when the link can partition"),

            // Regression scenarios: the spec along one fixed schedule (ScenarioHBFT, MCScenarios).
            new Model("scenario-uncertain-retry", SCENARIOS, Tier.CI, witness(),
                    "witness: crash after the disk performed, uncertain interrupt, the operation repeated"),
            new Model("scenario-output-rule-retry", SCENARIOS, Tier.CI, witness(),
                    "witness: output rule holds and releases a command; after a crash it is repeated"),
            new Model("scenario-partition-fenced", SCENARIOS, Tier.CI, witness(),
                    "witness: partition won by the backup through the fence; the old primary halts"),
            new Model("scenario-primary-solo", SCENARIOS, Tier.CI, witness(),
                    "witness: partition won by the primary, which writes on alone; the backup halts"),
            new Model("scenario-external-lockstep", SCENARIOS, Tier.CI, witness(),
                    "witness: a packet relayed (P1) and delivered by both processors alike"),
            new Model("scenario-deep-failover", SCENARIOS, Tier.CI, witness(),
                    "witness at thorough constants: crash in epoch 2, packet and uncertain interrupt delivered"),
            new Model("scenario-paper-clock", SCENARIOS, Tier.CI, witness(),
                    "replay of paper-clock at three clock values: the clock goes back"),
            new Model("scenario-paper-clock-fixed", SCENARIOS, Tier.CI, pass(),
                    "the same schedule with the clock fix: completes, nothing violated"),
            new Model("scenario-no-fence", SCENARIOS, Tier.CI, witness(),
                    "replay of bug-no-fence at thorough partition constants: two primaries"),
            new Model("scenario-no-fence-fixed", SCENARIOS, Tier.CI, pass(),
                    "the same schedule with the fence: completes, one primary"),

            // Larger constants, for -Pthorough.
            new Model("original-thorough", HBFT, Tier.THOROUGH, pass(),
                    "original protocol: 4 epochs, 2 operations, a network interrupt"),
            new Model("revised-thorough", HBFT, Tier.THOROUGH, pass(),
                    "revised protocol, lossy crash: 2 operations, a network interrupt"),
            new Model("output-rule-thorough", HBFT, Tier.THOROUGH, pass(),
                    "output rule, lossy crash: 2 operations, a network interrupt"),
            new Model("revised-partition-thorough", HBFT, Tier.THOROUGH, pass(),
                    "revised protocol with partitions and the fence: 3 epochs"),
            new Model("output-rule-partition-thorough", HBFT, Tier.THOROUGH, pass(),
                    "output rule with partitions and the fence: 3 epochs"),
            new Model("io-first-thorough", HBFT, Tier.THOROUGH, pass(),
                    "revised protocol, lossy crash; the guest issues I/O before reading the clock"),
            new Model("clock-thorough", HBFT, Tier.THOROUGH, pass(),
                    "revised protocol, lossy crash; clocks with three values"),
            new Model("scenario-deep-failover-bfs", SCENARIOS, Tier.THOROUGH, goalFound(),
                    "scenario-deep-failover's goal found by breadth-first search, without the schedule"));

    private Models() {
    }

    public static List<Model> all() {
        return ALL;
    }

    public static List<Model> tier(Tier tier) {
        return ALL.stream().filter(m -> m.tier() == tier).toList();
    }

    public static Optional<Model> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
