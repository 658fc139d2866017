package org.hbft.cli;

import java.util.List;

import picocli.CommandLine.Option;

/** How long a guest workload runs: the options a bare machine and the replicas share. */
final class RunLengthOptions {
    /** The workloads that time themselves and so can leave a warm-up out. */
    static final List<String> TIMED_WORKLOADS = List.of("cpu", "disk-write", "disk-read");

    @Option(names = "--iterations", paramLabel = "N", description = "workload iterations (default: the workload's own)")
    Integer iterations;

    @Option(names = "--warmup", paramLabel = "N",
            description = "cpu and disk workloads: iterations run before the timed ones, so that the time the"
                    + " workload prints leaves out the host's warm-up (default: none)")
    Integer warmup;

    /** What is wrong with the values given for {@code workload}, as a message for the user; null if nothing is. */
    String problem(String workload) {
        if (iterations != null && iterations < 0) {
            return "--iterations must not be negative";
        }
        if (warmup != null && warmup < 0) {
            return "--warmup must not be negative";
        }
        if (warmup != null && warmup > 0 && !TIMED_WORKLOADS.contains(workload)) {
            return "--warmup applies to the " + String.join(", ", TIMED_WORKLOADS) + " workloads, not " + workload;
        }
        return null;
    }

    /** Adds the guest kernel's boot arguments for these options. */
    void appendBootArgs(StringBuilder args) {
        if (iterations != null) {
            args.append(" iterations=").append(iterations);
        }
        if (warmup != null && warmup > 0) {
            args.append(" warmup=").append(warmup);
        }
    }
}
