package org.hbft.spec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.hbft.spec.SpecSource;
import org.hbft.spec.trace.TraceCheck;
import org.hbft.spec.trace.TraceMerge;
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
        TraceCheck.Outcome outcome;
        try {
            outcome = TraceCheck.check(traces, mode, allowTruncatedTail, SpecSource.find());
        } catch (IOException e) {
            err.println("hbft: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        if (!outcome.problems().isEmpty()) {
            for (TraceCheck.Problem pr : outcome.problems()) {
                err.println(pr.file() + ":" + pr.problem().line() + ": " + pr.problem().message());
            }
            return 2;
        }
        TraceValidator.Result r = outcome.result();
        if (r.conforms()) {
            out.printf("conforms: %d events, mode %s, %.1f s (%.0f events/s)%n", r.events(), mode, r.millis() / 1000.0,
                    r.eventsPerSecond());
            return 0;
        }
        TraceMerge.Origin bad = outcome.badEvent();
        out.printf("does not conform: event %d of %d cannot be taken by any behaviour of the spec (mode %s)%n",
                r.badIndex() + 1, r.events(), mode);
        out.println("  at:     " + bad.file() + (bad.line() > 0 ? ":" + bad.line() : ""));
        out.println("  event:  " + bad.event().toString());
        out.println("  tried:  action " + r.action() + " (the one its event name selects); its conditions do not hold");
        out.println("  state:  " + r.state());
        return 1;
    }
}
