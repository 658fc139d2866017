package org.hbft.spec.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A trace file in the NDJSON format of {@code traces/SCHEMA.md}, read and checked line by line.
 *
 * <p>{@link #read(Path)} never stops at a bad line: it returns the events of every good line,
 * in order, and a {@link TraceProblem} for each thing wrong with a line:
 * <ul>
 *   <li>a blank line;</li>
 *   <li>a line that is not JSON (bad syntax, invalid UTF-8, a repeated field, text after the
 *       value) or is JSON but not an object;</li>
 *   <li>an object that {@code trace.schema.json} rejects: a missing required field, a field of
 *       the wrong type or out of range, an unknown {@code event};</li>
 *   <li>a {@code seq} that is not the previous line's plus one (checked between consecutive
 *       lines that both carry an integer {@code seq}, so one broken line is reported once; the
 *       first {@code seq} of the file may be any number, so that excerpts can be read);</li>
 *   <li>a line ending in {@code \r\n} instead of {@code \n}.</li>
 * </ul>
 * Objects with only {@code seq} or line-end problems are still returned as events.
 *
 * <p>A processor killed while writing leaves an incomplete last line without a line end. If
 * the last line has no line end, ends in the middle of its JSON value, and is the only bad
 * line, its problem is flagged {@link TraceProblem#truncatedTail()} and {@link #truncatedTail()}
 * is true; {@link #isValidExceptTruncatedTail()} lets a caller accept such a file.
 */
public final class TraceFile {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String source;
    private final List<TraceLine> events;
    private final List<TraceProblem> problems;
    private final int lines;

    private TraceFile(String source, List<TraceLine> events, List<TraceProblem> problems, int lines) {
        this.source = source;
        this.events = Collections.unmodifiableList(events);
        this.problems = Collections.unmodifiableList(problems);
        this.lines = lines;
    }

    /**
     * Reads and checks a trace file.
     *
     * @throws NoSuchFileException if there is no such file
     * @throws IOException         if it is a directory or cannot be read
     */
    public static TraceFile read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "trace file not found");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a trace file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": cannot read the trace file: permission denied", e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the trace file: " + e.getMessage(), e);
        }
        try (in) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the trace file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks a trace from a stream (which is read to its end, not closed).
     *
     * @param source what to call the trace in messages, e.g. its file name
     */
    public static TraceFile read(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        Checker checker = new Checker(TraceSchema.get());
        InputStream buffered = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        byte[] line = new byte[1024];
        int length = 0;
        int number = 0;
        byte[] chunk = new byte[1 << 16];
        int n;
        while ((n = buffered.read(chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    checker.line(++number, line, length, true);
                    length = 0;
                } else {
                    if (length == line.length) {
                        line = Arrays.copyOf(line, line.length * 2);
                    }
                    line[length++] = b;
                }
            }
        }
        if (length > 0) {
            checker.line(++number, line, length, false);
        }
        return new TraceFile(source, checker.events, checker.problems, number);
    }

    /** The file name (or the name given to {@link #read(InputStream, String)}). */
    public String source() {
        return source;
    }

    /** The events of the lines that are valid events, in file order. */
    public List<TraceLine> events() {
        return events;
    }

    /** Everything wrong with the file, in line order; empty for a valid trace. */
    public List<TraceProblem> problems() {
        return problems;
    }

    /**
     * True if the file's only bad line is an incomplete last line: no line end, cut off in the
     * middle of its JSON value, as a writer killed in the middle of a line leaves it.
     */
    public boolean truncatedTail() {
        return problems.stream().anyMatch(TraceProblem::truncatedTail);
    }

    /** True if nothing is wrong with the file. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /** True if nothing is wrong with the file except, perhaps, a {@linkplain #truncatedTail() truncated tail}. */
    public boolean isValidExceptTruncatedTail() {
        return problems.stream().allMatch(TraceProblem::truncatedTail);
    }

    /** The number of lines in the file, a last line without a line end included. */
    public int lineCount() {
        return lines;
    }

    @Override
    public String toString() {
        return "TraceFile[" + source + ": " + lines + " lines, " + events.size() + " events, " + problems.size()
                + " problems" + (truncatedTail() ? ", truncated tail" : "") + "]";
    }

    /** Checks lines one after the other, keeping what the seq check needs. */
    private static final class Checker {
        final TraceSchema schema;
        final List<TraceLine> events = new ArrayList<>();
        final List<TraceProblem> problems = new ArrayList<>();
        /** The seq of the previous non-blank line, or null if it had none that could be read. */
        Long previousSeq;
        int previousLine;

        Checker(TraceSchema schema) {
            this.schema = schema;
        }

        void line(int number, byte[] bytes, int length, boolean terminated) {
            int end = length;
            if (terminated && end > 0 && bytes[end - 1] == '\r') {
                end--;
                problems.add(new TraceProblem(number, "line ends with \\r\\n; trace lines end with \\n alone"));
            }
            if (blank(bytes, end)) {
                problems.add(new TraceProblem(number, "blank line"));
                return;
            }
            JsonNode node;
            try {
                node = JSON.readTree(bytes, 0, end);
            } catch (JsonProcessingException e) {
                boolean incomplete = e instanceof JsonEOFException;
                if (!terminated && incomplete && problems.isEmpty()) {
                    problems.add(new TraceProblem(number, "incomplete last line (no line end; its writer stopped in the"
                            + " middle of it): " + reason(e), true));
                } else {
                    problems.add(new TraceProblem(number, "not valid JSON: " + reason(e)));
                }
                previousSeq = null;
                return;
            } catch (IOException e) {
                problems.add(new TraceProblem(number, "not valid JSON: " + e.getMessage()));
                previousSeq = null;
                return;
            }
            if (!(node instanceof ObjectNode object)) {
                problems.add(new TraceProblem(number, "not a JSON object: found " + describe(node)));
                previousSeq = null;
                return;
            }
            List<String> wrong = schema.check(object);
            for (String message : wrong) {
                problems.add(new TraceProblem(number, message));
            }
            checkSeq(number, object);
            if (wrong.isEmpty()) {
                events.add(new TraceLine(number, object));
            }
        }

        private void checkSeq(int number, ObjectNode object) {
            JsonNode seq = object.get("seq");
            // JSON Schema counts 12.0 as an integer, so this check does too.
            if (seq == null || !seq.isNumber() || !seq.canConvertToExactIntegral() || !seq.canConvertToLong()) {
                previousSeq = null;
                return;
            }
            long value = seq.longValue();
            if (previousSeq != null && value != previousSeq + 1) {
                problems.add(new TraceProblem(number, "seq " + value + " does not follow seq " + previousSeq + " of line "
                        + previousLine + " (expected " + (previousSeq + 1) + ")"));
            }
            previousSeq = value;
            previousLine = number;
        }

        private static boolean blank(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        private static String reason(JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at != null && at.getColumnNr() > 0 ? " (column " + at.getColumnNr() + ")" : "";
            return e.getOriginalMessage() + where;
        }

        private static String describe(JsonNode node) {
            if (node.isArray()) {
                return "an array";
            }
            if (node.isTextual()) {
                return "a string";
            }
            if (node.isNumber()) {
                return "a number";
            }
            if (node.isBoolean()) {
                return "a boolean";
            }
            if (node.isNull()) {
                return "null";
            }
            return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
