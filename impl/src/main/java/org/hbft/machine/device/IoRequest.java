package org.hbft.machine.device;

/**
 * An operation a device asks the environment to perform: a disk command, a frame to send, a
 * byte of console output. Devices never touch their back ends while the guest runs; they hand
 * the operation to their {@link DeviceContext}, which decides when it happens. A bare machine
 * performs it at once; a replicated primary may first wait for its backup's acknowledgements;
 * a backup suppresses it.
 *
 * @param device the device's I/O slot
 * @param kind a short name for traces and messages ("disk-write", "net-send", ...)
 * @param content what the operation carries (a block written, a frame sent, a read's block
 *     range): the environment sees this, so traces record its digest
 * @param uncertain the completion to deliver if the operation's fate becomes unknown (the
 *     paper's uncertain interrupt), or null for an operation without a completion
 * @param action performs the operation on the back end and returns its completion event (null
 *     for an operation that completes without an interrupt)
 */
public record IoRequest(int device, String kind, byte[] content, DeviceEvent uncertain, Action action) {
    /** The back-end side of an operation. */
    @FunctionalInterface
    public interface Action {
        DeviceEvent perform();
    }

    public IoRequest {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Whether the operation raises a completion interrupt (the paper's IO1). */
    public boolean completes() {
        return uncertain != null;
    }
}
