package org.hbft.cli;

import org.hbft.replication.OutputMode;

import picocli.CommandLine.Option;

/** The protocol and failure-detector options that the replicas and the demo share. */
final class ProtocolOptions {
    @Option(names = "--epoch", paramLabel = "N", description = "epoch length in instructions (default: ${DEFAULT-VALUE})")
    int epoch = 4096;

    @Option(names = "--mode", paramLabel = "MODE", description = "output mode: original, revised or output-rule (default: ${DEFAULT-VALUE})")
    String mode = "revised";

    @Option(names = "--heartbeat-ms", paramLabel = "MS", description = "heartbeat interval (default: ${DEFAULT-VALUE})")
    int heartbeatMs = 15;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "failure detector timeout (default: ${DEFAULT-VALUE})")
    int timeoutMs = 150;

    /** What is wrong with the values given, as a message for the user; null if nothing is. */
    String problem() {
        try {
            OutputMode.parse(mode);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (epoch < 1) {
            return "--epoch must be at least 1";
        }
        if (heartbeatMs < 1 || timeoutMs <= heartbeatMs) {
            return "--heartbeat-ms must be positive and smaller than --timeout-ms";
        }
        return null;
    }

    /** The output mode; call only once {@link #problem()} has found nothing. */
    OutputMode outputMode() {
        return OutputMode.parse(mode);
    }
}
