package org.hbft.hypervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.hbft.machine.Cpu;
import org.hbft.machine.device.DeviceEvent;
import org.hbft.machine.device.IoRequest;
import org.hbft.machine.system.SystemMachine;

/**
 * The layer between the emulated computer and the guest. The guest (kernel and programs, the
 * same ELF as on a bare machine) runs unchanged; the hypervisor
 * <ul>
 * <li>intercepts every environment instruction: device register loads and stores reach the
 * device models through it, the time-of-day clock's value and every operation a device hands to
 * the environment go to the {@link Coordinator}, which decides what the VM sees and whether the
 * operation happens (P0, P6, I/O suppression, the output rule);</li>
 * <li>takes the interrupts the devices' back ends raise and buffers them: nothing reaches the
 * VM inside an epoch;</li>
 * <li>ends epochs with the recovery counter (the CPU's hypervisor counter, so the guest's own
 * CR0 stays its own) and delivers interrupts only at epoch boundaries.</li>
 * </ul>
 *
 * <p>Device registers are virtual: their state changes only through the VM's own stores and
 * through events delivered at epoch boundaries, so it is the same on both replicas, as the VM
 * state is. What the environment alone decides - the clock's reading, whether and when an
 * operation happens, what arrives - passes through the coordinator. The interval timer (CR16)
 * counts instructions, so it needs no help.
 */
public final class Hypervisor implements SystemMachine.Environment {
    /** Decides, for the replica this hypervisor runs, what environment instructions do. */
    public interface Coordinator {
        /** The VM read an environment value; {@code own} is this processor's. Returns the VM's value. */
        long environmentValue(long own);

        /** The VM started an operation (a store to a command register). */
        void ioStarted(IoRequest request);

        /** The guest said it has nothing to do until an interrupt. */
        default void guestIdle() {
        }
    }

    /** Why {@link #run} returned. */
    public enum VmStop {
        /** The recovery counter ended the epoch. */
        EPOCH_END,
        /** The coordinator paused the VM mid-epoch (the revised protocol's wait before I/O). */
        PAUSED,
        /** The guest powered the machine off. */
        POWERED_OFF
    }

    private final SystemMachine machine;
    private final Cpu cpu;
    private final int epochLength;
    private Coordinator coordinator;
    private final LinkedBlockingQueue<DeviceEvent> arrivals = new LinkedBlockingQueue<>();
    private volatile boolean takingArrivals = true;
    /** An arrival taken off the queue by a wait, handed out first by the next drain. */
    private DeviceEvent early;
    private boolean idleSeen;
    private long armed;
    private long lastLength;
    private boolean endEarly;
    private long environmentInstructions;

    /**
     * @param machine a booted machine with its devices attached
     * @param epochLength instructions per epoch
     */
    public Hypervisor(SystemMachine machine, int epochLength) {
        if (epochLength < 1) {
            throw new IllegalArgumentException("the epoch length must be at least 1 instruction");
        }
        this.machine = machine;
        this.cpu = machine.cpu();
        this.epochLength = epochLength;
        machine.setEnvironment(this);
    }

    public void setCoordinator(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** Whether interrupts from this processor's own devices are taken (P3: a backup ignores them). */
    public void takeArrivals(boolean take) {
        takingArrivals = take;
        if (!take) {
            arrivals.clear();
        }
    }

    public int epochLength() {
        return epochLength;
    }

    /** Runs the VM in an epoch of the default length; see {@link #run(long)}. */
    public VmStop run() {
        return run(0);
    }

    /**
     * Runs the VM until the epoch ends, the coordinator pauses it, or the guest powers off.
     * {@code length} is the new epoch's length in instructions if one starts (0: the default);
     * a backup uses the length the primary's epoch had.
     */
    public VmStop run(long length) {
        if (machine.poweredOff()) {
            return VmStop.POWERED_OFF;
        }
        if (!cpu.epochCounterArmed()) {
            armed = length > 0 ? length : epochLength;
            cpu.armEpochCounter(armed);
        }
        Cpu.Stop stop = cpu.run(Long.MAX_VALUE - cpu.cycles());
        if (stop == Cpu.Stop.HALT || machine.poweredOff()) {
            return VmStop.POWERED_OFF;
        }
        if (stop == Cpu.Stop.EPOCH) {
            lastLength = armed;
            return VmStop.EPOCH_END;
        }
        if (endEarly) {
            endEarly = false;
            lastLength = armed - cpu.epochRemaining();
            cpu.disarmEpochCounter();
            return VmStop.EPOCH_END;
        }
        return VmStop.PAUSED;
    }

    /**
     * Ends the current epoch after the current instruction instead of at its full length (a
     * primary whose guest is idle with an interrupt waiting). The epoch's length goes to the
     * backup, which runs exactly as many instructions.
     */
    public void endEpochEarly() {
        if (cpu.epochCounterArmed()) {
            endEarly = true;
            cpu.requestStop();
        }
    }

    /** Instructions (not nullified) the epoch that just ended had. */
    public long lastEpochLength() {
        return lastLength;
    }

    /** Stops the VM after the current instruction (called from a coordinator callback). */
    public void pause() {
        cpu.requestStop();
    }

    /** The epoch boundary: applies the events in order; the guest takes the interrupts they raise. */
    public void deliver(List<DeviceEvent> events) {
        for (DeviceEvent e : events) {
            machine.deliver(e);
        }
        idleSeen = false;
    }

    /** Interrupts that arrived since the last call, in arrival order. */
    public List<DeviceEvent> drainArrivals() {
        if (early == null && arrivals.isEmpty()) {
            return List.of(); // the common case, at every epoch end: no lock, no garbage
        }
        List<DeviceEvent> l = new ArrayList<>();
        if (early != null) {
            l.add(early);
            early = null;
        }
        arrivals.drainTo(l);
        return l;
    }

    /** Waits up to {@code millis} of host time for an arrival (an idle guest costs no VM time). */
    public void awaitArrival(long millis) throws InterruptedException {
        if (early == null && arrivals.isEmpty()) {
            early = arrivals.poll(millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the guest said it was idle since the last delivery. */
    public boolean idleSeen() {
        return idleSeen;
    }

    /** The digest of VM state at an epoch boundary (registers, control state, TLBs, memory). */
    public byte[] epochDigest() {
        return cpu.epochDigest();
    }

    /** Instructions the VM has issued since boot. */
    public long instructions() {
        return cpu.cycles();
    }

    /** Environment values the VM read through this hypervisor. */
    public long environmentInstructions() {
        return environmentInstructions;
    }

    public SystemMachine machine() {
        return machine;
    }

    // ------------------------------------------------------------------ SystemMachine.Environment

    @Override
    public void startIo(IoRequest request) {
        coordinator.ioStarted(request);
    }

    @Override
    public void post(DeviceEvent event) {
        if (takingArrivals) {
            arrivals.add(event);
        }
    }

    @Override
    public long environmentValue(LongSupplier source) {
        environmentInstructions++;
        return coordinator.environmentValue(source.getAsLong());
    }

    @Override
    public void idle() {
        idleSeen = true;
        coordinator.guestIdle();
    }
}
