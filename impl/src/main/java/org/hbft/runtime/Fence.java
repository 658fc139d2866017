package org.hbft.runtime;

import java.io.IOException;

/**
 * The split-brain fence on the shared disk: a generation record that one atomic test-and-set
 * moves forward, and that every operation of a primary is checked against.
 */
public interface Fence {
    /** If the stored generation is {@code expected}, stores {@code expected + 1} and returns true. */
    boolean testAndSet(long expected, String owner) throws IOException;

    /** Whether {@code generation} is still the stored one. */
    boolean holds(long generation) throws IOException;
}
