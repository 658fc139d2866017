package org.hbft.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root from tests, whichever module directory Maven runs them in. */
public final class RepoPaths {
    private RepoPaths() {
    }

    public static Path root() {
        String prop = System.getProperty("hbft.root");
        if (prop != null && Files.isDirectory(Path.of(prop, "guests"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("guests")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (no guests/ above " + Path.of("").toAbsolutePath() + ")");
    }

    public static Path guests() {
        return root().resolve("guests");
    }

    /** Whether an executable of this name is on the PATH. */
    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
