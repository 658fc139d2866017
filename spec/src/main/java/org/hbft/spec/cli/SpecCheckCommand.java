package org.hbft.spec.cli;

import org.hbft.spec.Model;
import org.hbft.spec.Models;
import org.hbft.spec.SpecProperty;
import org.hbft.spec.SpecSource;
import org.hbft.spec.Tier;
import org.hbft.spec.TlcResult;
import org.hbft.spec.TlcRunner;
import org.hbft.spec.ToolOutputParser;
import org.hbft.spec.TraceState;
import org.hbft.spec.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code hbft spec check}: model-checks the TLA+ specification with TLC.
 *
 * <p>Without {@code --model} it checks a suite (the CI models by default) and succeeds only if
 * every model comes out as expected: the protocol's models pass, and every known-bad variant is
 * caught violating exactly the property it should. With {@code --model} it reports TLC's verdict
 * plainly: a violation (expected or not) exits 1 and shows the counterexample.
 *
 * <p>Exit status: 0 success, 1 a violation or unexpected outcome or TLC error, 2 bad usage.
 */
@Command(name = "check",
        description = {
            "Model-check the TLA+ specification with TLC.",
            "Checks the CI models unless told otherwise; known-bad variants must be caught."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every model behaved as expected (with --model: no violation)",
            "1:a violation, an unexpected outcome, or a TLC error",
            "2:bad usage, e.g. an unknown model name"})
