package org.hbft.spec.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schema of one trace line, {@code traces/trace.schema.json}, which the build puts on
 * the classpath next to this class, and the translation of its findings into short messages that
 * name the event and the field.
 */
final class TraceSchema {

    static final String RESOURCE = "trace.schema.json";

    private static final String HEX_PATTERN = "^[0-9a-f]+$";

    private final JsonSchema schema;
    private final Set<String> events;

    private TraceSchema(JsonSchema schema, Set<String> events) {
        this.schema = schema;
        this.events = events;
    }

    private static final class Holder {
        static final TraceSchema INSTANCE = load();
    }

    /** The schema, loaded once; it is immutable and safe to share between threads. */
    static TraceSchema get() {
        return Holder.INSTANCE;
    }

    private static TraceSchema load() {
        JsonNode node;
        try (InputStream in = TraceSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the trace schema " + RESOURCE + " is not on the classpath next to "
                        + TraceSchema.class.getName());
            }
            node = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trace schema " + RESOURCE, e);
        }
        Set<String> events = new LinkedHashSet<>();
        node.path("properties").path("event").path("enum").forEach(e -> events.add(e.asText()));
        if (events.isEmpty()) {
            throw new IllegalStateException("the trace schema " + RESOURCE + " lists no events");
        }
        // Locations as $.delivered[0].op, which describe() turns into field names.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config);
        schema.initializeValidators();
        return new TraceSchema(schema, Collections.unmodifiableSet(events));
    }

    /** The event names of format version 1, in the schema's order. */
    Set<String> events() {
        return events;
    }

    /**
     * What is wrong with one line's object: an empty list if it is a valid event. Each message
     * starts with the event name when the event is a known one, e.g.
     * {@code PrimaryEpochEnd: required field "tme" missing}.
     */
    List<String> check(JsonNode line) {
        Set<ValidationMessage> found = schema.validate(line);
        if (found.isEmpty()) {
            return List.of();
        }
        JsonNode event = line.get("event");
        String prefix = event != null && event.isTextual() && events.contains(event.asText()) ? event.asText() + ": " : "";
        Set<String> messages = new LinkedHashSet<>();
        for (ValidationMessage m : found) {
            messages.add(prefix + describe(m));
        }
        List<String> sorted = new ArrayList<>(messages);
        Collections.sort(sorted);
        return sorted;
    }

    private static String describe(ValidationMessage m) {
        String at = field(m.getInstanceLocation().toString());
        JsonNode value = m.getInstanceNode();
        JsonNode schema = m.getSchemaNode();
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        switch (m.getType()) {
            case "required": {
                return "required field \"" + join(at, m.getProperty()) + "\" missing";
            }
            case "dependentRequired": {
                String missing = args.length > 0 ? String.valueOf(args[0]) : m.getProperty();
                String because = args.length > 1 ? String.valueOf(args[1]) : "?";
                return "field \"" + join(at, missing) + "\" is required when \"" + join(at, because) + "\" is present";
            }
            case "type": {
                String expected = schema != null && schema.isTextual() ? schema.asText()
                        : args.length > 1 ? String.valueOf(args[1]) : "?";
                return "field \"" + at + "\" must be " + article(expected) + ", found " + kind(value);
            }
            case "enum": {
                if (at.equals("event")) {
                    return "unknown event " + value;
                }
                return "field \"" + at + "\" must be one of " + schema + ", found " + value;
            }
            case "const": {
                return "field \"" + at + "\" must be " + schema + ", found " + value;
            }
            case "minimum": {
                return "field \"" + at + "\" must be >= " + schema + ", found " + value;
            }
            case "maximum": {
                return "field \"" + at + "\" must be <= " + schema + ", found " + value;
            }
            case "pattern": {
                if (schema != null && HEX_PATTERN.equals(schema.asText())) {
                    return "field \"" + at + "\" must be lowercase hex, found " + value;
                }
                return "field \"" + at + "\" must match " + schema + ", found " + value;
            }
            case "uniqueItems": {
                return "field \"" + at + "\" is a set: it lists an item twice";
            }
            default: {
                // Any other keyword: the library's own text, without its location prefix.
                String text = m.getMessage();
                int colon = text.indexOf(": ");
                return "field \"" + at + "\": " + (colon >= 0 ? text.substring(colon + 2) : text);
            }
        }
    }

    /** {@code $.delivered[0].op} becomes {@code delivered[0].op}; the root becomes "". */
    private static String field(String location) {
        if (location.startsWith("$.")) {
            return location.substring(2);
        }
        if (location.startsWith("$")) {
            return location.substring(1);
        }
        return location;
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    private static String article(String type) {
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    }

    private static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isIntegralNumber()) {
            return "integer " + value;
        }
        if (value.isNumber()) {
            return "number " + value;
        }
        if (value.isTextual()) {
            return "string " + value;
        }
        if (value.isBoolean()) {
            return "boolean " + value;
        }
        if (value.isNull()) {
            return "null";
        }
        return value.isArray() ? "array" : "object";
    }
}
