package org.hbft.machine.device;

/**
 * Decides how a block operation turns out: the hook tests use to make the disk fail on demand.
 * The default performs every operation and reports OK.
 */
@FunctionalInterface
public interface DiskFaults {
    /** How one operation ends. */
    enum Outcome {
        /** Performed, status OK. */
        OK,
        /** Not performed, status ERROR. */
        ERROR,
        /** Performed, but reported UNCERTAIN (IO2: the guest cannot tell). */
        UNCERTAIN_PERFORMED,
        /** Not performed, reported UNCERTAIN. */
        UNCERTAIN_NOT_PERFORMED
    }

    DiskFaults NONE = (sequence, write, block) -> Outcome.OK;

    /**
     * @param sequence the number of the operation, counting from 0 in the order the guest issued them
     * @param write whether it is a write (else a read)
     * @param block its first block
     */
    Outcome decide(long sequence, boolean write, int block);
}
