package org.hbft.machine.system;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.hbft.machine.Cpu;
import org.hbft.machine.ElfImage;
import org.hbft.machine.PagedMemory;
import org.hbft.machine.device.Device;
import org.hbft.machine.device.DeviceContext;
import org.hbft.machine.device.DeviceEvent;
import org.hbft.machine.device.GuestRam;
import org.hbft.machine.device.IoRequest;
import org.hbft.machine.device.SystemController;

/**
 * The emulated computer in system mode: a PA-RISC 1.1 CPU with RAM at physical [0, memory size),
 * devices in the {@link IoBus I/O region}, and a run loop that decides at which instruction each
 * device event enters the VM.
 *
 * <p><b>Boot.</b> The kernel ELF's segments are loaded at their addresses taken as physical. The
 * CPU starts at the entry point with translation and interrupts off, at privilege 0, with the
 * boot argument string (NUL-terminated) at physical {@value #BOOT_ARGS} pointed to by r26 and
 * the memory size in r25.
 *
 * <p><b>Determinism.</b> The CPU is deterministic; everything else reaches it only through
 * {@link DeviceEvent}s that this loop delivers between instructions, and through environment
 * values (clock reads). While recording, events posted by the devices' back ends are delivered
 * at the next quantum boundary (every {@code quantum} instructions, like the paper's epochs), or
 * as soon as the guest says it is idle, as a hypervisor ends an idle epoch early; every delivery
 * and environment value is written to the {@link InputLog}. A machine
 * {@linkplain #replay replaying} a log delivers the same events at the same instruction counts
 * and returns the same environment values, discarding what its own devices post, so it ends in
 * the same state.
 */
public final class SystemMachine implements AutoCloseable {
    public static final int BOOT_ARGS = 0x1000;
    public static final int SLOT_SYSCTL = 0, SLOT_CONSOLE = 1, SLOT_CLOCK = 2, SLOT_DISK = 3, SLOT_NET = 4;
    public static final long MIN_MEMORY = 1L << 20, MAX_MEMORY = 1L << 30;
    public static final int DEFAULT_QUANTUM = 4096;

    /** Why {@link #run} returned. */
    public enum Outcome { POWER_OFF, INSTRUCTION_LIMIT }

    /** The end of a run: why, the guest's exit status (power-off), and the instruction count. */
    public record Result(Outcome outcome, int exitStatus, long instructions) {}

    private final long memoryBytes;
    private final int quantum;
    private final PagedMemory memory = new PagedMemory();
    private final Cpu cpu;
    private final IoBus bus = new IoBus();
    private final GuestRam ram;
    private final LinkedBlockingQueue<DeviceEvent> posted = new LinkedBlockingQueue<>();
    /** Set when the guest said it was idle during the current quantum. */
    private volatile boolean idle;
    private final InputLog log;
    private InputLog replay;
    private int replayDelivery;
    private int replayValue;
    private boolean poweredOff;
    private int exitStatus;
    private boolean booted;
    private Environment environment;

    /**
     * What a hypervisor puts between the devices and the outside world. With one set, the
     * machine's own quantum delivery and input log are bypassed: the hypervisor decides what
     * the devices' requests do, and drives the CPU and deliveries itself.
     */
    public interface Environment {
        /** A device handed an operation to the environment. */
        void startIo(IoRequest request);

        /** A device's back end produced an event (any thread). */
        void post(DeviceEvent event);

        /** A device reads an environment value (the time-of-day clock). */
        long environmentValue(java.util.function.LongSupplier source);

        /** The guest said it is idle. */
        void idle();
    }

