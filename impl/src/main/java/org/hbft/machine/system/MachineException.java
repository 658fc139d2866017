package org.hbft.machine.system;

/** The machine cannot be built or booted as asked (kernel does not fit, bad configuration). */
public final class MachineException extends Exception {
    private static final long serialVersionUID = 1L;

    public MachineException(String message) {
        super(message);
    }
}
