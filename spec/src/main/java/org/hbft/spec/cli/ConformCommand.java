package org.hbft.spec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import org.hbft.spec.SpecSource;
import org.hbft.spec.trace.TraceFile;
import org.hbft.spec.trace.TraceLine;
import org.hbft.spec.trace.TraceMerge;
import org.hbft.spec.trace.TraceProblem;
import org.hbft.spec.trace.TraceValidator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hbft conform}: is a trace a behaviour the protocol allows? */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = "Check an implementation trace (NDJSON, traces/SCHEMA.md) against the TLA+ spec with TLC."
                + " Give one file (one processor's view of a whole run, e.g. a simulation) or two (the primary's and"
                + " the backup's files of a two-process run, in that order). Exit code 0: conforms; 1: does not"
                + " conform (the report names the first event no behaviour of the spec can take, the spec's state"
                + " before it and the action tried); 2: bad input (unreadable file, malformed lines).")
public final class ConformCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "TRACE", description = "trace file(s): one, or the primary's then the backup's")
    List<Path> traces = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", description = "original, revised or output-rule (default: ${DEFAULT-VALUE})")
    String mode = "revised";

    @Option(names = "--allow-truncated-tail", description = "accept an incomplete last line (a processor killed mid-write) by ignoring it")
    boolean allowTruncatedTail;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("original", "revised", "output-rule").contains(mode)) {
            err.println("hbft: --mode must be original, revised or output-rule, not " + mode);
            return 2;
        }
        List<List<TraceLine>> files = new ArrayList<>();
        for (Path p : traces) {
            TraceFile f;
            try {
                f = TraceFile.read(p);
            } catch (IOException e) {
                err.println("hbft: " + e.getMessage());
                return 2;
            }
            List<TraceProblem> problems = new ArrayList<>();
            for (TraceProblem pr : f.problems()) {
                if (!(allowTruncatedTail && pr.truncatedTail())) {
                    problems.add(pr);
                }
            }
            if (!problems.isEmpty()) {
                for (TraceProblem pr : problems) {
                    err.println(p + ":" + pr.line() + ": " + pr.message());
                }
                return 2;
            }
            files.add(f.events());
        }
        List<TraceMerge.Origin> merged = new ArrayList<>();
        if (files.size() == 1) {
            for (TraceLine t : files.get(0)) {
                merged.add(new TraceMerge.Origin(t.json(), traces.get(0).toString(), t.line()));
            }
        } else {
            merged = TraceMerge.merge(files.get(0), traces.get(0).toString(), files.get(1), traces.get(1).toString());
        }
        List<JsonNode> events = new ArrayList<>(merged.size());
        merged.forEach(o -> events.add(o.event()));
        TraceValidator.Result r;
        try {
            r = new TraceValidator(SpecSource.find()).validate(events, mode);
        } catch (IOException e) {
            err.println("hbft: trace validation failed to run: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        if (r.conforms()) {
            out.printf("conforms: %d events, mode %s, %.1f s (%.0f events/s)%n", r.events(), mode, r.millis() / 1000.0,
                    r.eventsPerSecond());
            return 0;
        }
        TraceMerge.Origin bad = merged.get(r.badIndex());
        out.printf("does not conform: event %d of %d cannot be taken by any behaviour of the spec (mode %s)%n",
                r.badIndex() + 1, r.events(), mode);
        out.println("  at:     " + bad.file() + (bad.line() > 0 ? ":" + bad.line() : ""));
        out.println("  event:  " + bad.event().toString());
        out.println("  tried:  action " + r.action() + " (the one its event name selects); its conditions do not hold");
        out.println("  state:  " + r.state());
        return 1;
    }
}
