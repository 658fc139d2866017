package org.hbft.replication;

/**
 * What crosses the replication link. Primary to backup: the four messages of P0-P2, each
 * tagged with the epoch it belongs to; backup to primary: cumulative acknowledgements.
 */
public sealed interface Message {
    /** [E, Val] of P0: an environment instruction in epoch E produced {@code value}. */
    record Value(int epoch, long value) implements Message {}

    /** [E, Int] of P1: an interrupt taken in epoch E, with its data. */
    record Relay(int epoch, Interrupt interrupt) implements Message {}

    /** [Tme_p] of P2: the primary's clock at the end of epoch E. */
    record Tme(int epoch, long tme) implements Message {}

    /**
     * [end, E] of P2: the primary delivered epoch E's interrupts and went on. {@code length}
     * is the number of instructions epoch E had: the full epoch length, or fewer when the
     * primary ended an idle epoch early to deliver an interrupt; the backup runs as many.
     */
    record End(int epoch, long length) implements Message {}

    /** The backup has received the first {@code count} messages. */
    record Ack(long count) implements Message {}

    /** The trace format's name of the message type. */
    default String type() {
        if (this instanceof Value) {
            return "val";
        } else if (this instanceof Relay) {
            return "int";
        } else if (this instanceof Tme) {
            return "tme";
        } else if (this instanceof End) {
            return "end";
        }
        return "ack";
    }
}
