package org.hbft.spec;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
