package org.hbft.runtime;

/**
 * Flow control between a primary and its backup, both sides of it so that they agree on the
 * numbers: the backup reports the epoch it executes every {@code maxLagEpochs / 8} epochs, and
 * a primary more than {@code maxLagEpochs} ahead of the last report stops until the next. A
 * backup slower than its primary thus stays a bounded distance behind - bounded memory, and a
 * bounded replay before it can take over - while it still reads and acknowledges every batch
 * as it arrives, so an output never waits for the backup's replay. Not thread-safe: each side
 * uses it from its replica's thread.
 */
final class LagBound {
    private final int maxLagEpochs;
    private final int reportEvery;
    /** Primary: the epoch in the backup's latest report. */
    private int reported;
    /** Backup: the epoch in its latest report. */
    private int lastSent;

    /**
     * @param maxLagInstructions how far, in the primary's instructions, the backup may be behind
     * @param epochLength the epoch length, in instructions
     */
    LagBound(long maxLagInstructions, int epochLength) {
        if (maxLagInstructions < 1 || epochLength < 1) {
            throw new IllegalArgumentException("need positive bounds: " + maxLagInstructions + ", " + epochLength);
        }
        // At least 8 epochs, so that a report always comes before the primary has to stop for it.
        this.maxLagEpochs = (int) Math.min(Integer.MAX_VALUE, Math.max(8, maxLagInstructions / epochLength));
        this.reportEvery = maxLagEpochs / 8;
    }

    int maxLagEpochs() {
        return maxLagEpochs;
    }

    /** Primary: the backup reported that it executes {@code epoch}. */
    void reported(int epoch) {
        reported = Math.max(reported, epoch);
    }

    /** Primary: whether it may run epoch {@code epoch} now. */
    boolean mayRun(int epoch) {
        return epoch - reported <= maxLagEpochs;
    }

    /** Backup: whether executing {@code epoch} is worth a report. */
    boolean reportDue(int epoch) {
        return epoch - lastSent >= reportEvery;
    }

    /** Backup: a report of {@code epoch} went out. */
    void sent(int epoch) {
        lastSent = epoch;
    }
}
