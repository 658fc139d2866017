package org.hbft.spec.trace;

import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of a trace file, valid against {@code trace.schema.json}.
 *
 * <p>The accessors below read the fields every event has; the event's own fields are in
 * {@link #json()}. The node belongs to the {@link TraceFile} it came from: read it, do not
 * change it.
 *
 * @param line the 1-based line number in the file
 * @param json the line's JSON object
 */
public record TraceLine(int line, ObjectNode json) {

    public TraceLine {
        Objects.requireNonNull(json, "json");
    }

    /** The position in the file, {@code seq}. */
    public long seq() {
        return json.path("seq").asLong();
    }

    /** The TLA+ action name, {@code event}. */
    public String event() {
        return json.path("event").asText();
    }

    /** The processor that took the step, {@code "primary"} or {@code "backup"}. */
    public String replica() {
        return json.path("replica").asText();
    }

    /** The epoch the processor was in when the step started. */
    public long epoch() {
        return json.path("epoch").asLong();
    }

    @Override
    public String toString() {
        return "line " + line + ": " + json;
    }
}
