package org.hbft.conformance;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hbft.machine.ElfImage;
import org.hbft.replication.OutputMode;
import org.hbft.runtime.sim.SimClient;
import org.hbft.runtime.sim.Simulation;

/** The implementation's scenarios whose traces CI checks against the spec. */
final class Scenarios {
    /** A named run of the simulation and the mode its trace is checked under. */
    record Scenario(String name, OutputMode mode, Simulation.Config config, int kvWrites, String crashOnKind) {}

    private Scenarios() {
    }

    static Path root() {
        return Path.of(System.getProperty("hbft.root", ".."));
    }

    static ElfImage kernel() throws Exception {
        return ElfImage.read(root().resolve("guests/kernel/kernel.elf"));
    }

    static Map<String, Scenario> all() throws Exception {
        ElfImage k = kernel();
        Map<String, Scenario> m = new LinkedHashMap<>();
        for (OutputMode mode : OutputMode.values()) {
            String md = mode.label();
            m.put("kv-" + md, new Scenario("kv-" + md, mode, kv(k, mode), 6, null));
            m.put("kv-" + md + "-failover", new Scenario("kv-" + md + "-failover", mode, kv(k, mode), 6, "disk-write"));
        }
        // A cut link: the primary notices first and keeps the disk, or the backup does and takes over.
        m.put("kv-revised-partition-primary-wins", new Scenario("kv-revised-partition-primary-wins", OutputMode.REVISED,
                kv(k, OutputMode.REVISED).withPartition(150, 5), 6, null));
        m.put("kv-output-rule-partition-backup-wins", new Scenario("kv-output-rule-partition-backup-wins",
                OutputMode.OUTPUT_RULE, kv(k, OutputMode.OUTPUT_RULE).withPartition(150, 400), 6, null));
        m.put("cpu-revised", new Scenario("cpu-revised", OutputMode.REVISED,
                machine(k, "workload=cpu iterations=300", OutputMode.REVISED), 0, null));
        m.put("cpu-revised-failover", new Scenario("cpu-revised-failover", OutputMode.REVISED,
                machine(k, "workload=cpu iterations=300", OutputMode.REVISED), 0, "console"));
        m.put("disk-write-original", new Scenario("disk-write-original", OutputMode.ORIGINAL,
                machine(k, "workload=disk-write iterations=40", OutputMode.ORIGINAL), 0, null));
        m.put("disk-write-revised-failover", new Scenario("disk-write-revised-failover", OutputMode.REVISED,
                machine(k, "workload=disk-write iterations=40", OutputMode.REVISED), 0, "disk-write"));
        m.put("disk-read-output-rule", new Scenario("disk-read-output-rule", OutputMode.OUTPUT_RULE,
                machine(k, "workload=disk-read iterations=40", OutputMode.OUTPUT_RULE), 0, null));
        m.put("disk-read-revised-failover", new Scenario("disk-read-revised-failover", OutputMode.REVISED,
                machine(k, "workload=disk-read iterations=40", OutputMode.REVISED), 0, "disk-read"));
        return m;
    }

    private static Simulation.Config kv(ElfImage k, OutputMode mode) {
        return new Simulation.Config(k, "workload=kv", 4096, mode, 11, 8, 256, 2, 20, 20_000);
    }

    private static Simulation.Config machine(ElfImage k, String args, OutputMode mode) {
        return new Simulation.Config(k, args, 4096, mode, 5, 8, 256, 2, 20, 200_000);
    }

    /** Runs a scenario and returns its trace lines. */
    static List<String> run(Scenario s) throws Exception {
        Simulation sim = new Simulation(s.config());
        if (s.kvWrites() > 0) {
            sim.addClient(new SimClient(s.kvWrites(), 50, 5, 300));
        }
        if (s.crashOnKind() != null) {
            int[] seen = {0};
            boolean[] armed = {false};
            // Crash at the step after the third operation of that kind was performed.
            sim.crashOn(e -> {
                if (armed[0]) {
                    return true;
                }
                if (e.event().equals("DevicePerform") && s.crashOnKind().equals(e.fields().get("kind")) && ++seen[0] == 3) {
                    armed[0] = true;
                }
                return false;
            });
        }
        sim.run();
        return sim.trace();
    }
}