    /**
     * @param memoryBytes RAM size, a multiple of 4096 between {@value #MIN_MEMORY} and {@value #MAX_MEMORY}
     * @param quantum instructions between deliveries of device events while recording
     */
    public SystemMachine(long memoryBytes, int quantum) throws MachineException {
        if (memoryBytes < MIN_MEMORY || memoryBytes > MAX_MEMORY || memoryBytes % PagedMemory.PAGE_SIZE != 0) {
            throw new MachineException("memory size must be a multiple of 4 KiB between 1 MiB and 1 GiB, not " + memoryBytes);
        }
        if (quantum < 1) {
            throw new MachineException("quantum must be at least 1 instruction");
        }
        this.memoryBytes = memoryBytes;
        this.quantum = quantum;
        this.log = new InputLog(quantum);
        memory.map(0, (int) memoryBytes, PagedMemory.READ | PagedMemory.WRITE | PagedMemory.EXEC);
        ram = new GuestRam(memory, memoryBytes);
        cpu = new Cpu(memory, false);
        cpu.setIoSpace(bus);
        attach(SLOT_SYSCTL, new SystemController(memoryBytes));
    }

    /** Puts a device in an I/O slot (0 is the system controller's). */
    public void attach(int slot, Device device) {
        bus.put(slot, device);
        device.attach(slot, new Context());
    }

    /** Loads the kernel and sets up the CPU to enter it. */
    public void boot(ElfImage kernel, String bootArgs) throws MachineException {
        if (booted) {
            throw new MachineException("already booted");
        }
        byte[] args = bootArgs.getBytes(StandardCharsets.US_ASCII);
        if (args.length >= PagedMemory.PAGE_SIZE) {
            throw new MachineException("boot arguments longer than " + (PagedMemory.PAGE_SIZE - 1) + " bytes");
        }
        for (ElfImage.Segment s : kernel.segments()) {
            long start = Integer.toUnsignedLong(s.vaddr());
            long end = start + s.memSize();
            if (end > memoryBytes) {
                throw new MachineException(String.format("kernel segment at 0x%x-0x%x does not fit in %d MiB of memory",
                        start, end, memoryBytes >> 20));
            }
            if (start < BOOT_ARGS + PagedMemory.PAGE_SIZE && end > BOOT_ARGS) {
                throw new MachineException(String.format("kernel segment at 0x%x-0x%x overlaps the boot argument page 0x%x",
                        start, end, BOOT_ARGS));
            }
        }
        kernel.load(memory);
        memory.write(BOOT_ARGS, args, 0, args.length);
        memory.pokeByte(BOOT_ARGS + args.length, 0);
        cpu.gr[26] = BOOT_ARGS;
        cpu.gr[25] = (int) memoryBytes;
        cpu.setPsw(0);
        cpu.setIaoq(kernel.entry() & ~3, (kernel.entry() & ~3) + 4);
        booted = true;
    }

    /**
     * Makes this machine replay {@code recorded}: events come from the log, not from the devices,
     * and the run stops where the recorded one did. Call after {@link #boot}, before {@link #run}.
     */
    public void replay(InputLog recorded) {
        if (recorded.quantum() != quantum) {
            throw new IllegalArgumentException("the log was recorded with a quantum of " + recorded.quantum()
                    + " instructions; this machine uses " + quantum);
        }
        long last = cpu.cycles();
        for (InputLog.Delivery d : recorded.deliveries()) {
            if (d.instruction() < last) {
                throw new IllegalArgumentException("input log deliveries are not in instruction order at " + d.instruction());
            }
            last = d.instruction();
        }
        this.replay = recorded;
        posted.clear();
    }

    /** Runs until the guest powers off or {@code maxInstructions} more instructions have issued. */
    public Result run(long maxInstructions) {
        long limit = cpu.cycles() + Math.max(0, Math.min(maxInstructions, Long.MAX_VALUE - cpu.cycles()));
        if (replay != null && replay.endInstruction() >= 0) {
            limit = Math.min(limit, replay.endInstruction());
        }
        while (!poweredOff && cpu.cycles() < limit) {
            long now = cpu.cycles();
            // Boundaries fall on multiples of the quantum, whatever the run budgets were. A replay
            // keeps them too: the CPU reads CR16 as of the start of its current run slice, so the
            // slicing must be the same for the same values to be read.
            long target = Math.min(now - now % quantum + quantum, limit);
            if (replay != null) {
                List<InputLog.Delivery> d = replay.deliveries();
                if (replayDelivery < d.size()) {
                    target = Math.min(target, d.get(replayDelivery).instruction());
                }
            }
            if (target > now) {
                cpu.run(target - now);
            }
            if (!poweredOff) {
                deliverDue();
            }
        }
        log.setEnd(cpu.cycles());
        return new Result(poweredOff ? Outcome.POWER_OFF : Outcome.INSTRUCTION_LIMIT, exitStatus, cpu.cycles());
    }

