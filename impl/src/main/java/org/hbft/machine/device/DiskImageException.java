package org.hbft.machine.device;

/** A disk image that cannot be used: missing, unreadable, or of the wrong size. */
public final class DiskImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public DiskImageException(String message) {
        super(message);
    }
}
