package org.hbft.runtime.disk;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A read or write refused by a {@link SharedDisk} because the replica issuing it holds an older
 * generation than the one stored on the disk: another replica has since taken the disk over.
 * Nothing was read or written.
 */
public final class FencedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long fencedGeneration;
    private final long currentGeneration;
    private final String owner;

    /**
     * @param file the shared disk image
     * @param fencedGeneration the generation the refused command was issued under
     * @param currentGeneration the generation that holds the disk now
     * @param owner the owner tag stored with {@code currentGeneration}
     */
    public FencedException(Path file, long fencedGeneration, long currentGeneration, String owner) {
        super(file + ": fenced: generation " + fencedGeneration + " no longer holds the disk; generation "
                + currentGeneration + " (owner \"" + owner + "\") holds it");
        this.fencedGeneration = fencedGeneration;
        this.currentGeneration = currentGeneration;
        this.owner = owner;
    }

    /** The generation the refused command was issued under. */
    public long fencedGeneration() {
        return fencedGeneration;
    }

    /** The generation that holds the disk now. */
    public long currentGeneration() {
        return currentGeneration;
    }

    /** The owner tag stored with the current generation. */
    public String owner() {
        return owner;
    }
}