public final class SpecCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-m", "--model"}, paramLabel = "<name>",
            description = "Check only this model (repeatable). See --list.")
    List<String> modelNames = new ArrayList<>();

    @Option(names = "--all", description = "Check every model, CI and thorough.")
    boolean all;

    @Option(names = "--thorough", description = "Check the thorough (large) models.")
    boolean thorough;

    @Option(names = "--list", description = "List the models with what each must do, and exit.")
    boolean list;

    @Option(names = "--workers", paramLabel = "<n>", defaultValue = "1",
            description = "TLC worker threads (default: ${DEFAULT-VALUE}; 1 gives reproducible counterexamples).")
    int workers;

    @Option(names = "--dir", paramLabel = "<dir>",
            description = "Check the modules in this directory (laid out like spec/tla) instead of "
                    + "spec/tla of the checkout, or the packaged ones outside a checkout.")
    Path dir;

    @Option(names = "--trace",
            description = "Also show the counterexamples of violations that were expected.")
    boolean showExpectedTraces;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (RuntimeException e) {
            err.println("error: " + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        if (list) {
            printList(out);
            return 0;
        }
        if (!modelNames.isEmpty() && (all || thorough)) {
            err.println("error: --model cannot be combined with --all or --thorough");
            return 2;
        }
        if (workers < 1 || workers > Runtime.getRuntime().availableProcessors()) {
            err.println("error: --workers must be between 1 and " + Runtime.getRuntime().availableProcessors());
            return 2;
        }
        List<Model> models = new ArrayList<>();
        for (String name : new LinkedHashSet<>(modelNames)) {
            Optional<Model> m = Models.byName(name);
            if (m.isEmpty()) {
                err.println("error: unknown model '" + name + "'; `spec check --list` shows the models");
                return 2;
            }
            models.add(m.get());
        }
        boolean single = !models.isEmpty();
        if (!single) {
            models = all ? Models.all() : Models.tier(thorough ? Tier.THOROUGH : Tier.CI);
        }
        SpecSource source;
        if (dir != null) {
            if (!Files.isRegularFile(dir.resolve("HBFT.tla"))) {
                err.println("error: " + dir + " does not contain HBFT.tla");
                return 2;
            }
            source = SpecSource.directory(dir);
        } else {
            source = SpecSource.find();
        }
        for (Model m : models) {
            if (!source.has(m.configFile())) {
                err.println("error: " + source.describe() + " has no " + m.configFile());
                return 2;
            }
        }

        TlcRunner runner = new TlcRunner(source, workers);
        out.printf("Checking %d model%s of %s with TLC (%d worker%s).%n", models.size(),
                models.size() == 1 ? "" : "s", source.describe(), workers, workers == 1 ? "" : "s");
        out.flush();
        int asExpected = 0;
        boolean anyViolationOrError = false;
        List<String> surprises = new ArrayList<>();
        for (Model model : models) {
            out.printf("%n%s: %s%n", model.name(), model.summary());
            out.flush();
            long started = System.nanoTime();
            TlcResult result = runner.check(model, p -> progress(out, model, p, started));
            boolean expected = model.expectation().isMetBy(result);
            if (expected) {
                asExpected++;
            } else {
                surprises.add(model.name());
            }
            anyViolationOrError |= result.verdict() != Verdict.PASS;
            printResult(out, model, result, expected);
            boolean showTrace = result.verdict() == Verdict.VIOLATION
                    && (single || !expected || showExpectedTraces);
            if (showTrace) {
                printTrace(out, result);
            }
            out.flush();
        }

        out.println();
        if (single) {
            out.printf("%d of %d model%s behaved as expected.%n", asExpected, models.size(),
                    models.size() == 1 ? "" : "s");
            return anyViolationOrError ? 1 : 0;
        }
        if (surprises.isEmpty()) {
            out.printf("All %d models behaved as expected.%n", models.size());
            return 0;
        }
        out.printf("%d of %d models did NOT behave as expected: %s%n", surprises.size(), models.size(),
                String.join(", ", surprises));
        return 1;
    }

    /** TLC reports progress once a minute and once at the end; the latter is noise on short runs. */
    private static void progress(PrintWriter out, Model model, ToolOutputParser.Progress p, long started) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (elapsed.getSeconds() < 30) {
            return;
        }
        out.printf("  ... %s: %,d states generated, %,d distinct, %,d left on queue (%s)%n",
                model.name(), p.generated(), p.distinct(), p.queued(), format(elapsed));
        out.flush();
    }

    private static void printResult(PrintWriter out, Model model, TlcResult r, boolean expected) {
        String stats = String.format(Locale.ROOT, "%,d distinct states, %s%s", r.distinctStates(),
                r.depth() >= 0 ? "depth " + r.depth() + ", " : "", format(r.elapsed()));
        switch (r.verdict()) {
            case PASS -> out.printf("  %s  no violation; %s%n", expected ? "ok" : "UNEXPECTED", stats);
            case VIOLATION -> {
                String what = r.violatedProperty() + " violated (" + r.violationKind() + ")";
                if (expected && model.expectation().expectsWitness()) {
                    out.printf("  ok  reached as expected: %s; %s%n", SpecProperty.GOAL_UNREACHED.tlaName().equals(r.violatedProperty())
                            ? "a state where the goal holds, found by breadth-first search"
                            : "the schedule's end, where its goal holds", stats);
                } else if (expected) {
                    out.printf("  ok  caught as expected: %s; %s%n", what, stats);
                } else {
                    out.printf("  UNEXPECTED  %s, but the model should %s; %s%n", what,
                            model.expectation().describe(), stats);
                }
            }
            case ERROR -> {
                out.printf("  ERROR  TLC did not finish the check (%s):%n", format(r.elapsed()));
                for (String e : r.errors()) {
                    for (String line : e.split("\n")) {
                        out.println("    " + line);
                    }
                }
            }
        }
    }

    /**
     * Prints a counterexample: the first state in full, then only what each step changed,
     * variables in alphabetical order.
     */
    static void printTrace(PrintWriter out, TlcResult r) {
        List<TraceState> states = r.counterexample();
        if (states.isEmpty()) {
            return;
        }
        out.printf("  Counterexample, %d state%s:%n", states.size(), states.size() == 1 ? "" : "s");
        Map<String, String> previous = Map.of();
        for (TraceState s : states) {
            out.printf("    %d. %s%n", s.number(), s.action());
            for (Map.Entry<String, String> v : new TreeMap<>(s.variables()).entrySet()) {
                if (!v.getValue().equals(previous.get(v.getKey()))) {
                    out.printf("         %s = %s%n", v.getKey(), v.getValue());
                }
            }
            if (!s.variables().isEmpty()) {
                previous = s.variables();
            }
        }
        if (r.loopsBackTo() > 0) {
            out.printf("    ... and back to state %d, forever.%n", r.loopsBackTo());
        } else if ("temporal property".equals(r.violationKind())) {
            out.println("    ... and nothing happens any more (stuttering).");
        }
    }

    private static void printList(PrintWriter out) {
        int width = Models.all().stream().mapToInt(m -> m.name().length()).max().orElse(10);
        String row = "%-" + width + "s  %-8s  %-36s  %s%n";
        out.printf(row, "MODEL", "TIER", "MUST", "WHAT IT IS");
        for (Model m : Models.all()) {
            out.printf(row, m.name(), m.tier().label(), m.expectation().describe(), m.summary());
        }
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm %02ds", ms / 60_000, (ms / 1000) % 60);
    }
}
