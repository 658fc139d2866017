package org.hbft.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.hbft.runtime.net.KeyFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hbft keygen}: makes the shared key of a replicated pair. */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Write a fresh 32-byte replication key to FILE"
        + " (hex, mode 0600). Refuses to overwrite an existing file.")
public final class KeygenCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        if (Files.exists(file)) {
            return ReplicaOptions.fail(file + " exists; not overwriting a key");
        }
        try {
            KeyFile.generate(file);
            return 0;
        } catch (IOException e) {
            return ReplicaOptions.fail(e.getMessage()); // names the file and the cause
        }
    }
}
