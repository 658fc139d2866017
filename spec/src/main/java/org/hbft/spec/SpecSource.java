package org.hbft.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where the TLA+ modules and model configurations come from. TLC reads files, so a source's job
 * is to put the modules and one model's configuration into a directory.
 *
 * <p>Two sources exist: the files packaged in the jar (always there), and a {@code spec/tla}
 * directory on disk (used when running inside a checkout, so an edited spec is checked without
 * rebuilding).
 */
public sealed interface SpecSource {

    /** Every TLA+ module a model may need. */
    List<String> MODULES = List.of("HBFT.tla", "MCHBFT.tla", "SingleMachine.tla", "MCSingleMachine.tla",
            "ScenarioHBFT.tla", "MCScenarios.tla");

    /** Where the packaged files live on the class path. */
    String RESOURCE_ROOT = "/org/hbft/spec/tla/";

    /** A human-readable description, printed before a run. */
    String describe();

    /** Reads one file, e.g. {@code HBFT.tla} or {@code models/original.cfg}. */
    InputStream open(String relativePath) throws IOException;

    /** True if the file exists in this source. */
    boolean has(String relativePath);

    /** Copies all modules and the model's configuration into {@code dir}. */
    default void materialize(Model model, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("models"));
        for (String module : MODULES) {
            copy(module, dir);
        }
        copy(model.configFile(), dir);
    }

    private void copy(String relativePath, Path dir) throws IOException {
        try (InputStream in = open(relativePath)) {
            Files.copy(in, dir.resolve(relativePath), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads a whole file as text. */
    default String read(String relativePath) {
        try (InputStream in = open(relativePath)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SpecSource packaged() {
        return new Packaged();
    }

    static SpecSource directory(Path tlaDir) {
        return new Directory(tlaDir.toAbsolutePath().normalize());
    }

    /**
     * The spec on disk if we run inside a checkout (system property {@code hbft.root}, else the
     * working directory, has {@code spec/tla/HBFT.tla}), otherwise the packaged one.
     */
    static SpecSource find() {
        String root = System.getProperty("hbft.root");
        for (String candidate : new String[] {root, System.getProperty("user.dir")}) {
            if (candidate == null || candidate.isBlank() || candidate.startsWith("${")) {
                continue;
            }
            Path tla = Path.of(candidate, "spec", "tla");
            if (Files.isRegularFile(tla.resolve("HBFT.tla"))) {
                return directory(tla);
            }
        }
        return packaged();
    }

    /** The files inside the jar (or target/classes). */
    record Packaged() implements SpecSource {
        @Override
        public String describe() {
            return "the specification packaged with hbft";
        }

        @Override
        public InputStream open(String relativePath) throws IOException {
            InputStream in = SpecSource.class.getResourceAsStream(RESOURCE_ROOT + relativePath);
            if (in == null) {
                throw new IOException("not packaged: " + relativePath);
            }
            return in;
        }

        @Override
        public boolean has(String relativePath) {
            return SpecSource.class.getResource(RESOURCE_ROOT + relativePath) != null;
        }
    }

    /** A directory laid out like {@code spec/tla}. */
    record Directory(Path root) implements SpecSource {
        @Override
        public String describe() {
            return root.toString();
        }

        @Override
        public InputStream open(String relativePath) throws IOException {
            return Files.newInputStream(root.resolve(relativePath));
        }

        @Override
        public boolean has(String relativePath) {
            return Files.isRegularFile(root.resolve(relativePath));
        }
    }
}
