package org.hbft.machine;

/**
 * A run of guest instructions translated to JVM bytecode by {@link BlockCompiler}. The block
 * starts with a sequential instruction address queue and nothing nullified; it ends at a branch
 * (after its delay slot), before an instruction it does not translate, or by a side exit before
 * a load or store whose page is not directly accessible, which the interpreter then performs.
 *
 * <p>{@link #run} returns its outcome packed in a long: the new front of the queue, how many
 * instructions were issued and how many of those were nullified, whether the next instruction is
 * nullified, whether the exit was a side exit, and where the back of the queue is. A block never issues more than {@link #length} instructions, so the caller
 * runs it only when that many fit in the current slice: recovery counter, epoch counter and
 * interval timer expire exactly where the interpreter would expire them.
 */
abstract class Block {
    // The outcome of run(), packed into one long: the new queue front in the low 32 bits, then these.
    static final int ISSUED_SHIFT = 32;
    static final int NULLIFIED_SHIFT = 40;
    static final long COUNT_MASK = 0xff;
    /** The next instruction is nullified. */
    static final long NULLIFY = 1L << 48;
    /** The block stopped before an instruction it could not perform; the interpreter performs it. */
    static final long SIDE_EXIT = 1L << 49;
    /** The back of the queue is in {@code Cpu.jitBack}, not front + 4 (a side exit from a delay slot). */
    static final long BACK_IN_FIELD = 1L << 50;
    /** With {@link #SIDE_EXIT}: the budget ran out, not a fast path. */
    static final long BUDGET_STOP = 1L << 51;
    /** Any of the flags after which the next block cannot simply follow. */
    static final long NOT_ORDINARY = NULLIFY | SIDE_EXIT | BACK_IN_FIELD | BUDGET_STOP;

    private static final java.lang.invoke.VarHandle LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** Marks an address where no block can start, so it is not compiled again. */
    static final Block NONE = new Block(Integer.MAX_VALUE, 0, 0) {
        @Override
        long run(Cpu cpu, int[] g, int pc, int budget, int from) {
            throw new IllegalStateException("not a block");
        }

        @Override
        long runBounded(Cpu cpu, int[] g, int pc, int budget, int from) {
            throw new IllegalStateException("not a block");
        }
    };

    /** Instruction words the block covers; no exit issues more. */
    final int length;
    /** The word (within its page) where the block starts. */
    final int start;
    /** Positions {@link #runBounded} can start at: 0 to entries - 1. */
    final int entries;

    Block(int length, int start, int entries) {
        this.length = length;
        this.start = start;
        this.entries = entries;
    }

    /**
     * Runs the block from {@code pc} (the front of the queue, privilege bits included); the
     * caller has checked that {@link #length} instructions fit; {@code budget} and
     * {@code from} are ignored.
     */
    abstract long run(Cpu cpu, int[] g, int pc, int budget, int from);

    /**
     * Runs the block from its position {@code from} (the queue sequential, nothing nullified;
     * {@code pc} is still the address of the block's first word), issuing no more than
     * {@code budget - from} instructions, and leaving by a side exit where the next step would
     * exceed that. The issued count it returns counts from the block's start, as if the
     * positions before {@code from} had been issued. The end of an epoch falls inside a block
     * as often as not, and the next epoch resumes there: this keeps both sides translated.
     */
    abstract long runBounded(Cpu cpu, int[] g, int pc, int budget, int from);

    // Accessors the generated code calls; C2 inlines them to plain loads and stores.

    static int loadWord(byte[] page, int offset) {
        return (int) PagedMemory.INT.get(page, offset);
    }

    static int loadHalf(byte[] page, int offset) {
        return (short) PagedMemory.SHORT.get(page, offset) & 0xffff;
    }

    static void storeWord(byte[] page, int offset, int value) {
        PagedMemory.INT.set(page, offset, value);
    }

    static void storeHalf(byte[] page, int offset, int value) {
        PagedMemory.SHORT.set(page, offset, (short) value);
    }

    static long loadDouble(byte[] page, int offset) {
        return (long) LONG.get(page, offset);
    }

    static void storeDouble(byte[] page, int offset, long value) {
        LONG.set(page, offset, value);
    }

    /** A branch through a register may lower privilege but never raise it. */
    static int demote(int target, int pc) {
        int priv = pc & 3;
        return (target & 3) >= priv ? target : (target & ~3) | priv;
    }
}
