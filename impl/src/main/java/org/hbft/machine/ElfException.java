package org.hbft.machine;

/** A file that is not a loadable static PA-RISC 32-bit ELF executable; the message says why. */
public final class ElfException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfException(String message) {
        super(message);
    }
}
