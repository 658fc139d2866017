package org.hbft.machine;

import static org.hbft.machine.Decoder.bits;
import static org.hbft.machine.Decoder.lowSignExt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A PA-RISC 1.1 processor: general, space and control registers, the PSW, the two-element
 * instruction address queue with its delay slots and nullification, the recovery counter, the
 * interval timer, split instruction/data TLBs, and the interruption mechanism.
 *
 * <p>The CPU runs in one of two modes. In <em>system mode</em> every interruption vectors
 * through IVA. In <em>user mode</em> (Linux process emulation) interruptions stop {@link #run}
 * and are reported to the caller, and branches into page zero enter the {@link Gateway}, as
 * a Linux kernel's gateway page would.
 *
 * <p>Execution is deterministic: nothing here reads a host clock. The interval timer is the
 * count of instructions issued (executed or nullified) since reset.
 */
public final class Cpu {
    /** User mode: what page-zero entry points (system calls, light-weight syscalls) do. */
    public interface Gateway {
        /**
         * Called on arrival at {@code offset} in page zero. Returns false if nothing lives at that
         * offset (the CPU then faults); otherwise sets the IA queue before returning true.
         */
        boolean enter(Cpu cpu, int offset);
    }

    /** Memory-mapped I/O: physical addresses outside RAM that a device claims. */
    public interface IoSpace {
        boolean claims(int physicalAddress);

        int load(int physicalAddress, int size);

        void store(int physicalAddress, int size, int value);
    }

    /** Why {@link #run} returned. */
    public enum Stop { BUDGET, HALT, TRAP, IDLE, EPOCH }

    private static final VarHandle INT = PagedMemory.INT;
    private static final VarHandle SHORT = PagedMemory.SHORT;
    private static final int PAGE_SHIFT = PagedMemory.PAGE_SHIFT;
    private static final int PAGE_MASK = PagedMemory.PAGE_MASK;
    private static final int WORDS_PER_PAGE = PagedMemory.PAGE_SIZE / 4;

    public final int[] gr = new int[32];
    public final int[] sr = new int[8];
    final int[] cr = new int[32];
    final int[] shadow = new int[7];
    /** Back elements of the interruption instruction address queues (CR17, CR18). */
    int iiasqBack, iiaoqBack;
    /** PSW bits other than N, V and C/B, which live in their own fields for speed. */
    int psw;
    boolean nullifyNext;
    /** Carry into each bit of the last carry-setting operation (a ^ b ^ result). */
    int cb;
    /** Carry out of the most significant bit (0 or 1). */
    int cbMsb;
    /** PSW V (divide-step correction), kept as the sign of this value. */
    int vBit;
    int sar;
    int iaoqF, iaoqB, iasqF, iasqB;
    /** Next back-of-queue address, set by the executing instruction. */
    private int nextB;
    /** Instructions issued (executed or nullified) since reset: the interval timer's source. */
    long cycles;
    private int timerCompare;
    private boolean sliceEnd;
    /**
     * The hypervisor's recovery counter: counts down like CR0 (one per instruction that is not
     * nullified) but belongs to the layer below the guest, so the guest's own CR0 and PSW R stay
     * untouched. When it goes negative, {@link #run} returns {@link Stop#EPOCH} before the next
     * instruction.
     */
    private long epochCounter;
    private boolean epochArmed;
    private boolean stopRequested;
    private static final long MAX_SLICE = 1 << 20;
    /** Instructions the current slice issued before the one executing on the slow path. */
    private long issuedBefore;

    // Idle loops (see idleHint).
    /** Longest idle-loop iteration, in instructions issued, that is recognised. */
    private static final int MAX_IDLE_PERIOD = 64;
    /** Idle hints ignored after a loop that was not a fixed point. */
    private static final int IDLE_COOLDOWN = 64;
    private boolean idleSkipping = true;
    /** The guest said it was idle during the running slice. */
    private boolean idleHinted;
    /** Whether an idle loop's state is captured and stores take the slow path until it recurs. */
    private boolean idleChecking;
    private int idleCooldown;
    private byte[][] idleSavedWr;
    private final IdleSnapshot idleSnapshot = new IdleSnapshot();
    /**
     * Events an idle loop's fast-forward could not repeat: device accesses, memory stores on the
     * slow path (every store while a loop is checked), interruptions, translation and control
     * register changes, clock reads. Only differences matter.
     */
    private long effects;
    /** Of the effects, the guest's idle stores. */
    private long idleStores;
    private long idleSkipped;

    final PagedMemory memory;
    final Fpu fpu = new Fpu();
    final Tlb itlb = new Tlb(96);
    final Tlb dtlb = new Tlb(96);

    private final boolean userMode;
    private Gateway gateway;
    private IoSpace io;

    // Decoded-instruction cache, keyed by physical page.
    private final DecodedPage[] decoded = new DecodedPage[1 << (32 - PAGE_SHIFT)];
    private int curVPage = -1;
    private int[] curOps;
    private int[] curRaw;
    private int[] curImm;

    // Translation caches for short-pointer data accesses; the physical tables when translation is off.
    private byte[][] rd;
    private byte[][] wr;
    private byte[][] tlbRd;
    private byte[][] tlbWr;

    private Stop stop = Stop.BUDGET;
    private int exitStatus;
    private int trapNumber;
    private int trapAddress;
    private int trapPc;
    private int trapInsn;

    private static final class DecodedPage {
        final int[] ops = new int[WORDS_PER_PAGE];
        final int[] raw = new int[WORDS_PER_PAGE];
        final int[] imm = new int[WORDS_PER_PAGE];
        /** Translated blocks by starting word, and how often each word began an interpreted step; null without translation. */
        Block[] blocks;
        /** For words inside a block (not its start): the first block translated that contains them. */
        Block[] covering;
        int[] heat;
    }

    /**
     * How many times a word must begin an interpreted step before a block is translated from
     * it; 0 interprets only. Translation changes speed, never behaviour: counts, traps and
     * state are those of the interpreter.
     */
    public static final int DEFAULT_JIT_THRESHOLD = Integer.getInteger("hbft.jit.threshold", 32);
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private int jitThreshold = DEFAULT_JIT_THRESHOLD;
    private final BlockCompiler blockCompiler = new BlockCompiler(LOOKUP);
    private Block[] curBlocks;
    private Block[] curCovering;
    private int[] curHeat;
    /** The back of the queue after a block's side exit from a delay slot (see {@link Block#BACK_IN_FIELD}). */
    int jitBack;

    public Cpu(PagedMemory memory, boolean userMode) {
        this.memory = memory;
        this.userMode = userMode;
        this.rd = memory.readable;
        this.wr = memory.writable;
        memory.setInvalidator(this::invalidateCode);
        memory.setFastStoreReset(() -> {
            if (tlbWr != null) {
                java.util.Arrays.fill(tlbWr, null);
            }
        });
        if (userMode) {
            iaoqF = 3;
            iaoqB = 7;
        }
    }

    public void setGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    public void setIoSpace(IoSpace io) {
        this.io = io;
    }

    public PagedMemory memory() {
        return memory;
    }

    public Fpu fpu() {
        return fpu;
    }

    /** Sets the translation threshold for pages decoded from now on (0: interpret only); see {@link #DEFAULT_JIT_THRESHOLD}. */
    public void setJitThreshold(int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be >= 0");
        }
        jitThreshold = threshold;
        java.util.Arrays.fill(decoded, null);
        curVPage = -1;
    }

    /** Blocks translated to JVM bytecode so far. */
    public long translatedBlocks() {
        return blockCompiler.compiledCount();
    }

    public boolean isUserMode() {
        return userMode;
    }

    // ------------------------------------------------------------------ architectural state

    /** The current privilege level: 0 (most) to 3 (least privileged). */
    public int privilege() {
        return iaoqF & 3;
    }

    /** Front of the instruction address queue, privilege bits included. */
    public int iaoqFront() {
        return iaoqF;
    }

    public int iaoqBack() {
        return iaoqB;
    }

    /** Sets both queue elements: execution resumes at {@code front}, then {@code back}. */
    public void setIaoq(int front, int back) {
        iaoqF = front;
        iaoqB = back;
        nullifyNext = false;
    }

    public void setSpaceQueue(int front, int back) {
        iasqF = front;
        iasqB = back;
    }

    /** The full 32-bit PSW, with C/B, V and N folded in. */
    public int psw() {
        int digits = 0;
        for (int i = 0; i < 7; i++) {
            digits |= ((cb >>> (4 * i + 4)) & 1) << i;
        }
        digits |= cbMsb << 7;
        return psw | (digits << 8) | (nullifyNext ? Psw.N : 0) | (vBit < 0 ? Psw.V : 0);
    }

    public void setPsw(int value) {
        int oldTranslation = psw & (Psw.D | Psw.C);
        psw = value & ~(Psw.CB | Psw.N | Psw.V);
        nullifyNext = (value & Psw.N) != 0;
        vBit = (value & Psw.V) != 0 ? -1 : 0;
        int digits = (value >>> 8) & 0xff;
        int c = 0;
        for (int i = 0; i < 7; i++) {
            c |= ((digits >>> i) & 1) << (4 * i + 4);
        }
        cb = c;
        cbMsb = (digits >>> 7) & 1;
        if ((psw & (Psw.D | Psw.C)) != oldTranslation) {
            translationChanged();
        }
        sliceEnd = true;
    }

    /** Carry/borrow bit of decimal digit {@code i} (0 = rightmost). */
    public int digitCarry(int i) {
        return i == 7 ? cbMsb : (cb >>> (4 * i + 4)) & 1;
    }

    public int controlRegister(int n) {
        switch (n) {
            case ControlRegisters.SAR:
                return sar;
            case ControlRegisters.IT:
                return (int) cycles;
            default:
                return cr[n];
        }
    }

    /** Host-side write of a control register, with the same effects as MTCTL at privilege 0. */
    public void setControlRegister(int n, int value) {
        writeControl(n, value);
    }

    public long cycles() {
        return cycles;
    }

    public Stop stopReason() {
        return stop;
    }

    public int exitStatus() {
        return exitStatus;
    }

    public int trapNumber() {
        return trapNumber;
    }

    public int trapAddress() {
        return trapAddress;
    }

    public int trapPc() {
        return trapPc;
    }

    public int trapInstruction() {
        return trapInsn;
    }

    /** Stops the processor at the end of the current instruction (e.g. a guest's exit call). */
    public void halt(int status) {
        exitStatus = status;
        stop = Stop.HALT;
        endSlice();
    }

    /**
     * Ends the running slice after the current instruction, also when called from a device
     * callback inside an inline load or store: forgetting the current page makes the loop's
     * page check, which it makes before every instruction, look at {@code sliceEnd}.
     */
    private void endSlice() {
        sliceEnd = true;
        curVPage = -1;
    }

    /** Sets the bits in EIRR (external interrupt requests), as a device would. */
    public void raiseExternal(int bits) {
        cr[ControlRegisters.EIRR] |= bits;
        endSlice();
    }

    public Tlb instructionTlb() {
        return itlb;
    }

    public Tlb dataTlb() {
        return dtlb;
    }

    // ------------------------------------------------------------------ the run loop

    /**
     * Issues up to {@code budget} instructions. Returns early on a halt, on a user-mode trap, or
     * (system mode) when the processor waits with nothing to do.
     */
    public Stop run(long budget) {
        stop = Stop.BUDGET;
        long end = budget > Long.MAX_VALUE - cycles ? Long.MAX_VALUE : cycles + budget;
        while (cycles < end && stop == Stop.BUDGET) {
            if (epochArmed && epochCounter < 0) {
                break;
            }
            if (takePendingInterruption()) {
                continue;
            }
            // Bounded slices let the JIT replace the loop's on-stack-replacement compilation
            // with a normal one, which optimises the loop better.
            long slice = Math.min(end - cycles, MAX_SLICE);
            if ((psw & Psw.R) != 0) {
                slice = Math.min(slice, Integer.toUnsignedLong(cr[ControlRegisters.RC]) + 1);
            }
            if (!userMode) {
                long toTimer = Integer.toUnsignedLong(timerCompare - (int) cycles);
                if (toTimer == 0) {
                    toTimer = 1L << 32;
                }
                slice = Math.min(slice, toTimer);
            }
            if (epochArmed) {
                slice = Math.min(slice, epochCounter + 1);
            }
            if (idleChecking) {
                long used = cycles - idleSnapshot.cycles;
                if (used >= MAX_IDLE_PERIOD) {
                    endIdleCheck(true);
                } else {
                    slice = Math.min(slice, MAX_IDLE_PERIOD - used);
                }
            }
            if (delaySlotSpace) {
                slice = 1;
            }
            boolean inDelaySlot = delaySlotSpace;
            runSlice(slice);
            if (inDelaySlot && stop == Stop.BUDGET) {
                // The delay slot of an interspace branch ran in the old space; the target runs in the new.
                delaySlotSpace = false;
                iasqF = iasqB;
            }
            if (spaceBranch) {
                spaceBranch = false;
                iasqF = iasqB;
                iasqB = nextSpaceBack;
                delaySlotSpace = true;
            }
            if (!userMode && (int) cycles == timerCompare) {
                cr[ControlRegisters.EIRR] |= 1 << 31;
            }
            if (idleHinted) {
                idleHinted = false;
                if (!stopRequested && stop == Stop.BUDGET) {
                    idleStep(end);
                }
            }
            if (stopRequested) {
                stopRequested = false;
                break;
            }
        }
        if (idleChecking) {
            endIdleCheck(false);
        }
        if (stop == Stop.BUDGET && epochArmed && epochCounter < 0) {
            epochArmed = false;
            stop = Stop.EPOCH;
        }
        return stop;
    }

    /**
     * Arms the hypervisor's recovery counter so that {@link #run} returns {@link Stop#EPOCH}
     * once {@code instructions} more instructions have executed (nullified ones do not count,
     * as for CR0). The counter survives returns from {@code run} for other reasons.
     */
    public void armEpochCounter(long instructions) {
        if (instructions < 1) {
            throw new IllegalArgumentException("an epoch has at least one instruction");
        }
        epochCounter = instructions - 1;
        epochArmed = true;
    }

    /** Stops counting: the hypervisor ended the epoch itself. */
    public void disarmEpochCounter() {
        epochArmed = false;
    }

    /** Whether the hypervisor's recovery counter is armed and has not yet expired. */
    public boolean epochCounterArmed() {
        return epochArmed;
    }

    /** Instructions left before the armed epoch ends (0 once it has). */
    public long epochRemaining() {
        return epochArmed ? epochCounter + 1 : 0;
    }

    /**
     * The guest said it is idle (a store to a device's idle register, called from inside it).
     * Idle loops spin until an interrupt, and interrupts come only at epoch boundaries or from
     * the interval timer: if the loop that follows returns to the same state having done nothing
     * but idle stores (no other device access, memory store, interruption, translation change or
     * clock read), the rest of its iterations up to the next epoch end, recovery-counter trap,
     * timer interrupt or run budget are skipped by advancing the counters. The state the guest
     * then has is exactly the state it would have had, so replicas that skip and replicas that
     * spin stay identical.
     */
    public void idleHint() {
        if (!idleSkipping || userMode) {
            return;
        }
        idleStores++;
        if (idleCooldown > 0 && !idleChecking) {
            idleCooldown--;
            return;
        }
        idleHinted = true;
        endSlice();
    }

    /** Whether idle loops are fast-forwarded (on by default; off only to compare). */
    public void setIdleSkipping(boolean on) {
        idleSkipping = on;
    }

    /** Instructions issued (executed or nullified) by idle-loop iterations that were skipped. */
    public long idleInstructionsSkipped() {
        return idleSkipped;
    }

    /** At an idle store's slice end: capture the loop's state, or skip if it has come back to it. */
    private void idleStep(long end) {
        if (delaySlotSpace || spaceBranch) {
            if (idleChecking) {
                endIdleCheck(true);
            }
            return;
        }
        if (!idleChecking) {
            if ((epochArmed && epochCounter < 0) || cycles >= end) {
                return; // the run ends here anyway (a backup's epoch that its primary ended at this store)
            }
            idleSnapshot.capture(this, epochCounter, timerCompare, effects, idleStores);
            // Every store goes to the slow path, where it counts as an effect, until the check ends.
            idleSavedWr = wr;
            wr = NoWrite.PAGES;
            idleChecking = true;
            return;
        }
        if (!idleSnapshot.matches(this, timerCompare)) {
            return; // another idle store of the same loop, or not a loop: go on until the period's limit
        }
        boolean pure = effects - idleSnapshot.effects == idleStores - idleSnapshot.idleStores;
        endIdleCheck(!pure);
        long period = cycles - idleSnapshot.cycles;
        long counted = idleSnapshot.epochCounter - epochCounter;
        long recovery = (long) idleSnapshot.recoveryCounter - cr[ControlRegisters.RC];
        boolean counting = (psw & Psw.R) != 0;
        if (!pure || period <= 0 || counted <= 0 || (counting ? recovery != counted : recovery != 0)) {
            return;
        }
        long n = (end - cycles) / period;
        if (epochArmed) {
            n = Math.min(n, epochCounter / counted);
        }
        if (counting) {
            n = Math.min(n, Math.max(0, cr[ControlRegisters.RC]) / counted);
        }
        long toTimer = Integer.toUnsignedLong(timerCompare - (int) cycles);
        if (toTimer == 0) {
            toTimer = 1L << 32;
        }
        n = Math.min(n, (toTimer - 1) / period);
        if (n <= 0) {
            return;
        }
        cycles += n * period;
        epochCounter -= n * counted;
        if (counting) {
            cr[ControlRegisters.RC] -= (int) (n * counted);
        }
        idleSkipped += n * period;
    }

    private void endIdleCheck(boolean failed) {
        if (wr == NoWrite.PAGES) {
            wr = idleSavedWr; // unless a translation change has set it afresh
        }
        idleSavedWr = null;
        idleChecking = false;
        if (failed) {
            idleCooldown = IDLE_COOLDOWN;
        }
    }

    /** A page table in which no page is writable: every store takes the slow path. */
    private static final class NoWrite {
        static final byte[][] PAGES = new byte[1 << (32 - PAGE_SHIFT)][];
    }

    /** Ends the running slice after the current instruction: {@link #run} returns soon with {@link Stop#BUDGET}. */
    public void requestStop() {
        endSlice();
        stopRequested = true;
    }

    /** Checks the recovery counter and external interrupts between instructions. */
    private boolean takePendingInterruption() {
        if ((psw & Psw.R) != 0 && cr[ControlRegisters.RC] < 0) {
            interrupt(Interruption.RECOVERY_COUNTER, 0);
            return true;
        }
        if (!userMode && (psw & Psw.I) != 0 && (cr[ControlRegisters.EIRR] & cr[ControlRegisters.EIEM]) != 0) {
            interrupt(Interruption.EXTERNAL, 0);
            return true;
        }
        return false;
    }

    /**
     * The interpreter loop. The instruction address queue, the nullify flag and the current
     * decoded page live in locals; the commonest instructions are executed inline. Everything
     * else goes through {@link #execute}, which works on the fields, so the locals are written
     * back before and read again after it. A trap leaves the locals describing the trapping
     * instruction, which is exactly the state the interruption must save.
     */
    private void runSlice(long slice) {
        boolean counting = (psw & Psw.R) != 0;
        long n = 0;
        long nullified = 0;
        sliceEnd = false;
        int pcF = iaoqF;
        int pcB = iaoqB;
        boolean nul = nullifyNext;
        int[] g = gr;
        byte[][] rdl = rd;
        byte[][] wrl = wr;
        int[] ops = curOps;
        int[] raw = curRaw;
        int[] imms = curImm;
        Block[] blocks = curBlocks;
        Block[] covering = curCovering;
        int[] heat = curHeat;
        boolean sideExit = false;
        // Whether execution is in the middle of a run of instructions only because a slice
        // (an epoch, a recovery-counter period) started or ended there: such words are no
        // places to start blocks, or every epoch boundary would translate a new one.
        boolean midRun = true;
        try {
            while (n < slice) {
                if ((pcF >>> PAGE_SHIFT) != curVPage) {
                    if (sliceEnd) {
                        break;
                    }
                    iaoqF = pcF;
                    iaoqB = pcB;
                    nullifyNext = nul;
                    boolean run = enterPage(pcF);
                    pcF = iaoqF;
                    pcB = iaoqB;
                    nul = nullifyNext;
                    if (!run) {
                        if (sliceEnd) {
                            break;
                        }
                        continue;
                    }
                    ops = curOps;
                    raw = curRaw;
                    imms = curImm;
                    blocks = curBlocks;
                    covering = curCovering;
                    heat = curHeat;
                }
                if (sideExit) {
                    // The block stopped before this instruction: the interpreter performs it.
                    sideExit = false;
                } else if (blocks != null && (nul || pcB != pcF + 4)) {
                    midRun = false;
                } else if (blocks != null) {
                    int word = (pcF >>> 2) & (WORDS_PER_PAGE - 1);
                    Block block = blocks[word];
                    int from = 0;
                    if (block == null) {
                        if (midRun) {
                            // Resuming inside a block: enter it where we are.
                            block = covering[word];
                            if (block != null) {
                                from = word - block.start;
                            }
                        } else if (++heat[word] >= jitThreshold) {
                            block = blockCompiler.compile(ops, raw, imms, word);
                            blocks[word] = block;
                            for (int k = 1; k < block.entries; k++) {
                                if (covering[word + k] == null) {
                                    covering[word + k] = block;
                                }
                            }
                        }
                    }
                    if (block != null && block != Block.NONE) {
                        long budget = slice - n;
                        long r;
                        if (from == 0 && block.length <= budget) {
                            r = runChain(block, g, pcF, budget);
                            n += chainIssued;
                            nullified += chainNullified;
                        } else {
                            r = block.runBounded(this, g, pcF - 4 * from, (int) Math.min(budget, MAX_SLICE) + from, from);
                            n += ((r >>> Block.ISSUED_SHIFT) & Block.COUNT_MASK) - from;
                            nullified += (r >>> Block.NULLIFIED_SHIFT) & Block.COUNT_MASK;
                        }
                        pcF = (int) r;
                        pcB = (r & Block.BACK_IN_FIELD) != 0 ? jitBack : pcF + 4;
                        nul = (r & Block.NULLIFY) != 0;
                        sideExit = (r & Block.SIDE_EXIT) != 0;
                        midRun = (r & Block.BUDGET_STOP) != 0;
                        continue;
                    }
                }
                n++;
                int nb = pcB + 4;
                if (nul) {
                    nul = false;
                    nullified++;
                    pcF = pcB;
                    pcB = nb;
                    continue;
                }
                int idx = (pcF >>> 2) & (WORDS_PER_PAGE - 1);
                int insn = raw[idx];
                int imm = imms[idx];
                fast: {
                switch (ops[idx]) {
                        case Op.LDW: {
                            int a = g[(insn >>> 21) & 31] + imm;
                            byte[] p = rdl[a >>> PAGE_SHIFT];
                            int v = p != null && (a & 3) == 0 && (insn & 0xc000) == 0
                                    ? (int) INT.get(p, a & PAGE_MASK) : loadSlow(a, (insn >>> 14) & 3, 4);
                            g[(insn >>> 16) & 31] = v;
                            break fast;
                        }
                        case Op.STW: {
                            int a = g[(insn >>> 21) & 31] + imm;
                            byte[] p = wrl[a >>> PAGE_SHIFT];
                            if (p != null && (a & 3) == 0 && (insn & 0xc000) == 0) {
                                INT.set(p, a & PAGE_MASK, g[(insn >>> 16) & 31]);
                            } else {
                                storeSlow(a, (insn >>> 14) & 3, 4, g[(insn >>> 16) & 31]);
                            }
                            break fast;
                        }
                        case Op.LDO:
                            g[(insn >>> 16) & 31] = g[(insn >>> 21) & 31] + imm;
                            break fast;
                        case Op.LDIL:
                            g[(insn >>> 21) & 31] = imm;
                            break fast;
                        case Op.ADDIL:
                            g[1] = g[(insn >>> 21) & 31] + imm;
                            break fast;
                        case Op.LDB: {
                            int a = g[(insn >>> 21) & 31] + imm;
                            byte[] p = rdl[a >>> PAGE_SHIFT];
                            int v = p != null && (insn & 0xc000) == 0 ? p[a & PAGE_MASK] & 0xff : loadSlow(a, (insn >>> 14) & 3, 1);
                            g[(insn >>> 16) & 31] = v;
                            break fast;
                        }
                        case Op.STB: {
                            int a = g[(insn >>> 21) & 31] + imm;
                            byte[] p = wrl[a >>> PAGE_SHIFT];
                            if (p != null && (insn & 0xc000) == 0) {
                                p[a & PAGE_MASK] = (byte) g[(insn >>> 16) & 31];
                            } else {
                                storeSlow(a, (insn >>> 14) & 3, 1, g[(insn >>> 16) & 31]);
                            }
                            break fast;
                        }
                        case Op.BL:
                            g[(insn >>> 21) & 31] = pcB + 4;
                            nb = pcF + 8 + imm;
                            nul = (insn & 2) != 0;
                            break fast;
                        case Op.BV: {
                            int target = g[(insn >>> 21) & 31] + (g[(insn >>> 16) & 31] << 3);
                            int priv = pcF & 3;
                            nb = (target & 3) >= priv ? target : (target & ~3) | priv;
                            nul = (insn & 2) != 0;
                            break fast;
                        }
                        case Op.CMPB:
                        case Op.CMPIB: {
                            int a = ops[idx] == Op.CMPB ? g[(insn >>> 16) & 31] : lowSignExt((insn >>> 16) & 31, 5);
                            int cf = (((insn >>> 13) & 7) << 1) | ((insn >>> 27) & 1);
                            if (Conditions.compare(cf, a, g[(insn >>> 21) & 31])) {
                                nb = pcF + 8 + imm;
                                nul = (insn & 2) != 0 && imm >= 0;
                            } else {
                                nul = (insn & 2) != 0 && imm < 0;
                            }
                            break fast;
                        }
                        case Op.ADDIB: {
                            int r = (insn >>> 21) & 31;
                            int a = lowSignExt((insn >>> 16) & 31, 5);
                            int b = g[r];
                            int res = a + b;
                            int cf = (((insn >>> 13) & 7) << 1) | ((insn >>> 27) & 1);
                            g[r] = res;
                            if (Conditions.add(cf, a, b, res, Conditions.carryOut(a, b, res))) {
                                nb = pcF + 8 + imm;
                                nul = (insn & 2) != 0 && imm >= 0;
                            } else {
                                nul = (insn & 2) != 0 && imm < 0;
                            }
                            break fast;
                        }
                        case Op.OR:
                            if ((insn & 0xf000) != 0) {
                                break;
                            }
                            g[insn & 31] = g[(insn >>> 16) & 31] | g[(insn >>> 21) & 31];
                            break fast;
                        case Op.AND:
                            if ((insn & 0xf000) != 0) {
                                break;
                            }
                            g[insn & 31] = g[(insn >>> 16) & 31] & g[(insn >>> 21) & 31];
                            break fast;
                        case Op.ADDL:
                            if ((insn & 0xf000) != 0) {
                                break;
                            }
                            g[insn & 31] = (g[(insn >>> 16) & 31] << ((insn >>> 6) & 3)) + g[(insn >>> 21) & 31];
                            break fast;
                        case Op.CMPCLR: {
                            int a = g[(insn >>> 16) & 31];
                            int b = g[(insn >>> 21) & 31];
                            g[insn & 31] = 0;
                            nul = Conditions.compare((insn >>> 12) & 15, a, b);
                            break fast;
                        }
                        case Op.CMPICLR: {
                            int b = g[(insn >>> 21) & 31];
                            g[(insn >>> 16) & 31] = 0;
                            nul = Conditions.compare((insn >>> 12) & 15, imm, b);
                            break fast;
                        }
                        case Op.LDX: {
                            if ((insn & 0xc020) != 0) {
                                break;
                            }
                            int size = (insn >>> 6) & 3;
                            int a = g[(insn >>> 21) & 31] + (g[(insn >>> 16) & 31] << (((insn >>> 13) & 1) != 0 ? size : 0));
                            byte[] p = rdl[a >>> PAGE_SHIFT];
                            if (p == null || (a & ((1 << size) - 1)) != 0) {
                                break;
                            }
                            int o = a & PAGE_MASK;
                            g[insn & 31] = size == 2 ? (int) INT.get(p, o) : size == 1 ? (short) SHORT.get(p, o) & 0xffff : p[o] & 0xff;
                            break fast;
                        }
                        case Op.EXTRW_IMM: {
                            int len = 32 - (insn & 31);
                            int shift = 31 - ((insn >>> 5) & 31);
                            if ((insn & 0xe000) != 0 || shift + len > 32) {
                                break;
                            }
                            int value = g[(insn >>> 21) & 31];
                            g[(insn >>> 16) & 31] = (insn & 0x400) != 0 ? (value << (32 - shift - len)) >> (32 - len)
                                    : (value >>> shift) & (-1 >>> (32 - len));
                            break fast;
                        }
                        case Op.DEPW_IMM:
                        case Op.DEPWI_IMM: {
                            int len = 32 - (insn & 31);
                            int shift = (insn >>> 5) & 31;
                            if ((insn & 0xe000) != 0 || shift + len > 32) {
                                break;
                            }
                            int mask = (-1 >>> (32 - len)) << shift;
                            int value = ops[idx] == Op.DEPW_IMM ? g[(insn >>> 16) & 31] : lowSignExt((insn >>> 16) & 31, 5);
                            int t = (insn >>> 21) & 31;
                            int field = (value << shift) & mask;
                            g[t] = (insn & 0x400) != 0 ? (g[t] & ~mask) | field : field;
                            break fast;
                        }
                        // Instructions with no effect on the address queue: their field-based
                        // implementations run without writing the queue back.
                        case Op.ADDC: {
                            // Carry chains (libgcc's division millicode) are hot: no condition, inline.
                            if ((insn & 0xf000) != 0) {
                                break;
                            }
                            int a = g[(insn >>> 16) & 31];
                            int b = g[(insn >>> 21) & 31];
                            long wide = (a & 0xffffffffL) + (b & 0xffffffffL) + cbMsb;
                            int res = (int) wide;
                            cb = a ^ b ^ res;
                            cbMsb = (int) (wide >>> 32);
                            g[insn & 31] = res;
                            break fast;
                        }
                        case Op.DS: {
                            if ((insn & 0xf000) != 0) {
                                break;
                            }
                            int r2 = g[(insn >>> 21) & 31];
                            int add1 = (g[(insn >>> 16) & 31] << 1) | cbMsb;
                            int v = vBit >> 31;
                            int add2 = r2 ^ v;
                            long wide = (add1 & 0xffffffffL) + (add2 & 0xffffffffL) + (v & 1);
                            int res = (int) wide;
                            int carry = (int) (wide >>> 32);
                            cb = add1 ^ add2 ^ res;
                            cbMsb = carry;
                            g[insn & 31] = res;
                            // g[0] holds the result until it is cleared after the instruction; %r0 still reads 0.
                            vBit = -carry ^ (((insn >>> 21) & 31) == 0 ? 0 : g[(insn >>> 21) & 31]);
                            break fast;
                        }
                        case Op.ADD:
                        case Op.ADDO:
                        case Op.ADDCO:
                            nullifyNext = false;
                            add(ops[idx], insn);
                            nul = nullifyNext;
                            break fast;
                        case Op.SUB:
                        case Op.SUBO:
                        case Op.SUBT:
                        case Op.SUBTO:
                        case Op.SUBB:
                        case Op.SUBBO:
                            nullifyNext = false;
                            sub(ops[idx], insn);
                            nul = nullifyNext;
                            break fast;
                        case Op.XOR:
                        case Op.ANDCM:
                            nullifyNext = false;
                            logical(insn, ops[idx] == Op.XOR ? g[(insn >>> 16) & 31] ^ g[(insn >>> 21) & 31]
                                    : g[(insn >>> 16) & 31] & ~g[(insn >>> 21) & 31]);
                            nul = nullifyNext;
                            break fast;
                        case Op.ADDI:
                        case Op.ADDIO:
                        case Op.ADDIT:
                        case Op.ADDITO:
                            nullifyNext = false;
                            addImmediate(ops[idx], insn, imm);
                            nul = nullifyNext;
                            break fast;
                        case Op.SUBI:
                        case Op.SUBIO:
                            nullifyNext = false;
                            subImmediate(ops[idx], insn, imm);
                            nul = nullifyNext;
                            break fast;
                        case Op.EXTRW_SAR:
                            nullifyNext = false;
                            extract(ops[idx], insn);
                            nul = nullifyNext;
                            break fast;
                        case Op.DEPW_SAR:
                        case Op.DEPWI_SAR:
                            nullifyNext = false;
                            deposit(ops[idx], insn);
                            nul = nullifyNext;
                            break fast;
                        case Op.SHRPW_IMM:
                        case Op.SHRPW_SAR:
                            nullifyNext = false;
                            shiftPair(ops[idx], insn);
                            nul = nullifyNext;
                            break fast;
                        case Op.LDS:
                            shortLoad(insn, imm);
                            break fast;
                        case Op.STS:
                            shortStore(insn, imm);
                            break fast;
                        case Op.LDH:
                            setReg((insn >>> 16) & 31, loadHalf(g[(insn >>> 21) & 31] + imm, (insn >>> 14) & 3));
                            break fast;
                        case Op.STH:
                            storeHalf(g[(insn >>> 21) & 31] + imm, (insn >>> 14) & 3, g[(insn >>> 16) & 31]);
                            break fast;
                        case Op.FLDW:
                        case Op.FSTW:
                        case Op.FLDD:
                        case Op.FSTD:
                            floatMemory(ops[idx], insn, imm);
                            break fast;
                        default:
                            break;
                    }
                    // Everything not handled inline: the full instruction set, on the fields.
                    iaoqF = pcF;
                    iaoqB = pcB;
                    nextB = nb;
                    nullifyNext = false;
                    issuedBefore = n - 1;
                    execute(ops[idx], insn, imm, pcF);
                    pcF = iaoqF;
                    nb = nextB;
                    nul = nullifyNext;
                    rdl = rd;
                    wrl = wr;
                    if (sliceEnd) {
                        g[0] = 0;
                        iaoqF = iaoqB;
                        iaoqB = nb;
                        pcF = iaoqF;
                        pcB = nb;
                        break;
                    }
                    pcB = iaoqB;
                }
                g[0] = 0;
                pcF = pcB;
                pcB = nb;
            }
        } catch (GuestTrap trap) {
            g[0] = 0;
            iaoqF = pcF;
            iaoqB = pcB;
            nullifyNext = false;
            n--; // the trapping instruction did not complete
            cycles += n;
            if (counting) {
                cr[ControlRegisters.RC] -= (int) (n - nullified);
            }
            epochCounter -= n - nullified;
            interrupt(trap.number, trap.address);
            return;
        }
        iaoqF = pcF;
        iaoqB = pcB;
        nullifyNext = nul;
        cycles += n;
        if (counting) {
            cr[ControlRegisters.RC] -= (int) (n - nullified);
        }
        epochCounter -= n - nullified;
    }

    /** Instructions issued and nullified by the last {@link #runChain}. */
    private long chainIssued, chainNullified;

    /**
     * Runs {@code block} and then, while each exit is an ordinary one to a translated block on
     * the same page that fits in what is left of {@code budget}, the next: a short loop that
     * HotSpot compiles apart from the interpreter. Returns the last block's outcome; the counts
     * of the whole chain are in {@link #chainIssued} and {@link #chainNullified}.
     */
    private long runChain(Block block, int[] g, int pc, long budget) {
        long issued = 0;
        long nullified = 0;
        Block[] blocks = curBlocks;
        int page = pc >>> PAGE_SHIFT;
        while (true) {
            long r = block.run(this, g, pc, 0, 0);
            long count = (r >>> Block.ISSUED_SHIFT) & Block.COUNT_MASK;
            issued += count;
            nullified += (r >>> Block.NULLIFIED_SHIFT) & Block.COUNT_MASK;
            budget -= count;
            pc = (int) r;
            if ((r & Block.NOT_ORDINARY) != 0 || (pc >>> PAGE_SHIFT) != page) {
                chainIssued = issued;
                chainNullified = nullified;
                return r;
            }
            Block next = blocks[(pc >>> 2) & (WORDS_PER_PAGE - 1)];
            // Block.NONE is longer than any budget.
            if (next == null || next.length > budget) {
                chainIssued = issued;
                chainNullified = nullified;
                return r;
            }
            block = next;
        }
    }

    /**
     * Makes the page of {@code pc} current. Returns false if nothing is to be executed there now
     * (a user-mode gateway entry handled the arrival).
     */
    private boolean enterPage(int pc) {
        int vpage = pc >>> PAGE_SHIFT;
        if (userMode && vpage == 0) {
            enterGateway(pc);
            return false;
        }
        int ppage = vpage;
        if (!userMode && (psw & Psw.C) != 0) {
            Tlb.Entry e = itlb.lookup(iasqF, vpage);
            if (e == null) {
                throw new GuestTrap(Interruption.ITLB_MISS, pc & ~3);
            }
            if (!Tlb.mayExecute(e, pc & 3)) {
                throw new GuestTrap(Interruption.INSTRUCTION_PROTECTION, pc & ~3);
            }
            ppage = e.ppn;
        }
        DecodedPage page = decoded[ppage];
        if (page == null) {
            byte[] bytes = memory.executablePage(ppage);
            if (bytes == null) {
                throw new GuestTrap(userMode ? Interruption.INSTRUCTION_PROTECTION : Interruption.ITLB_MISS, pc & ~3);
            }
            page = decodePage(bytes);
            decoded[ppage] = page;
            memory.guardCode(ppage);
        }
        if (page.blocks == null && jitThreshold > 0) {
            page.blocks = new Block[WORDS_PER_PAGE];
            page.covering = new Block[WORDS_PER_PAGE];
            page.heat = new int[WORDS_PER_PAGE];
        }
        curVPage = vpage;
        curOps = page.ops;
        curRaw = page.raw;
        curImm = page.imm;
        curBlocks = page.blocks;
        curCovering = page.covering;
        curHeat = page.heat;
        return true;
    }

    private static DecodedPage decodePage(byte[] bytes) {
        DecodedPage page = new DecodedPage();
        for (int i = 0; i < WORDS_PER_PAGE; i++) {
            int insn = (int) INT.get(bytes, i * 4);
            int op = Decoder.decode(insn);
            page.ops[i] = op;
            page.raw[i] = insn;
            page.imm[i] = Decoder.immediate(op, insn);
        }
        return page;
    }

    private void invalidateCode(int ppage) {
        if (decoded[ppage] != null) {
            decoded[ppage] = null;
            curVPage = -1;
        }
    }

    private void enterGateway(int pc) {
        // Page zero is reachable only by an ordinary sequential arrival (a BE/BLE target),
        // never with the instruction nullified or from inside another branch's delay slot.
        int offset = pc & ~3;
        if (nullifyNext || iaoqB != iaoqF + 4 || gateway == null || !gateway.enter(this, offset)) {
            // A call through a null pointer is a protection fault, any other page-zero address
            // an illegal instruction, as the Linux gateway page answers them.
            nullifyNext = false;
            raiseUserTrap(pc, offset == 0 ? Interruption.INSTRUCTION_PROTECTION : Interruption.ILLEGAL_INSTRUCTION, offset);
        }
    }

    private void raiseUserTrap(int pc, int number, int address) {
        trapPc = pc;
        trapInsn = 0;
        trapNumber = number;
        trapAddress = address;
        stop = Stop.TRAP;
        sliceEnd = true;
    }

    /** Takes an interruption: a user-mode stop, or the vectoring sequence through IVA. */
    private void interrupt(int number, int address) {
        effects++;
        int pc = iaoqF;
        int insn = 0;
        if (curVPage == (pc >>> PAGE_SHIFT) && curRaw != null) {
            insn = curRaw[(pc >>> 2) & (WORDS_PER_PAGE - 1)];
        }
        if (userMode) {
            trapPc = pc;
            trapInsn = insn;
            trapNumber = number;
            trapAddress = address;
            stop = Stop.TRAP;
            return;
        }
        int oldPsw = psw();
        if ((psw & Psw.Q) != 0) {
            cr[ControlRegisters.IIASQ] = iasqF;
            iiasqBack = iasqB;
            cr[ControlRegisters.IIAOQ] = iaoqF;
            iiaoqBack = iaoqB;
            if (Interruption.setsInstructionRegister(number)) {
                cr[ControlRegisters.IIR] = insn;
            }
            if (Interruption.hasDataAddress(number)) {
                cr[ControlRegisters.ISR] = dataSpace;
                cr[ControlRegisters.IOR] = address;
            } else if (number == Interruption.ITLB_MISS || number == Interruption.INSTRUCTION_PROTECTION) {
                cr[ControlRegisters.ISR] = iasqF;
                cr[ControlRegisters.IOR] = address;
            }
        }
        cr[ControlRegisters.IPSW] = oldPsw;
        shadow[0] = gr[1];
        shadow[1] = gr[8];
        shadow[2] = gr[9];
        shadow[3] = gr[16];
        shadow[4] = gr[17];
        shadow[5] = gr[24];
        shadow[6] = gr[25];
        setPsw(number == Interruption.HPMC ? Psw.M : 0);
        iasqF = 0;
        iasqB = 0;
        iaoqF = cr[ControlRegisters.IVA] + 32 * number;
        iaoqB = iaoqF + 4;
        curVPage = -1;
    }

    // ------------------------------------------------------------------ execution

    private void execute(int op, int insn, int imm, int pc) {
        int[] g = gr;
        switch (op) {
            case Op.LDWM: {
                int b = bits(insn, 21, 5);
                int base = g[b];
                int value = loadWord(imm < 0 ? base + imm : base, bits(insn, 14, 2));
                setReg(b, base + imm);
                setReg(bits(insn, 16, 5), value);
                return;
            }
            case Op.STWM: {
                int b = bits(insn, 21, 5);
                int base = g[b];
                storeWord(imm < 0 ? base + imm : base, bits(insn, 14, 2), g[bits(insn, 16, 5)]);
                setReg(b, base + imm);
                return;
            }
            case Op.LDX:
                indexedLoad(insn);
                return;
            case Op.ADDB: {
                int r = bits(insn, 21, 5);
                int a = g[bits(insn, 16, 5)];
                int b = g[r];
                int cf = (bits(insn, 13, 3) << 1) | ((insn >>> 27) & 1);
                int res = a + b;
                boolean taken = Conditions.add(cf, a, b, res, Conditions.carryOut(a, b, res));
                setReg(r, res);
                conditionalBranch(taken, insn, imm, pc);
                return;
            }
            case Op.MOVB: {
                int value = g[bits(insn, 16, 5)];
                setReg(bits(insn, 21, 5), value);
                conditionalBranch(Conditions.shiftExtract(bits(insn, 13, 3), value), insn, imm, pc);
                return;
            }
            case Op.MOVIB: {
                int value = lowSignExt(bits(insn, 16, 5), 5);
                setReg(bits(insn, 21, 5), value);
                conditionalBranch(Conditions.shiftExtract(bits(insn, 13, 3), value), insn, imm, pc);
                return;
            }
            case Op.BB_SAR:
            case Op.BB_IMM: {
                int value = g[bits(insn, 16, 5)];
                int pos = op == Op.BB_SAR ? sar : bits(insn, 21, 5);
                boolean set = (value << pos) < 0;
                conditionalBranch(bits(insn, 15, 1) == 0 ? set : !set, insn, imm, pc);
                return;
            }
            case Op.ADDL:
            case Op.ADDC:
                add(op, insn);
                return;
            case Op.OR:
                logical(insn, g[bits(insn, 16, 5)] | g[bits(insn, 21, 5)]);
                return;
            case Op.AND:
                logical(insn, g[bits(insn, 16, 5)] & g[bits(insn, 21, 5)]);
                return;
            case Op.EXTRW_IMM:
                extract(op, insn);
                return;
            case Op.DEPW_IMM:
            case Op.DEPWI_IMM:
                deposit(op, insn);
                return;
            default:
                executeRare(op, insn, imm, pc);
        }
    }

    private void executeRare(int op, int insn, int imm, int pc) {
        int[] g = gr;
        switch (op) {
            case Op.UXOR: {
                int a = g[bits(insn, 16, 5)];
                int b = g[bits(insn, 21, 5)];
                unit(insn, a, b, a ^ b, false);
                return;
            }
            case Op.UADDCM:
            case Op.UADDCMT: {
                int a = g[bits(insn, 16, 5)];
                int b = ~g[bits(insn, 21, 5)];
                unit(insn, a, b, a + b, op == Op.UADDCMT);
                return;
            }
            case Op.DCOR:
            case Op.IDCOR: {
                // Architecturally: subtract 6 from each digit without a carry (DCOR), or add 6 to
                // each digit with one (IDCOR).
                int corr = 0;
                for (int i = 0; i < 8; i++) {
                    int c = digitCarry(i);
                    if ((op == Op.IDCOR) == (c == 1)) {
                        corr |= 6 << (4 * i);
                    }
                }
                int a = g[bits(insn, 21, 5)];
                if (op == Op.IDCOR) {
                    unit(insn, a, corr, a + corr, false);
                } else {
                    unit(insn, a, ~corr, a - corr, false);
                }
                return;
            }
            case Op.DS:
                divideStep(insn);
                return;
            case Op.LDCWX:
            case Op.LDCWS:
                loadAndClear(op, insn, imm);
                return;
            case Op.STBY:
                storeBytes(insn, imm);
                return;
            case Op.GATE: {
                int t = bits(insn, 21, 5);
                int target = pc + 8 + imm;
                int newPriv = pc & 3;
                if (!userMode && (psw & Psw.C) != 0) {
                    Tlb.Entry e = itlb.lookup(iasqF, pc >>> PAGE_SHIFT);
                    if (e != null && e.arType >= 4) {
                        newPriv = Math.min(newPriv, e.arType - 4);
                    }
                }
                setReg(t, (g[t] & ~3) | (pc & 3));
                nextB = (target & ~3) | newPriv;
                if ((insn & 2) != 0) {
                    nullifyNext = true;
                }
                return;
            }
            case Op.BLR: {
                int t = bits(insn, 21, 5);
                int target = pc + 8 + (g[bits(insn, 16, 5)] << 3);
                setReg(t, iaoqB + 4);
                nextB = target;
                if ((insn & 2) != 0) {
                    nullifyNext = true;
                }
                return;
            }
            case Op.BE:
            case Op.BLE: {
                int target = g[bits(insn, 21, 5)] + imm;
                int s = (bits(insn, 13, 1) << 2) | bits(insn, 14, 2);
                if (op == Op.BLE) {
                    g[31] = iaoqB + 4;
                    sr[0] = iasqB;
                }
                nextB = demote(target);
                if (!userMode) {
                    nextSpaceBack = sr[s];
                    spaceBranch = true;
                    sliceEnd = true;
                }
                if ((insn & 2) != 0) {
                    nullifyNext = true;
                }
                return;
            }
            case Op.FP_OP:
            case Op.FMPYADD:
            case Op.FMPYSUB: {
                int r = fpu.execute(insn);
                if (r == Fpu.NULLIFY_NEXT) {
                    nullifyNext = true;
                } else if (r == Fpu.ILLEGAL) {
                    throw new GuestTrap(Interruption.ILLEGAL_INSTRUCTION, 0);
                } else if (r == Fpu.TRAP) {
                    throw new GuestTrap(Interruption.ASSIST_EXCEPTION, 0);
                }
                return;
            }
            case Op.BREAK:
                throw new GuestTrap(Interruption.BREAK, 0);
            case Op.SYNC:
            case Op.CACHE_OP:
                cacheOp(op, insn);
                return;
            case Op.PROBE:
                probe(insn);
                return;
            case Op.LDSID: {
                int s = bits(insn, 14, 2);
                int base = g[bits(insn, 21, 5)];
                setReg(bits(insn, 0, 5), userMode ? 0 : sr[s != 0 ? s : 4 + (base >>> 30)]);
                return;
            }
            case Op.MFSP:
                setReg(bits(insn, 0, 5), sr[(bits(insn, 13, 1) << 2) | bits(insn, 14, 2)]);
                return;
            case Op.MTSP: {
                int s = (bits(insn, 13, 1) << 2) | bits(insn, 14, 2);
                if (s >= 5) {
                    requirePrivilege(Interruption.PRIVILEGED_REGISTER);
                }
                sr[s] = g[bits(insn, 16, 5)];
                if (s >= 4) {
                    translationChanged();
                }
                return;
            }
            case Op.MFCTL:
                moveFromControl(insn);
                return;
            case Op.MTCTL: {
                int n = bits(insn, 21, 5);
                int value = g[bits(insn, 16, 5)];
                if (n == ControlRegisters.SAR) {
                    sar = value & 31;
                    return;
                }
                requirePrivilege(Interruption.PRIVILEGED_REGISTER);
                writeControl(n, value);
                return;
            }
            case Op.SSM:
            case Op.RSM: {
                requirePrivilege(Interruption.PRIVILEGED_OPERATION);
                int mask = bits(insn, 16, 10);
                int old = psw() & Psw.SYSTEM_MASK;
                int full = psw();
                int newMask = op == Op.SSM ? (old | mask) : (old & ~mask);
                setReg(bits(insn, 0, 5), old);
                setPsw((full & ~Psw.SYSTEM_MASK) | (newMask & Psw.SYSTEM_MASK));
                return;
            }
            case Op.MTSM: {
                requirePrivilege(Interruption.PRIVILEGED_OPERATION);
                int full = psw();
                setPsw((full & ~Psw.SYSTEM_MASK) | (g[bits(insn, 16, 5)] & Psw.SYSTEM_MASK));
                return;
            }
            case Op.RFI:
            case Op.RFIR:
                requirePrivilege(Interruption.PRIVILEGED_OPERATION);
                returnFromInterruption(op == Op.RFIR);
                return;
            case Op.ITLB_INSERT:
            case Op.DTLB_INSERT:
            case Op.PURGE_TLB:
            case Op.PURGE_TLB_ENTRY:
                requirePrivilege(Interruption.PRIVILEGED_OPERATION);
                tlbOp(op, insn);
                return;
            case Op.LPA:
            case Op.LCI:
            case Op.DIAG:
                requirePrivilege(Interruption.PRIVILEGED_OPERATION);
                if (op == Op.LPA) {
                    loadPhysicalAddress(insn);
                } else if (op == Op.LCI) {
                    setReg(bits(insn, 0, 5), 0);
                }
                return;
            default:
                throw new GuestTrap(Interruption.ILLEGAL_INSTRUCTION, 0);
        }
    }

    private void setReg(int r, int value) {
        if (r != 0) {
            gr[r] = value;
        }
    }

    /** A branch through a register may lower privilege but never raise it. */
    private int demote(int target) {
        int priv = iaoqF & 3;
        return (target & 3) >= priv ? target : (target & ~3) | priv;
    }

    private void conditionalBranch(boolean taken, int insn, int disp, int pc) {
        boolean n = (insn & 2) != 0;
        if (taken) {
            nextB = pc + 8 + disp;
            if (n && disp >= 0) {
                nullifyNext = true;
            }
        } else if (n && disp < 0) {
            nullifyNext = true;
        }
    }

    private void requirePrivilege(int trap) {
        if ((iaoqF & 3) != 0) {
            throw new GuestTrap(trap, 0);
        }
    }

    // ------------------------------------------------------------------ arithmetic

    private void add(int op, int insn) {
        int r1 = gr[bits(insn, 16, 5)];
        int b = gr[bits(insn, 21, 5)];
        int cf = bits(insn, 12, 4);
        int t = bits(insn, 0, 5);
        if (op == Op.ADDL && cf == 0) {
            setReg(t, (r1 << bits(insn, 6, 2)) + b);
            return;
        }
        int a = op == Op.ADDC || op == Op.ADDCO ? r1 : r1 << bits(insn, 6, 2);
        int carryIn = op == Op.ADDC || op == Op.ADDCO ? cbMsb : 0;
        long wide = (a & 0xffffffffL) + (b & 0xffffffffL) + carryIn;
        int res = (int) wide;
        int carry = (int) (wide >>> 32);
        boolean cond = Conditions.add(cf, a, b, res, carry);
        if ((op == Op.ADDO || op == Op.ADDCO) && Conditions.addOverflows(a, b, res)) {
            throw new GuestTrap(Interruption.OVERFLOW, 0);
        }
        if (op != Op.ADDL) {
            cb = a ^ b ^ res;
            cbMsb = carry;
        }
        setReg(t, res);
        nullifyNext = cond;
    }

    private void sub(int op, int insn) {
        int a = gr[bits(insn, 16, 5)];
        int b = gr[bits(insn, 21, 5)];
        int cf = bits(insn, 12, 4);
        boolean borrow = op == Op.SUBB || op == Op.SUBBO;
        int carryIn = borrow ? cbMsb : 1;
        long wide = (a & 0xffffffffL) + (~b & 0xffffffffL) + carryIn;
        int res = (int) wide;
        int carry = (int) (wide >>> 32);
        boolean cond = borrow ? Conditions.subtractWithBorrow(cf, a, b, res, carry) : Conditions.compare(cf, a, b);
        if ((op == Op.SUBO || op == Op.SUBTO || op == Op.SUBBO) && Conditions.subOverflows(a, b, res)) {
            throw new GuestTrap(Interruption.OVERFLOW, 0);
        }
        if ((op == Op.SUBT || op == Op.SUBTO) && cond) {
            throw new GuestTrap(Interruption.CONDITIONAL, 0);
        }
        cb = a ^ ~b ^ res;
        cbMsb = carry;
        setReg(bits(insn, 0, 5), res);
        if (op != Op.SUBT && op != Op.SUBTO) {
            nullifyNext = cond;
        }
    }

    private void addImmediate(int op, int insn, int imm) {
        int b = gr[bits(insn, 21, 5)];
        int cf = bits(insn, 12, 4);
        long wide = (imm & 0xffffffffL) + (b & 0xffffffffL);
        int res = (int) wide;
        int carry = (int) (wide >>> 32);
        boolean cond = Conditions.add(cf, imm, b, res, carry);
        if ((op == Op.ADDIO || op == Op.ADDITO) && Conditions.addOverflows(imm, b, res)) {
            throw new GuestTrap(Interruption.OVERFLOW, 0);
        }
        boolean trapOnCondition = op == Op.ADDIT || op == Op.ADDITO;
        if (trapOnCondition && cond) {
            throw new GuestTrap(Interruption.CONDITIONAL, 0);
        }
        cb = imm ^ b ^ res;
        cbMsb = carry;
        setReg(bits(insn, 16, 5), res);
        if (!trapOnCondition) {
            nullifyNext = cond;
        }
    }

    private void subImmediate(int op, int insn, int imm) {
        int b = gr[bits(insn, 21, 5)];
        int cf = bits(insn, 12, 4);
        long wide = (imm & 0xffffffffL) + (~b & 0xffffffffL) + 1;
        int res = (int) wide;
        boolean cond = Conditions.compare(cf, imm, b);
        if (op == Op.SUBIO && Conditions.subOverflows(imm, b, res)) {
            throw new GuestTrap(Interruption.OVERFLOW, 0);
        }
        cb = imm ^ ~b ^ res;
        cbMsb = (int) (wide >>> 32);
        setReg(bits(insn, 16, 5), res);
        nullifyNext = cond;
    }

    private void logical(int insn, int res) {
        setReg(bits(insn, 0, 5), res);
        int cf = bits(insn, 12, 4);
        if (cf != 0) {
            nullifyNext = Conditions.logical(cf, res);
        }
    }

    private void unit(int insn, int a, int b, int res, boolean trapOnCondition) {
        int cf = bits(insn, 12, 4);
        boolean cond = cf != 0 && Conditions.unit(cf, a, b, res);
        if (trapOnCondition && cond) {
            throw new GuestTrap(Interruption.CONDITIONAL, 0);
        }
        setReg(bits(insn, 0, 5), res);
        if (!trapOnCondition) {
            nullifyNext = cond;
        }
    }

    private void divideStep(int insn) {
        int r1 = gr[bits(insn, 16, 5)];
        int r2 = gr[bits(insn, 21, 5)];
        int add1 = (r1 << 1) | cbMsb;
        // With V set subtract R2 (as + ~R2 + 1, which gives the right carry), otherwise add it.
        int add2 = vBit < 0 ? ~r2 : r2;
        int addc = vBit < 0 ? 1 : 0;
        long wide = (add1 & 0xffffffffL) + (add2 & 0xffffffffL) + addc;
        int res = (int) wide;
        int carry = (int) (wide >>> 32);
        cb = add1 ^ add2 ^ res;
        cbMsb = carry;
        setReg(bits(insn, 0, 5), res);
        // The manual's sequential "V <- carry xor GR[r2]{0}" comes after the write of GR[t],
        // so with t == r2 it sees the new value; qemu-hppa does the same.
        vBit = -carry ^ gr[bits(insn, 21, 5)];
        int cf = bits(insn, 12, 4);
        if (cf != 0) {
            nullifyNext = Conditions.add(cf, add1, add2, res, carry);
        }
    }

    private void extract(int op, int insn) {
        int value = gr[bits(insn, 21, 5)];
        int len = 32 - bits(insn, 0, 5);
        boolean signed = bits(insn, 10, 1) != 0;
        int shift = op == Op.EXTRW_SAR ? 31 - sar : 31 - bits(insn, 5, 5);
        if (shift + len > 32) {
            len = 32 - shift;
        }
        int res;
        if (signed) {
            res = (value << (32 - shift - len)) >> (32 - len);
        } else {
            res = len == 32 ? value >>> shift : (value >>> shift) & ((1 << len) - 1);
        }
        setReg(bits(insn, 16, 5), res);
        int c = bits(insn, 13, 3);
        if (c != 0) {
            nullifyNext = Conditions.shiftExtract(c, res);
        }
    }

    private void deposit(int op, int insn) {
        int t = bits(insn, 21, 5);
        int len = 32 - bits(insn, 0, 5);
        boolean keep = bits(insn, 10, 1) != 0;
        int value = op == Op.DEPW_IMM || op == Op.DEPW_SAR ? gr[bits(insn, 16, 5)] : lowSignExt(bits(insn, 16, 5), 5);
        // The immediate forms encode the field's position as 31 - p, i.e. directly as the shift.
        int shift = op == Op.DEPW_SAR || op == Op.DEPWI_SAR ? 31 - sar : bits(insn, 5, 5);
        if (shift + len > 32) {
            len = 32 - shift;
        }
        int mask = len == 32 ? -1 : (1 << len) - 1;
        int field = (value & mask) << shift;
        int res = keep ? (gr[t] & ~(mask << shift)) | field : field;
        setReg(t, res);
        int c = bits(insn, 13, 3);
        if (c != 0) {
            nullifyNext = Conditions.shiftExtract(c, res);
        }
    }

    private void shiftPair(int op, int insn) {
        int hi = gr[bits(insn, 16, 5)];
        int lo = gr[bits(insn, 21, 5)];
        int shift = op == Op.SHRPW_SAR ? sar : 31 - bits(insn, 5, 5);
        long pair = ((long) hi << 32) | (lo & 0xffffffffL);
        int res = (int) (pair >>> shift);
        setReg(bits(insn, 0, 5), res);
        int c = bits(insn, 13, 3);
        if (c != 0) {
            nullifyNext = Conditions.shiftExtract(c, res);
        }
    }

    // ------------------------------------------------------------------ loads and stores

    /** Space of the last data access that went through translation, for ISR on a fault. */
    private int dataSpace;
    private int nextSpaceBack;
    private boolean spaceBranch;
    private boolean delaySlotSpace;

    private void indexedLoad(int insn) {
        int b = bits(insn, 21, 5);
        int size = bits(insn, 6, 2);
        int base = gr[b];
        int offset = gr[bits(insn, 16, 5)] << (bits(insn, 13, 1) != 0 ? size : 0);
        boolean modify = bits(insn, 5, 1) != 0;
        int addr = modify ? base : base + offset;
        int s = bits(insn, 14, 2);
        int value = size == 0 ? loadByte(addr, s) : size == 1 ? loadHalf(addr, s) : loadWord(addr, s);
        if (modify) {
            setReg(b, base + offset);
        }
        setReg(bits(insn, 0, 5), value);
    }

    /** Address for the short-displacement forms: post-modify (,ma), pre-modify (,mb) or none. */
    private static int shortAddress(int insn, int base, int disp) {
        boolean modify = bits(insn, 5, 1) != 0;
        boolean before = bits(insn, 13, 1) != 0;
        return modify && !before ? base : base + disp;
    }

    private void shortLoad(int insn, int disp) {
        int b = bits(insn, 21, 5);
        int size = bits(insn, 6, 2);
        int base = gr[b];
        int addr = shortAddress(insn, base, disp);
        int s = bits(insn, 14, 2);
        int value = size == 0 ? loadByte(addr, s) : size == 1 ? loadHalf(addr, s) : loadWord(addr, s);
        if (bits(insn, 5, 1) != 0) {
            setReg(b, base + disp);
        }
        setReg(bits(insn, 0, 5), value);
    }

    private void shortStore(int insn, int disp) {
        int b = bits(insn, 21, 5);
        int size = bits(insn, 6, 2);
        int base = gr[b];
        int value = gr[bits(insn, 16, 5)];
        int addr = shortAddress(insn, base, disp);
        int s = bits(insn, 14, 2);
        if (size == 0) {
            storeByte(addr, s, value);
        } else if (size == 1) {
            storeHalf(addr, s, value);
        } else {
            storeWord(addr, s, value);
        }
        if (bits(insn, 5, 1) != 0) {
            setReg(b, base + disp);
        }
    }

    private void loadAndClear(int op, int insn, int imm) {
        int b = bits(insn, 21, 5);
        int base = gr[b];
        int s = bits(insn, 14, 2);
        boolean modify = bits(insn, 5, 1) != 0;
        int offset;
        int addr;
        if (op == Op.LDCWX) {
            offset = gr[bits(insn, 16, 5)] << (bits(insn, 13, 1) != 0 ? 2 : 0);
            addr = modify ? base : base + offset;
        } else {
            offset = imm;
            addr = shortAddress(insn, base, imm);
        }
        int value = loadWord(addr, s);
        storeWord(addr, s, 0);
        if (modify) {
            setReg(b, base + offset);
        }
        setReg(bits(insn, 0, 5), value);
    }

    private void storeBytes(int insn, int disp) {
        int b = bits(insn, 21, 5);
        int base = gr[b];
        int value = gr[bits(insn, 16, 5)];
        boolean modify = bits(insn, 5, 1) != 0;
        int addr = modify ? base : base + disp;
        int s = bits(insn, 14, 2);
        boolean end = bits(insn, 13, 1) != 0;
        int k = addr & 3;
        if (!end) {
            // Begin: the bytes from addr to the end of its word, from the right of the value.
            for (int i = k; i < 4; i++) {
                storeByte((addr & ~3) + i, s, value >>> (8 * (3 - i)));
            }
        } else {
            // End: the bytes from the start of the word up to addr, from the left of the value.
            for (int i = 0; i < k; i++) {
                storeByte((addr & ~3) + i, s, value >>> (24 - 8 * i));
            }
        }
        if (modify) {
            setReg(b, (base + disp) & ~3);
        }
    }

    private void floatMemory(int op, int insn, int disp) {
        int b = bits(insn, 21, 5);
        int base = gr[b];
        boolean shortForm = bits(insn, 12, 1) != 0;
        boolean modify = bits(insn, 5, 1) != 0;
        boolean dbl = op == Op.FLDD || op == Op.FSTD;
        int offset;
        int addr;
        if (shortForm) {
            offset = disp;
            addr = shortAddress(insn, base, disp);
        } else {
            offset = gr[bits(insn, 16, 5)] << (bits(insn, 13, 1) != 0 ? (dbl ? 3 : 2) : 0);
            addr = modify ? base : base + offset;
        }
        int s = bits(insn, 14, 2);
        int t = bits(insn, 0, 5);
        int t64 = (bits(insn, 6, 1) << 5) | t;
        switch (op) {
            case Op.FLDW:
                fpu.setSingle(t64, loadWord(addr, s));
                if (t64 == 0) {
                    fpu.statusLoaded();
                }
                break;
            case Op.FSTW:
                storeWord(addr, s, fpu.getSingle(t64));
                break;
            case Op.FLDD: {
                if ((addr & 7) != 0) {
                    throw new GuestTrap(Interruption.UNALIGNED_DATA, addr);
                }
                long hi = loadWord(addr, s) & 0xffffffffL;
                long lo = loadWord(addr + 4, s) & 0xffffffffL;
                fpu.fr[t] = (hi << 32) | lo;
                if (t == 0) {
                    fpu.statusLoaded();
                }
                break;
            }
            default: {
                if ((addr & 7) != 0) {
                    throw new GuestTrap(Interruption.UNALIGNED_DATA, addr);
                }
                long v = fpu.fr[t];
                checkWritable(addr + 4, s);
                storeWord(addr, s, (int) (v >>> 32));
                storeWord(addr + 4, s, (int) v);
                break;
            }
        }
        if (modify) {
            setReg(b, base + offset);
        }
    }

    private void checkWritable(int addr, int s) {
        if (wr[addr >>> PAGE_SHIFT] == null || s != 0) {
            translate(addr, s, true);
        }
    }

    int loadWord(int addr, int s) {
        byte[] p = rd[addr >>> PAGE_SHIFT];
        if (p != null && (addr & 3) == 0 && s == 0) {
            return (int) INT.get(p, addr & PAGE_MASK);
        }
        return loadSlow(addr, s, 4);
    }

    int loadHalf(int addr, int s) {
        byte[] p = rd[addr >>> PAGE_SHIFT];
        if (p != null && (addr & 1) == 0 && s == 0) {
            return (short) SHORT.get(p, addr & PAGE_MASK) & 0xffff;
        }
        return loadSlow(addr, s, 2);
    }

    int loadByte(int addr, int s) {
        byte[] p = rd[addr >>> PAGE_SHIFT];
        if (p != null && s == 0) {
            return p[addr & PAGE_MASK] & 0xff;
        }
        return loadSlow(addr, s, 1);
    }

    void storeWord(int addr, int s, int value) {
        byte[] p = wr[addr >>> PAGE_SHIFT];
        if (p != null && (addr & 3) == 0 && s == 0) {
            INT.set(p, addr & PAGE_MASK, value);
            return;
        }
        storeSlow(addr, s, 4, value);
    }

    void storeHalf(int addr, int s, int value) {
        byte[] p = wr[addr >>> PAGE_SHIFT];
        if (p != null && (addr & 1) == 0 && s == 0) {
            SHORT.set(p, addr & PAGE_MASK, (short) value);
            return;
        }
        storeSlow(addr, s, 2, value);
    }

    void storeByte(int addr, int s, int value) {
        byte[] p = wr[addr >>> PAGE_SHIFT];
        if (p != null && s == 0) {
            p[addr & PAGE_MASK] = (byte) value;
            return;
        }
        storeSlow(addr, s, 1, value);
    }

    private int loadSlow(int addr, int s, int size) {
        if ((addr & (size - 1)) != 0) {
            throw new GuestTrap(Interruption.UNALIGNED_DATA, addr);
        }
        int pa = translate(addr, s, false);
        byte[] page = memory.readable[pa >>> PAGE_SHIFT];
        if (page == null) {
            if (!userMode && io != null && io.claims(pa)) {
                effects++;
                return io.load(pa, size);
            }
            throw new GuestTrap(userMode ? Interruption.DTLB_MISS : Interruption.DATA_PROTECTION, addr);
        }
        int o = pa & PAGE_MASK;
        switch (size) {
            case 1:
                return page[o] & 0xff;
            case 2:
                return (short) SHORT.get(page, o) & 0xffff;
            default:
                return (int) INT.get(page, o);
        }
    }

    private void storeSlow(int addr, int s, int size, int value) {
        effects++;
        if ((addr & (size - 1)) != 0) {
            throw new GuestTrap(Interruption.UNALIGNED_DATA, addr);
        }
        int pa = translate(addr, s, true);
        int ppage = pa >>> PAGE_SHIFT;
        if (memory.writable[ppage] == null && !memory.slowStore(pa)) {
            if (!userMode && io != null && io.claims(pa)) {
                io.store(pa, size, value);
                return;
            }
            throw new GuestTrap(userMode ? Interruption.DTLB_MISS : Interruption.DATA_PROTECTION, addr);
        }
        byte[] page = memory.writable[ppage];
        int o = pa & PAGE_MASK;
        switch (size) {
            case 1:
                page[o] = (byte) value;
                break;
            case 2:
                SHORT.set(page, o, (short) value);
                break;
            default:
                INT.set(page, o, value);
                break;
        }
    }

    /** Virtual to physical for a data access; identity when translation is off or in user mode. */
    private int translate(int addr, int s, boolean write) {
        if (userMode || (psw & Psw.D) == 0) {
            return addr;
        }
        int space = sr[s != 0 ? s : 4 + (addr >>> 30)];
        dataSpace = space;
        Tlb.Entry e = dtlb.lookup(space, addr >>> PAGE_SHIFT);
        if (e == null) {
            throw new GuestTrap(Interruption.DTLB_MISS, addr);
        }
        int priv = iaoqF & 3;
        if (write ? !Tlb.mayWrite(e, priv) : !Tlb.mayRead(e, priv)) {
            throw new GuestTrap(Interruption.DATA_ACCESS_RIGHTS, addr);
        }
        if (write && !e.dirty) {
            throw new GuestTrap(Interruption.TLB_DIRTY, addr);
        }
        int pa = (e.ppn << PAGE_SHIFT) | (addr & PAGE_MASK);
        // Cache the translation for the fast path of short-pointer accesses.
        if (s == 0 && memory.readable[e.ppn] != null) {
            tlbRd[addr >>> PAGE_SHIFT] = memory.readable[e.ppn];
            if (write && memory.writable[e.ppn] != null) {
                tlbWr[addr >>> PAGE_SHIFT] = memory.writable[e.ppn];
            } else if (!write && Tlb.mayWrite(e, priv) && e.dirty && memory.writable[e.ppn] != null) {
                tlbWr[addr >>> PAGE_SHIFT] = memory.writable[e.ppn];
            }
        }
        return pa;
    }

    /** Drops every cached translation: after a TLB change, a space change or a PSW change. */
    private void translationChanged() {
        effects++;
        curVPage = -1;
        if (userMode || (psw & Psw.D) == 0) {
            rd = memory.readable;
            wr = memory.writable;
        } else {
            if (tlbRd == null) {
                tlbRd = new byte[1 << (32 - PAGE_SHIFT)][];
                tlbWr = new byte[1 << (32 - PAGE_SHIFT)][];
            } else {
                java.util.Arrays.fill(tlbRd, null);
                java.util.Arrays.fill(tlbWr, null);
            }
            rd = tlbRd;
            wr = tlbWr;
        }
    }

    // ------------------------------------------------------------------ system control

    private void moveFromControl(int insn) {
        int n = bits(insn, 21, 5);
        int t = bits(insn, 0, 5);
        if (n == ControlRegisters.SAR) {
            setReg(t, sar);
            return;
        }
        if (n == ControlRegisters.IT) {
            if ((psw & Psw.S) != 0) {
                requirePrivilege(Interruption.PRIVILEGED_REGISTER);
            }
            effects++;
            setReg(t, (int) (cycles + issuedBefore));
            return;
        }
        if (n != 26 && n != 27) {
            requirePrivilege(Interruption.PRIVILEGED_REGISTER);
        }
        if (n == ControlRegisters.RC) {
            effects++;
            sliceEnd = true;
        }
        setReg(t, cr[n]);
    }

    private void writeControl(int n, int value) {
        effects++;
        switch (n) {
            case ControlRegisters.SAR:
                sar = value & 31;
                break;
            case ControlRegisters.IT:
                timerCompare = value;
                break;
            case ControlRegisters.EIRR:
                // Writing ones clears the corresponding requests.
                cr[n] &= ~value;
                break;
            case ControlRegisters.IIASQ:
                cr[n] = iiasqBack;
                iiasqBack = value;
                break;
            case ControlRegisters.IIAOQ:
                cr[n] = iiaoqBack;
                iiaoqBack = value;
                break;
            default:
                cr[n] = value;
                break;
        }
        sliceEnd = true;
    }

    private void returnFromInterruption(boolean restoreShadow) {
        if (restoreShadow) {
            gr[1] = shadow[0];
            gr[8] = shadow[1];
            gr[9] = shadow[2];
            gr[16] = shadow[3];
            gr[17] = shadow[4];
            gr[24] = shadow[5];
            gr[25] = shadow[6];
        }
        int front = cr[ControlRegisters.IIAOQ];
        int back = iiaoqBack;
        iasqF = cr[ControlRegisters.IIASQ];
        iasqB = iiasqBack;
        setPsw(cr[ControlRegisters.IPSW]);
        // The queue is replaced whole: the loop's advance moves nextB into the back.
        iaoqB = front;
        nextB = back;
        curVPage = -1;
    }

    private void cacheOp(int op, int insn) {
        if (op == Op.CACHE_OP && bits(insn, 5, 1) != 0 && bits(insn, 6, 8) != 0xca) {
            int b = bits(insn, 21, 5);
            setReg(b, gr[b] + gr[bits(insn, 16, 5)]);
        }
        if (op == Op.CACHE_OP && (bits(insn, 6, 7) == 0x0a || bits(insn, 6, 7) == 0x0b || bits(insn, 6, 8) == 0x4f)) {
            // Flushing the instruction cache makes stores into code visible: drop decodings.
            curVPage = -1;
            sliceEnd = true;
        }
    }

    private void probe(int insn) {
        int addr = gr[bits(insn, 21, 5)];
        boolean immediate = bits(insn, 13, 1) != 0;
        int ri = bits(insn, 16, 5);
        int level = (immediate ? ri : gr[ri]) & 3;
        boolean write = bits(insn, 6, 1) != 0;
        boolean ok;
        if (userMode || (psw & Psw.D) == 0) {
            int perms = memory.permissions(addr);
            ok = memory.isMapped(addr) && (perms & (write ? PagedMemory.WRITE : PagedMemory.READ)) != 0;
        } else {
            int s = bits(insn, 14, 2);
            Tlb.Entry e = dtlb.lookup(sr[s != 0 ? s : 4 + (addr >>> 30)], addr >>> PAGE_SHIFT);
            if (e == null) {
                throw new GuestTrap(Interruption.NON_ACCESS_DTLB_MISS, addr);
            }
            int priv = Math.max(level, iaoqF & 3);
            ok = write ? Tlb.mayWrite(e, priv) : Tlb.mayRead(e, priv);
        }
        setReg(bits(insn, 0, 5), ok ? 1 : 0);
    }

    private void tlbOp(int op, int insn) {
        int b = bits(insn, 21, 5);
        int addr = gr[b];
        int space;
        if (op == Op.ITLB_INSERT || (op != Op.DTLB_INSERT && bits(insn, 13, 1) == 0 && bits(insn, 12, 1) == 0)) {
            space = sr[(bits(insn, 13, 1) << 2) | bits(insn, 14, 2)];
        } else {
            int s = bits(insn, 14, 2);
            space = sr[s != 0 ? s : 4 + (addr >>> 30)];
        }
        switch (op) {
            case Op.ITLB_INSERT:
            case Op.DTLB_INSERT: {
                Tlb tlb = op == Op.ITLB_INSERT ? itlb : dtlb;
                int value = gr[bits(insn, 16, 5)];
                if (bits(insn, 6, 1) != 0) {
                    tlb.insertAddress(space, addr, value);
                } else {
                    tlb.insertProtection(space, addr, value);
                }
                break;
            }
            case Op.PURGE_TLB: {
                boolean data = bits(insn, 6, 8) == 0x48;
                (data ? dtlb : itlb).purge(space, addr);
                if (bits(insn, 5, 1) != 0) {
                    setReg(b, addr + gr[bits(insn, 16, 5)]);
                }
                break;
            }
            default: {
                boolean data = bits(insn, 6, 8) == 0x49;
                (data ? dtlb : itlb).purgeAll();
                if (bits(insn, 5, 1) != 0) {
                    setReg(b, addr + gr[bits(insn, 16, 5)]);
                }
                break;
            }
        }
        translationChanged();
        sliceEnd = true;
    }

    private void loadPhysicalAddress(int insn) {
        int addr = gr[bits(insn, 21, 5)] + gr[bits(insn, 16, 5)];
        int s = bits(insn, 14, 2);
        Tlb.Entry e = dtlb.lookup(sr[s != 0 ? s : 4 + (addr >>> 30)], addr >>> PAGE_SHIFT);
        if (e == null) {
            throw new GuestTrap(Interruption.NON_ACCESS_DTLB_MISS, addr);
        }
        setReg(bits(insn, 0, 5), (e.ppn << PAGE_SHIFT) | (addr & PAGE_MASK));
    }

    /** A hash of the VM state as the protocol defines it: registers, PSW, IA queue, TLBs, memory. */
    public byte[] stateDigest() {
        return digest(false);
    }

    /**
     * The same VM state as {@link #stateDigest}, with memory folded in through its incremental
     * hash ({@link PagedMemory#incrementalHash}): cheap enough to take at every epoch boundary,
     * since only pages written since the previous call are hashed again.
     */
    public byte[] epochDigest() {
        return digest(true);
    }

    private java.security.MessageDigest sha;

    private byte[] digest(boolean incremental) {
        try {
            if (sha == null) {
                sha = java.security.MessageDigest.getInstance("SHA-256");
            }
            java.security.MessageDigest md = sha;
            md.reset();
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * (32 + 8 + 32 + 7 + 8));
            for (int v : gr) {
                buf.putInt(v);
            }
            for (int v : sr) {
                buf.putInt(v);
            }
            for (int i = 0; i < 32; i++) {
                // Clocks are environment, not VM state: the interval timer is left out.
                buf.putInt(i == ControlRegisters.IT ? 0 : controlRegister(i));
            }
            for (int v : shadow) {
                buf.putInt(v);
            }
            buf.putInt(psw()).putInt(iaoqF).putInt(iaoqB).putInt(iasqF).putInt(iasqB)
                    .putInt(iiaoqBack).putInt(iiasqBack).putInt(timerCompare);
            md.update(buf.array());
            fpu.digestInto(md);
            itlb.digestInto(md);
            dtlb.digestInto(md);
            if (incremental) {
                md.update(java.nio.ByteBuffer.allocate(8).putLong(memory.incrementalHash()).array());
            } else {
                memory.digestInto(md);
            }
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
