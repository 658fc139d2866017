package org.hbft.replication;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * When the primary may let output reach the environment, relative to the backup's
 * acknowledgements.
 *
 * <ul>
 * <li>{@link #ORIGINAL}: the paper's P2. At every epoch end the primary waits until the backup
 * has acknowledged every message sent; I/O itself is issued at once. An interrupt's effect can
 * reach the environment at most one epoch before the backup holds it, so a crash that loses
 * the messages still in flight can make the backup diverge from what the environment saw
 * (the spec's {@code CrashLosesMessages} finding).</li>
 * <li>{@link #REVISED}: paper section 4.3. Epoch ends do not wait; before starting any I/O the
 * primary's VM stops until every message sent so far is acknowledged. Whatever the
 * environment sees, the backup can reproduce.</li>
 * <li>{@link #OUTPUT_RULE}: VMware FT's rule. The VM never waits; an output is held in the
 * hypervisor until the backup has acknowledged every message sent before it was issued. Same
 * guarantee as {@code REVISED}, with the latency moved from the VM to the output.</li>
 * </ul>
 */
public enum OutputMode {
    ORIGINAL("original"), REVISED("revised"), OUTPUT_RULE("output-rule");

    private final String label;

    OutputMode(String label) {
        this.label = label;
    }

    /** The name used on the command line, in traces and in the spec. */
    public String label() {
        return label;
    }

    /** Parses a label; throws IllegalArgumentException naming the valid ones. */
    public static OutputMode parse(String s) {
        for (OutputMode m : values()) {
            if (m.label.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown output mode '" + s + "' (expected "
                + Arrays.stream(values()).map(OutputMode::label).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return label;
    }
}
