package org.hbft.spec.trace;

import java.util.Objects;

/**
 * Something wrong with one line of a trace file.
 *
 * @param line          the 1-based line number in the file
 * @param message       what is wrong, naming the event and the field where there is one, e.g.
 *                      {@code PrimaryEpochEnd: required field "tme" missing}; without the line
 *                      number ({@link #toString()} adds it)
 * @param truncatedTail true if this is the incomplete last line of a file whose writer stopped in
 *                      the middle of the line (see {@link TraceFile#truncatedTail()}); a caller
 *                      may choose to ignore such a problem
 */
public record TraceProblem(int line, String message, boolean truncatedTail) {

    public TraceProblem {
        Objects.requireNonNull(message, "message");
    }

    /** A problem that is not a truncated tail. */
    public TraceProblem(int line, String message) {
        this(line, message, false);
    }

    /** {@code line 17: PrimaryEpochEnd: required field "tme" missing}. */
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
