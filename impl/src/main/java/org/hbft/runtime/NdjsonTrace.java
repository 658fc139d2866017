package org.hbft.runtime;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hbft.replication.TraceEvent;

/**
 * Writes protocol steps as the NDJSON trace format of {@code traces/SCHEMA.md}: one object
 * per line with {@code v}, {@code seq}, {@code replica}, {@code event}, {@code epoch} and the
 * step's fields. One writer per file; a simulation shares one between both replicas.
 */
public final class NdjsonTrace implements TraceSink, AutoCloseable {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private long seq;

    public NdjsonTrace(Writer out) {
        this.out = out;
    }

    /** A trace written to {@code out} (a file, or a {@link DeferredFileOutput}), buffered. */
    public static NdjsonTrace over(OutputStream out) {
        return new NdjsonTrace(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
    }

    /** The line for one step (without the line end). */
    public static String line(long seq, String replica, TraceEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", VERSION);
        m.put("seq", seq);
        m.put("replica", replica);
        m.put("event", e.event());
        m.put("epoch", e.epoch());
        m.putAll(e.fields());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("trace event not serialisable: " + e, ex);
        }
    }

    @Override
    public synchronized void write(String replica, TraceEvent event) {
        try {
            out.write(line(++seq, replica, event));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("trace write failed", e);
        }
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
