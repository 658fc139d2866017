package org.hbft.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files that ship with hbft (the default guest kernel), found wherever the command is run from. */
final class Install {
    private Install() {
    }

    /**
     * The path of a file in the hbft checkout: relative to the working directory if it is
     * there, otherwise relative to the checkout the {@code hbft} script runs from.
     */
    static Path file(String relative) {
        Path here = Path.of(relative);
        if (Files.exists(here)) {
            return here;
        }
        String home = System.getProperty("hbft.home");
        return home == null ? here : Path.of(home).resolve(relative);
    }
}
