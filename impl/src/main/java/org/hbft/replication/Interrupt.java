package org.hbft.replication;

import org.hbft.machine.device.DeviceEvent;

/**
 * An interrupt as the protocol sees it: what it is (the completion of operation {@code id}, the
 * uncertain interrupt of P8 for it, or external arrival number {@code id}) and the device event
 * that delivering it applies to the VM (status, and the data of a read or a received frame).
 */
public record Interrupt(Kind kind, int id, DeviceEvent event) {
    /** The interrupt kinds of the trace format and the spec. */
    public enum Kind {
        DONE("done"), UNCERTAIN("unc"), EXTERNAL("ext");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether this interrupt answers disk or network operation {@code op}. */
    public boolean answers(int op) {
        return kind != Kind.EXTERNAL && id == op;
    }
}
