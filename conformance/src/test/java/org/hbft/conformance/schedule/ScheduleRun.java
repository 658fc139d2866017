package org.hbft.conformance.schedule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hbft.machine.ElfImage;
import org.hbft.replication.Bug;
import org.hbft.replication.Protocol;
import org.hbft.runtime.sim.SimClient;
import org.hbft.runtime.sim.SimDisk;
import org.hbft.runtime.sim.Simulation;
import org.hbft.spec.trace.FastTraceChecker;

/**
 * Runs one schedule in the simulation (kv workload, one client) and checks what must hold
 * whatever the schedule: the service answers every request, within a bound after a fault; no
 * acknowledged write is lost; a block is never written with two contents and only the current
 * primary writes; the replicas' digests agree at every epoch boundary before the failover
 * epoch; and the trace is a behaviour of the spec.
 */
public final class ScheduleRun {
    /**
     * Client timeout, in ticks: how long it waits before trying the other address. A request
     * takes some tens of epochs, and with the original protocol every epoch costs a round trip
     * on the link, so the timeout grows with the link's delay.
     */
    static int clientTimeout(Schedule s) {
        return 300 + 100 * s.linkDelay();
    }
    /**
     * The longest a client may go without a reply: a fault costs it at most two timeouts (it
     * tries the other address, then this one again), and so does every frame the network
     * loses; 250 ticks cover the detector, the failover epoch and the work itself.
     */
    static long answerBound(Schedule s) {
        return (2L + 2L * s.droppedSends().size()) * clientTimeout(s) + 250;
    }
    static final int DETECTOR_TICKS = 20;
    private static ElfImage kernel;

    /** What one run produced and what was wrong with it. */
    public record Outcome(List<String> violations, List<String> trace, long ticks) {}

    private ScheduleRun() {
    }

    static synchronized ElfImage kernel() throws Exception {
        if (kernel == null) {
            kernel = ElfImage.read(Path.of(System.getProperty("hbft.root", "..")).resolve("guests/kernel/kernel.elf"));
        }
        return kernel;
    }

    public static Outcome run(Schedule s) throws Exception {
        return run(s, Bug.NONE);
    }

    public static Outcome run(Schedule s, Bug bug) throws Exception {
        boolean kv = s.workload() == Schedule.Workload.KV;
        Simulation.Config c = new Simulation.Config(kernel(), kv ? "workload=kv" : "workload=cpu iterations=400", 2048, s.mode(), s.seed(), 8, 64,
                s.linkDelay(), DETECTOR_TICKS, 30_000).withDiskFaults(s.diskFaults()).withBug(bug);
        switch (s.fault()) {
            case PRIMARY_CRASH -> c = c.withCrash(s.faultStep(), s.lost());
            case BACKUP_CRASH -> c = c.withBackupCrash(s.faultStep()).withPartition(-1, s.primaryNotices());
            case PARTITION -> c = c.withPartition(s.faultStep(), s.primaryNotices());
            default -> { }
        }
        Simulation sim = new Simulation(c);
        SimClient client = new SimClient(s.writes(), s.firstRequest(), s.spacing(), clientTimeout(s))
                .drop(new HashSet<>(s.droppedSends()));
        if (kv) {
            sim.addClient(client);
        }
        sim.run();
        List<String> v = new ArrayList<>();
        if (kv) {
            if (!client.finished()) {
                v.add("the service stopped answering (client not finished after " + sim.tick() + " ticks)");
            }
            v.addAll(client.mismatches().stream().map(m -> "acknowledged write lost: " + m).toList());
            if (client.longestGap() > answerBound(s)) {
                v.add("no reply for " + client.longestGap() + " ticks (bound " + answerBound(s) + ")");
            }
        } else if (sim.primary().replica.finishReason() == null && sim.backup().replica.finishReason() == null) {
            v.add("the workload never finished on a surviving processor (" + sim.tick() + " ticks)");
        }
        diskViolations(sim.disk(), v);
        lockstep(sim, v);
        conformance(sim.trace(), s.mode().label(), v);
        return new Outcome(v, sim.trace(), sim.tick());
    }

    private static void diskViolations(SimDisk disk, List<String> v) {
        Optional<SimDisk.Write> conflict = disk.firstConflictingWrite();
        if (conflict.isPresent()) {
            SimDisk.Write w = conflict.get();
            v.add("block " + w.block() + " written with two different contents (by " + w.issuer() + ")");
            return;
        }
        boolean backupWrote = false;
        for (SimDisk.Write w : disk.writes()) {
            if (w.issuer().equals("backup")) {
                backupWrote = true;
            } else if (backupWrote) {
                v.add("the old primary wrote block " + w.block() + " after the backup had written: two writers");
                return;
            }
        }
    }

    private static void lockstep(Simulation sim, List<String> v) {
        List<String> p = sim.primary().replica.digests();
        List<String> b = sim.backup().replica.digests();
        Protocol bp = sim.backup().replica.protocol();
        int upTo = Math.min(p.size(), b.size());
        if (bp.failoverEpoch() > 0) {
            upTo = Math.min(upTo, bp.failoverEpoch() - 1);
        }
        for (int e = 0; e < upTo; e++) {
            if (!p.get(e).equals(b.get(e))) {
                v.add("replicas diverged: digests of epoch " + (e + 1) + " differ");
                return;
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static void conformance(List<String> trace, String mode, List<String> v) throws Exception {
        List<JsonNode> events = new ArrayList<>(trace.size());
        for (String line : trace) {
            events.add(JSON.readTree(line));
        }
        FastTraceChecker.Result r = FastTraceChecker.check(events, mode);
        if (!r.conforms()) {
            v.add("trace does not conform at event " + (r.badIndex() + 1) + ": " + r.reason());
        }
    }

    static Set<String> names(List<String> violations) {
        return new HashSet<>(violations);
    }
}
