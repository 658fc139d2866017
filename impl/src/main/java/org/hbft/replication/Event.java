package org.hbft.replication;

import org.hbft.machine.device.DeviceEvent;

/** What a replica's host tells its {@link Protocol}: one protocol step each. */
public sealed interface Event {
    /**
     * The VM executed an environment instruction (a time-of-day clock read); {@code own} is what
     * this processor's environment answered. The protocol says which value the VM gets.
     */
    record EnvironmentRead(long own) implements Event {}

    /**
     * The VM started I/O operation {@code op} on device {@code device}. Operations are numbered
     * in the order the VM issues them (a retry after an uncertain interrupt keeps its number),
     * so both replicas number them alike. {@code digest} names the content for traces;
     * {@code uncertain} is the device event P8 delivers if the operation's fate becomes unknown,
     * or null for an operation that no completion interrupt answers.
     */
    record IoStart(int op, int device, String digest, DeviceEvent uncertain) implements Event {
        public boolean completes() {
            return uncertain != null;
        }
    }

    /** An interrupt reached this processor's hypervisor (P1 on a primary). */
    record Arrived(Interrupt interrupt) implements Event {}

    /**
     * The recovery counter ended the current epoch after {@code length} instructions, or
     * ({@code vmHalted}) the VM powered off in it. {@code own} is this processor's clock.
     */
    record EpochEnd(long own, boolean vmHalted, long length) implements Event {
        public EpochEnd(long own, boolean vmHalted) {
            this(own, vmHalted, 0);
        }
    }

    /** A message arrived over the replication link. */
    record Received(Message message) implements Event {}

    /** The failure detector says the peer is gone (crashed, or the link is cut). */
    record PeerFailed(String reason) implements Event {}

    /** The outcome of the fence's test-and-set on the shared disk; {@code generation} is now held if won. */
    record FenceResult(boolean won, long generation) implements Event {}

    /** The shared disk refused operation {@code op}: another processor holds a newer generation. */
    record Fenced(int op) implements Event {}
}
