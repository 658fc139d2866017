package org.hbft.spec.trace;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trace as TLC reads it: the events as plain values (records, tuples, sets, strings,
 * integers, booleans) and the indexes TraceHBFT.tla uses, in a compact binary file that
 * {@link TraceIO} turns into TLC values. Values are {@code Integer}, {@code String},
 * {@code Boolean}, {@code Map<String, Object>} (a record), {@code List<Object>} (a tuple) and
 * {@code Set<Object>} (a set).
 */
public record PreparedTrace(List<Map<String, Object>> events, Map<String, Object> indexes) {
    private static final int MAGIC = 0x48425450; // "HBTP"
    private static final int VERSION = 1;

    /** Writes the file TLC's {@code LoadTrace} and {@code LoadIndex} read. */
    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeValue(out, new ArrayList<Object>(events));
            out.writeInt(indexes.size());
            for (Map.Entry<String, Object> e : indexes.entrySet()) {
                out.writeUTF(e.getKey());
                writeValue(out, e.getValue());
            }
        }
    }

    /** Reads a prepared file back (as plain values). */
    @SuppressWarnings("unchecked")
    public static PreparedTrace read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not a prepared trace");
            }
            List<Object> evs = (List<Object>) readValue(in);
            List<Map<String, Object>> events = new ArrayList<>(evs.size());
            for (Object o : evs) {
                events.add((Map<String, Object>) o);
            }
            int n = in.readInt();
            Map<String, Object> indexes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                indexes.put(in.readUTF(), readValue(in));
            }
            return new PreparedTrace(events, indexes);
        }
    }

    @SuppressWarnings("unchecked")
    static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v instanceof Integer i) {
            out.writeByte('I');
            out.writeInt(i);
        } else if (v instanceof String s) {
            out.writeByte('S');
            out.writeUTF(s);
        } else if (v instanceof Boolean b) {
            out.writeByte('B');
            out.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            out.writeByte('R');
            out.writeInt(m.size());
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                out.writeUTF(e.getKey());
                writeValue(out, e.getValue());
            }
        } else if (v instanceof List<?> l) {
            out.writeByte('T');
            out.writeInt(l.size());
            for (Object o : l) {
                writeValue(out, o);
            }
        } else if (v instanceof Set<?> s) {
            out.writeByte('E');
            out.writeInt(s.size());
            for (Object o : s) {
                writeValue(out, o);
            }
        } else {
            throw new IllegalArgumentException("not a trace value: " + v);
        }
    }

    static Object readValue(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 'I':
                return in.readInt();
            case 'S':
                return in.readUTF();
            case 'B':
                return in.readBoolean();
            case 'R': {
                int n = in.readInt();
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(in.readUTF(), readValue(in));
                }
                return m;
            }
            case 'T': {
                int n = in.readInt();
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(readValue(in));
                }
                return l;
            }
            case 'E': {
                int n = in.readInt();
                Set<Object> s = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    s.add(readValue(in));
                }
                return s;
            }
            default:
                throw new IOException("corrupt prepared trace (tag " + tag + ")");
        }
    }
}
