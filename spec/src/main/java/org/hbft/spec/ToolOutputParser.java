package org.hbft.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code tlc2.TLC -tool} line by line.
 *
 * <p>In tool mode TLC wraps everything it reports in numbered messages:
 * <pre>
 * &#64;!&#64;!&#64;STARTMSG 2110:1 &#64;!&#64;!&#64;
 * Invariant Lockstep is violated.
 * &#64;!&#64;!&#64;ENDMSG 2110 &#64;!&#64;!&#64;
 * </pre>
 * The number is one of TLC's message codes ({@code tlc2.output.EC}), the second one a severity.
 * Parsing the codes, not the English text around them, keeps this robust; the text is only read
 * for the few values a code carries (property name, state counts, state contents).
 */
public final class ToolOutputParser {

    // Message codes of tlc2.output.EC (TLC 2.18), the ones we act on.
    static final int GENERAL = 1000;
    static final int INVARIANT_VIOLATED_INITIAL = 2107;
    static final int INVARIANT_VIOLATED_BEHAVIOR = 2110;
    static final int ACTION_PROPERTY_VIOLATED_BEHAVIOR = 2112;
    static final int DEADLOCK_REACHED = 2114;
    static final int TEMPORAL_PROPERTY_VIOLATED = 2116;
    static final int BEHAVIOR_UP_TO_THIS_POINT = 2121;
    static final int BACK_TO_STATE = 2122;
    static final int COUNTER_EXAMPLE = 2264;
    static final int SUCCESS = 2193;
    static final int SEARCH_DEPTH = 2194;
    static final int STATS = 2199;
    static final int PROGRESS_STATS = 2200;
    static final int STATE_PRINT2 = 2217;
    static final int STATE_PRINT3 = 2218;

    // Severities (tlc2.output.MP).
    static final int SEVERITY_ERROR = 1;
    static final int SEVERITY_TLCBUG = 2;

    private static final Pattern START = Pattern.compile("^@!@!@STARTMSG (\\d+):(\\d+) @!@!@$");
    private static final Pattern END = Pattern.compile("^@!@!@ENDMSG (\\d+) @!@!@$");
    private static final Pattern COUNTS = Pattern.compile(
            "([\\d,]+) states generated.*?([\\d,]+) distinct states found.*?([\\d,]+) states left on queue");
    private static final Pattern DEPTH = Pattern.compile("depth of the complete state graph search is (\\d+)");
    private static final Pattern INVARIANT = Pattern.compile("Invariant (\\S+) is violated");
    private static final Pattern STATE_HEADER = Pattern.compile("^(\\d+): (.*)$");
    private static final Pattern ACTION = Pattern.compile("^<(\\S+)(?: (.*))?>$");
    private static final Pattern BACK_TO = Pattern.compile("Back to state (\\d+)");
    // "/\ x = 1" per variable; TLC leaves out the "/\ " when there is only one variable.
    // Continuation lines of a long value are indented, variable lines are not.
    private static final Pattern VARIABLE = Pattern.compile("^(?:/\\\\ )?([A-Za-z_][A-Za-z0-9_]*) = (.*)$");

    /** Progress as TLC reports it: states generated, distinct states, states still queued. */
    public record Progress(long generated, long distinct, long queued) { }

    private final Consumer<Progress> progress;

    private Integer code;
    private int severity;
    private List<String> body = new ArrayList<>();

    private boolean success;
    private String violationKind;
    private String violationText;
    private String invariant;
    private long generated = -1;
    private long distinct = -1;
    private int depth = -1;
    private int backTo;
    private final List<TraceState> trace = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> loose = new ArrayList<>();

    public ToolOutputParser(Consumer<Progress> progress) {
        this.progress = progress;
    }

    public ToolOutputParser() {
        this(p -> { });
    }

    /** Feeds one line of TLC's standard output. */
    public void accept(String line) {
        Matcher start = START.matcher(line);
        if (start.matches()) {
            if (code != null) {
                finish(); // TLC did not close the previous message; take what we have
            }
            code = Integer.parseInt(start.group(1));
            severity = Integer.parseInt(start.group(2));
            body = new ArrayList<>();
            return;
        }
        Matcher end = END.matcher(line);
        if (end.matches()) {
            if (code != null) {
                finish();
            }
            return;
        }
        if (code != null) {
            body.add(line);
        } else if (!line.isBlank()) {
            loose.add(line);
        }
    }

