package org.hbft.spec.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.hbft.spec.SpecSource;

/**
 * The whole check of trace files, as {@code hbft conform} and {@code hbft demo} run it: read
 * and validate every line, merge a primary's and a backup's file into one order, and let TLC
 * judge the result.
 */
public final class TraceCheck {
    /** A malformed line of one of the files. */
    public record Problem(Path file, TraceProblem problem) {}

    /**
     * The outcome: either problems with the files (then nothing was validated), or TLC's
     * verdict with the merged events it judged, so a bad index can be traced to its file and line.
     */
    public record Outcome(List<Problem> problems, TraceValidator.Result result, List<TraceMerge.Origin> events) {
        /** Where the first event no behaviour could take came from. */
        public TraceMerge.Origin badEvent() {
            return result == null || result.conforms() ? null : events.get(result.badIndex());
        }
    }

    private TraceCheck() {
    }

    /**
     * @param files one trace, or the primary's and then the backup's
     * @param allowTruncatedTail ignore an incomplete last line (a processor killed mid-write)
     */
    public static Outcome check(List<Path> files, String mode, boolean allowTruncatedTail, SpecSource source)
            throws IOException, InterruptedException {
        List<Problem> problems = new ArrayList<>();
        List<List<TraceLine>> lines = new ArrayList<>();
        for (Path p : files) {
            TraceFile f = TraceFile.read(p);
            for (TraceProblem pr : f.problems()) {
                if (!(allowTruncatedTail && pr.truncatedTail())) {
                    problems.add(new Problem(p, pr));
                }
            }
            lines.add(f.events());
        }
        if (!problems.isEmpty()) {
            return new Outcome(problems, null, List.of());
        }
        List<TraceMerge.Origin> merged = new ArrayList<>();
        if (files.size() == 1) {
            for (TraceLine t : lines.get(0)) {
                merged.add(new TraceMerge.Origin(t.json(), files.get(0).toString(), t.line()));
            }
        } else {
            merged = TraceMerge.merge(lines.get(0), files.get(0).toString(), lines.get(1), files.get(1).toString());
        }
        List<JsonNode> events = new ArrayList<>(merged.size());
        merged.forEach(o -> events.add(o.event()));
        return new Outcome(List.of(), new TraceValidator(source).validate(events, mode), merged);
    }
}
