package org.hbft.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hbft.machine.device.FileErrors;

import picocli.CommandLine.Option;

/** Where the guest's console output goes: the option a bare machine and the replicas share. */
final class ConsoleOutOption {
    @Option(names = "--console-out", paramLabel = "FILE", description = "write the guest's console output to FILE instead of stdout")
    Path file;

    /**
     * Opens the console's destination: the file (created or truncated), or standard output.
     *
     * @throws IOException with a message for the user, naming the file and why it cannot be written
     */
    OutputStream open() throws IOException {
        if (file == null) {
            return System.out;
        }
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new IOException("cannot write console output to " + file + ": " + FileErrors.describe(e), e);
        }
    }
}
