package org.hbft.replication;

/**
 * Protocol bugs that tests switch on to prove the property tests catch them (a mutation check).
 * They mirror the spec's known-bad variants. Nothing outside tests sets one: the command-line
 * runtimes always use {@link #NONE}.
 */
public enum Bug {
    NONE,
    /** P1 broken: an interrupt is relayed only after the epoch that delivers it ended. */
    DELIVER_BEFORE_RELAY,
    /** P5 broken: the backup ends epoch E as soon as [end, E] is in, without waiting for [end, E+1]. */
    BACKUP_EARLY_START,
    /** The backup's I/O reaches the environment before promotion. */
    NO_SUPPRESS,
    /** P8 omitted: no uncertain interrupts at the end of the failover epoch. */
    NO_UNCERTAIN,
    /** Revised protocol broken: I/O starts without waiting for every acknowledgement. */
    IO_BEFORE_ACKS,
    /** P6 broken: the backup's VM reads its own clock instead of the primary's values. */
    BACKUP_OWN_CLOCK,
    /** Promotion and going solo without the shared disk's test-and-set. */
    NO_FENCE,
    /** The primary delivers an epoch's interrupts but relays none of the external ones. */
    DROP_EXTERNAL_RELAY
}
