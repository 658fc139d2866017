package org.hbft.conformance.schedule;

import java.util.List;
import java.util.Set;

import org.hbft.machine.device.DiskFaults;
import org.hbft.replication.OutputMode;

/**
 * One failure schedule for the deterministic simulation: the protocol mode, the link's delays,
 * the client's timing, one fault (a crash of either processor at any protocol step, or a cut
 * link), uncertain disk completions, and client frames the network loses. Records are values,
 * so jqwik shrinks a failing schedule field by field.
 *
 * @param writes kv: keys the client writes; cpu: ignored
 * @param faultStep the protocol step of the faulty processor at which the fault hits (crashes),
 *     or the tick (partition)
 * @param lost messages a primary's crash destroys on the link
 * @param primaryNotices ticks after a cut before the primary's detector fires
 * @param uncertainOps disk operations (by sequence number) that complete UNCERTAIN
 * @param uncertainPerformed whether those were performed nonetheless
 * @param droppedSends client frames (by send number) the network loses
 */
public record Schedule(Workload workload, OutputMode mode, long seed, int writes, int firstRequest, int spacing, int linkDelay,
        Fault fault, int faultStep, int lost, int primaryNotices, List<Integer> uncertainOps,
        boolean uncertainPerformed, List<Integer> droppedSends) {
    /** What the guest runs: the kv service with a client, or the cpu workload (which reads the clock). */
    public enum Workload { KV, CPU }

    public Schedule {
        workload = workload == null ? Workload.KV : workload;
    }

    /** The one fault a schedule injects. */
    public enum Fault { NONE, PRIMARY_CRASH, BACKUP_CRASH, PARTITION }

    /** The disk faults the schedule asks for. */
    public DiskFaults diskFaults() {
        Set<Integer> ops = Set.copyOf(uncertainOps);
        DiskFaults.Outcome uncertain = uncertainPerformed ? DiskFaults.Outcome.UNCERTAIN_PERFORMED
                : DiskFaults.Outcome.UNCERTAIN_NOT_PERFORMED;
        return (sequence, write, block) -> sequence < Integer.MAX_VALUE && ops.contains((int) sequence) ? uncertain
                : DiskFaults.Outcome.OK;
    }
}
