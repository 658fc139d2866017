package org.hbft.spec.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.hbft.spec.SpecSource;
import org.hbft.spec.TlcRunner;

/**
 * Trace validation with TLC: prepares a trace, runs TraceHBFT.tla on it in a separate JVM
 * (TLC calls {@code System.exit}) with one worker, and reads the verdict: the trace conforms
 * if a behaviour of the spec consumed every line; otherwise the first line none could take,
 * the spec's state just before it, and the action that was tried.
 */
public final class TraceValidator {
    /** The outcome of one validation. */
    public record Result(boolean conforms, int events, int badIndex, String action, String state,
            List<String> tlcOutput, long millis) {
        /** Events per second TLC validated. */
        public double eventsPerSecond() {
            return millis == 0 ? 0 : events * 1000.0 / millis;
        }
    }

    private static final Pattern STUCK = Pattern.compile("^<<\\s*\"STUCK\",\\s*(\\d+),\\s*\"([A-Za-z]+)\",\\s*(.*)>>$",
            Pattern.DOTALL);
    private static final Pattern CONFORMS = Pattern.compile("^<<\"CONFORMS\", (\\d+)>>$");

    private final SpecSource source;

    public TraceValidator(SpecSource source) {
        this.source = source;
    }

    /** Validates events (in one order) against the spec under an output mode. */
    public Result validate(List<JsonNode> events, String mode) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path work = Files.createTempDirectory("hbft-trace-");
        try {
            Path prepared = work.resolve("trace.bin");
            TracePreparation.prepare(events).write(prepared);
            for (String module : List.of("TraceHBFT.tla", "TraceIO.tla")) {
                try (InputStream in = source.open(module)) {
                    Files.copy(in, work.resolve(module), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(work.resolve("TraceHBFT.cfg"), "INIT Init\nNEXT Next\nCONSTANTS\n  TraceFile = \""
                    + prepared.toAbsolutePath().toString().replace("\\", "\\\\") + "\"\n  Mode = \"" + mode + "\"\n",
                    StandardCharsets.UTF_8);
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseParallelGC", "-Xss16m", "-Djava.io.tmpdir=" + work, "-cp",
                    TlcRunner.tlcClasspath() + java.io.File.pathSeparator + ownClasspath(), "tlc2.TLC", "-deadlock",
                    "-workers", "1", "-metadir", work.resolve("states").toString(), "-config", "TraceHBFT.cfg",
                    "TraceHBFT");
            Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            List<String> output = new ArrayList<>();
            Integer conforms = null;
            int bad = -1;
            String action = null, state = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder printed = null;
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = CONFORMS.matcher(line.trim());
                    if (m.matches()) {
                        conforms = Integer.parseInt(m.group(1));
                    }
                    // TLC prints long values over several lines: collect the STUCK tuple up to its end.
                    if (printed == null && line.trim().matches("^<<\\s*\"STUCK\".*")) {
                        printed = new StringBuilder();
                    }
                    if (printed != null) {
                        printed.append(line.trim()).append(' ');
                        if (line.trim().endsWith(">>") && balanced(printed)) {
                            m = STUCK.matcher(printed.toString().trim());
                            if (m.matches() && bad < 0) {
                                bad = Integer.parseInt(m.group(1));
                                action = m.group(2);
                                state = m.group(3).replaceAll("\\s+", " ");
                            }
                            printed = null;
                        }
                    }
                }
            }
            int exit = p.waitFor();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (conforms != null && bad < 0) {
                return new Result(true, events.size(), -1, null, null, output, millis);
            }
            if (bad >= 0) {
                return new Result(false, events.size(), bad - 1, action, state, output, millis);
            }
            throw new IOException("TLC gave no verdict (exit " + exit + "):\n" + String.join("\n", tail(output, 30)));
        } finally {
            deleteQuietly(work);
        }
    }

    private static boolean balanced(CharSequence s) {
        int depth = 0;
        for (int i = 0; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '<' && s.charAt(i + 1) == '<') {
                depth++;
                i++;
            } else if (s.charAt(i) == '>' && s.charAt(i + 1) == '>') {
                depth--;
                i++;
            }
        }
        return depth == 0;
    }

    private static List<String> tail(List<String> l, int n) {
        return l.subList(Math.max(0, l.size() - n), l.size());
    }

    /** Where this module's classes are: TLC needs TraceIO and the override registration. */
    static String ownClasspath() {
        try {
            return Path.of(TraceIO.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
