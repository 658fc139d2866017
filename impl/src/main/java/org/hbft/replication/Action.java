package org.hbft.replication;

import java.util.List;

/** What a {@link Protocol} step asks its host to do, in order. */
public sealed interface Action {
    /** Send a message to the peer over the replication link. */
    record Send(Message message) implements Action {}

    /** The value the VM's environment instruction returns. */
    record ReturnValue(long value) implements Action {}

    /** Perform I/O operation {@code op} on the environment now. */
    record Perform(int op) implements Action {}

    /**
     * The end of epoch {@code epoch}: apply {@code interrupts} to the VM in this order (then the VM takes
     * them), with {@code tme} as the clock that drives the timer.
     */
    record Deliver(int epoch, List<Interrupt> interrupts, long tme) implements Action {}

    /** Run the VM in epoch {@code epoch}. */
    record StartEpoch(int epoch) implements Action {}

    /** Perform the fence's test-and-set on the shared disk, taking generation {@code expected + 1}. */
    record TestAndSet(long expected) implements Action {}

    /** This processor now acts as the primary, alone: its devices go live. */
    record Promoted(int epoch) implements Action {}

    /** This processor stops for good. */
    record Halt(String reason) implements Action {}

    /** The run is over: the VM powered off and everything it did is safe. */
    record Finished(String why) implements Action {}

    /** Record a protocol step in the trace. */
    record Trace(TraceEvent event) implements Action {}
}
