package org.hbft.spec.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * The Java side of the TLA+ module TraceIO: TLC calls these instead of the module's
 * definitions, so a long trace is read once, fast, without TLA+ parsing it.
 */
public final class TraceIO {
    private static final Map<String, PreparedTrace> LOADED = new ConcurrentHashMap<>();

    private TraceIO() {
    }

    private static PreparedTrace load(StringValue path) {
        return LOADED.computeIfAbsent(path.val.toString(), p -> {
            try {
                return PreparedTrace.read(Path.of(p));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the prepared trace " + p + ": " + e.getMessage(), e);
            }
        });
    }

    /** The trace's events, a sequence of records. */
    @TLAPlusOperator(identifier = "LoadTrace", module = "TraceIO", warn = false)
    public static Value loadTrace(StringValue path) {
        return toValue(load(path).events());
    }

    /** One of the indexes the preparation computed. */
    @TLAPlusOperator(identifier = "LoadIndex", module = "TraceIO", warn = false)
    public static Value loadIndex(StringValue path, StringValue name) {
        Object index = load(path).indexes().get(name.val.toString());
        if (index == null) {
            throw new IllegalArgumentException("no trace index named " + name.val);
        }
        return toValue(index);
    }

    @SuppressWarnings("unchecked")
    static Value toValue(Object v) {
        if (v instanceof Integer i) {
            return IntValue.gen(i);
        } else if (v instanceof String s) {
            return new StringValue(s);
        } else if (v instanceof Boolean b) {
            return b ? BoolValue.ValTrue : BoolValue.ValFalse;
        } else if (v instanceof Map<?, ?> m) {
            UniqueString[] names = new UniqueString[m.size()];
            Value[] values = new Value[m.size()];
            int k = 0;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                names[k] = UniqueString.uniqueStringOf(e.getKey());
                values[k++] = toValue(e.getValue());
            }
            return new RecordValue(names, values, false);
        } else if (v instanceof List<?> l) {
            Value[] values = new Value[l.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = toValue(l.get(k));
            }
            return new TupleValue(values);
        } else if (v instanceof Set<?> s) {
            Value[] values = new Value[s.size()];
            int k = 0;
            for (Object o : s) {
                values[k++] = toValue(o);
            }
            return new SetEnumValue(values, false);
        }
        throw new IllegalArgumentException("not a trace value: " + v);
    }
}
