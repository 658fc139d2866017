package org.hbft.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.hbft.machine.device.FileErrors;

/**
 * An output file that is created, or emptied, only once the run writing it has really begun
 * ({@link #begin}): what is written before waits in memory. A replica that cannot start - its
 * port taken, no peer, a failed handshake - then leaves the file of an earlier run as it was,
 * instead of an empty one. Thread-safe.
 */
public final class DeferredFileOutput extends OutputStream {
    private final Path file;
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** The file, once begun. */
    private OutputStream out;
    private boolean closed;

    public DeferredFileOutput(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * Creates or truncates the file and writes what waited; later writes go straight to it.
     * Does nothing if already begun.
     *
     * @throws IOException naming the file and why it cannot be written
     */
    public synchronized void begin() throws IOException {
        if (closed) {
            throw new IOException(file + " is closed");
        }
        if (out != null) {
            return;
        }
        try {
            out = Files.newOutputStream(file);
            pending.writeTo(out);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + FileErrors.describe(e), e);
        }
        pending = null;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        target().write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        target().write(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /** Closes the file if begun; otherwise drops what waited and leaves the file untouched. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        if (out != null) {
            out.close();
        }
    }

    private OutputStream target() throws IOException {
        if (closed) {
            throw new IOException(file + " is closed");
        }
        return out != null ? out : pending;
    }
}