    private void finish() {
        int c = code;
        String text = String.join("\n", body).strip();
        code = null;
        switch (c) {
            case INVARIANT_VIOLATED_INITIAL, INVARIANT_VIOLATED_BEHAVIOR -> {
                violationKind = "invariant";
                violationText = text;
                Matcher m = INVARIANT.matcher(text);
                invariant = m.find() ? m.group(1) : null;
            }
            case ACTION_PROPERTY_VIOLATED_BEHAVIOR -> {
                violationKind = "action property";
                violationText = text;
            }
            case TEMPORAL_PROPERTY_VIOLATED -> {
                violationKind = "temporal property";
                violationText = text;
            }
            case DEADLOCK_REACHED -> {
                violationKind = "deadlock";
                violationText = text;
            }
            case STATE_PRINT2, STATE_PRINT3 -> parseState(body, c == STATE_PRINT3);
            case BACK_TO_STATE -> {
                Matcher m = BACK_TO.matcher(text);
                if (m.find()) {
                    backTo = Integer.parseInt(m.group(1));
                }
            }
            case BEHAVIOR_UP_TO_THIS_POINT, COUNTER_EXAMPLE -> {
                // headings before the states of a counterexample: nothing to keep
            }
            case SUCCESS -> success = true;
            case STATS -> counts(text, false);
            case PROGRESS_STATS -> counts(text, true);
            case SEARCH_DEPTH -> {
                Matcher m = DEPTH.matcher(text);
                if (m.find()) {
                    depth = Integer.parseInt(m.group(1));
                }
            }
            default -> {
                if (severity == SEVERITY_ERROR || severity == SEVERITY_TLCBUG) {
                    errors.add(text);
                }
            }
        }
    }

    private void counts(String text, boolean isProgress) {
        Matcher m = COUNTS.matcher(text);
        if (!m.find()) {
            return;
        }
        generated = number(m.group(1));
        distinct = number(m.group(2));
        if (isProgress) {
            progress.accept(new Progress(generated, distinct, number(m.group(3))));
        }
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    private void parseState(List<String> lines, boolean stuttering) {
        if (lines.isEmpty()) {
            return;
        }
        Matcher header = STATE_HEADER.matcher(lines.get(0).strip());
        if (!header.matches()) {
            return;
        }
        int number = Integer.parseInt(header.group(1));
        String what = header.group(2).strip();
        String action;
        String location = "";
        Matcher a = ACTION.matcher(what);
        if (stuttering || what.equals("Stuttering")) {
            action = "Stuttering";
        } else if (a.matches()) {
            action = a.group(1);
            location = a.group(2) == null ? "" : a.group(2);
            if (action.equals("Initial")) {
                action = "Init";
                location = "";
            }
        } else {
            action = what;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            Matcher v = VARIABLE.matcher(line);
            if (v.matches()) {
                if (name != null) {
                    vars.put(name, value.toString());
                }
                name = v.group(1);
                value = new StringBuilder(v.group(2).strip());
            } else if (name != null && !line.isBlank()) {
                // TLC breaks long values over several lines; keep them as one
                value.append(' ').append(line.strip());
            }
        }
        if (name != null) {
            vars.put(name, value.toString());
        }
        trace.add(new TraceState(number, action, location, vars));
    }

    /** True once TLC said it explored everything without finding an error. */
    public boolean succeeded() {
        return success;
    }

    /** "invariant", "action property", "temporal property", "deadlock", or null. */
    public String violationKind() {
        return violationKind;
    }

    /** TLC's own sentence about the violation, or null. */
    public String violationText() {
        return violationText;
    }

    /** The violated invariant's name, when the violation is one. */
    public String invariant() {
        return invariant;
    }

    public long generated() {
        return generated;
    }

    public long distinct() {
        return distinct;
    }

    public int depth() {
        return depth;
    }

    public int backTo() {
        return backTo;
    }

    public List<TraceState> trace() {
        return List.copyOf(trace);
    }

    /** Error messages TLC reported (severity error), in order. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Output lines that were not part of any message (SANY's parse errors land here). */
    public List<String> looseLines() {
        return List.copyOf(loose);
    }
}
