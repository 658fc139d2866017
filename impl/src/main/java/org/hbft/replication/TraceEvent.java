package org.hbft.replication;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One protocol step as the trace format records it ({@code traces/SCHEMA.md}): the TLA+ action
 * name, the epoch the processor was in when the step started, and the step's fields in order.
 * The writer adds {@code v}, {@code seq} and {@code replica}.
 */
public record TraceEvent(String event, int epoch, Map<String, Object> fields) {
    public TraceEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Builds an event from alternating field names and values. */
    public static TraceEvent of(String event, int epoch, Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new TraceEvent(event, epoch, m);
    }
}