    private void deliverDue() {
        long now = cpu.cycles();
        if (replay != null) {
            List<InputLog.Delivery> d = replay.deliveries();
            while (replayDelivery < d.size() && d.get(replayDelivery).instruction() == now) {
                DeviceEvent e = d.get(replayDelivery++).event();
                Device device = bus.device(e.device());
                if (device == null) {
                    throw new IllegalStateException("replay diverged: an event for empty I/O slot " + e.device());
                }
                log.addDelivery(now, e);
                device.deliver(e);
            }
            return;
        }
        DeviceEvent e = null;
        if (idle && posted.isEmpty()) {
            // Only host time passes here: what arrives is delivered at this same instruction count.
            try {
                e = posted.poll(1, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        idle = false;
        if (e == null) {
            e = posted.poll();
        }
        while (e != null) {
            Device device = bus.device(e.device());
            if (device != null) {
                log.addDelivery(now, e);
                device.deliver(e);
            }
            e = posted.poll();
        }
    }

    /** Routes a device's requests through a hypervisor from now on. */
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** Applies an event to the device in its slot (a hypervisor's delivery at an epoch boundary). */
    public void deliver(DeviceEvent event) {
        Device device = bus.device(event.device());
        if (device == null) {
            throw new IllegalArgumentException("no device in I/O slot " + event.device());
        }
        device.deliver(event);
    }

    /** Whether the guest powered the machine off, and with which status. */
    public boolean poweredOff() {
        return poweredOff;
    }

    public int exitStatus() {
        return exitStatus;
    }

    /** What this run fed into the VM so far (for a replica to replay). */
    public InputLog log() {
        return log;
    }

    /** The hash of VM state: registers, PSW, control registers, TLBs, memory. */
    public byte[] stateDigest() {
        return cpu.stateDigest();
    }

    public Cpu cpu() {
        return cpu;
    }

    IoBus bus() {
        return bus;
    }

    public long memoryBytes() {
        return memoryBytes;
    }

    /** Releases the devices' host resources. */
    @Override
    public void close() {
        for (Device d : bus.devices()) {
            d.close();
        }
    }

    private final class Context implements DeviceContext {
        @Override
        public GuestRam ram() {
            return ram;
        }

        @Override
        public void post(DeviceEvent event) {
            if (environment != null) {
                environment.post(event);
            } else if (replay == null) {
                posted.add(event);
            }
        }

        @Override
        public long environmentValue(LongSupplier source) {
            if (environment != null) {
                return environment.environmentValue(source);
            }
            long v;
            if (replay != null) {
                List<Long> values = replay.environmentValues();
                if (replayValue >= values.size()) {
                    throw new IllegalStateException("replay diverged: the guest read more environment values than were recorded");
                }
                v = values.get(replayValue++);
            } else {
                v = source.getAsLong();
            }
            log.addEnvironmentValue(v);
            return v;
        }

        @Override
        public void startIo(IoRequest request) {
            if (environment != null) {
                environment.startIo(request);
                return;
            }
            DeviceEvent completion = request.action().perform();
            if (completion != null) {
                post(completion);
            }
        }

        @Override
        public void raiseInterrupt(int eirrMask) {
            cpu.raiseExternal(eirrMask);
        }

        @Override
        public void idle() {
            if (environment != null) {
                environment.idle();
            }
            idle = true;
            // An idle guest with an event waiting would only spin its idle loop to the quantum's end
            // (the hypervisor ends such an epoch early too, and the bare run is what it is measured
            // against). The delivery's instruction is logged, so a replay stops at the same place.
            if (environment == null && replay == null && !posted.isEmpty()) {
                cpu.requestStop();
            }
            cpu.idleHint();
        }

        @Override
        public void powerOff(int status) {
            poweredOff = true;
            exitStatus = status;
            cpu.halt(status);
        }
    }
}
