package org.hbft.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the checkout is, for tests that read spec/tla directly. */
final class Repo {

    private Repo() {
    }

    static Path tlaDir() {
        String root = System.getProperty("hbft.root");
        Path base = root == null || root.isBlank() || root.startsWith("${")
                ? Path.of("").toAbsolutePath().getParent()   // running from spec/
                : Path.of(root);
        Path tla = base.resolve("spec").resolve("tla");
        if (!Files.isRegularFile(tla.resolve("HBFT.tla"))) {
            throw new IllegalStateException("cannot find spec/tla from " + base);
        }
        return tla;
    }

    /** Copies spec/tla (modules and models) into {@code dir}, for tests that check an edited spec. */
    static Path copyOfSpec(Path dir) throws IOException {
        Path tla = tlaDir();
        Files.createDirectories(dir.resolve("models"));
        try (Stream<Path> files = Stream.concat(Files.list(tla), Files.list(tla.resolve("models")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(tla.relativize(f)));
            }
        }
        return dir;
    }
}
