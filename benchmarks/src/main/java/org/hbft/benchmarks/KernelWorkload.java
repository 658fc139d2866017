package org.hbft.benchmarks;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;

import org.hbft.hypervisor.Hypervisor;
import org.hbft.machine.ElfImage;
import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.ClockDevice;
import org.hbft.machine.device.ConsoleDevice;
import org.hbft.machine.device.IoRequest;
import org.hbft.machine.device.MemoryBlockStore;
import org.hbft.machine.system.SystemMachine;
import org.hbft.replication.Message;
import org.hbft.replication.MessageCodec;
import org.hbft.replication.OutputMode;
import org.hbft.replication.Protocol;
import org.hbft.runtime.BatchingLink;
import org.hbft.runtime.Fence;
import org.hbft.runtime.Replica;
import org.hbft.runtime.TraceSink;

/**
 * The guest kernel's {@code cpu} workload on an emulated computer: bare, under the hypervisor
 * alone (epochs end, nothing is replicated), as a replicating primary in revised mode, or as its
 * backup. The primary does all its own work as in the
 * two-process runtime - the host clock at every epoch end, messages encoded into batched frames
 * (of at most 1 ms here; 4 ms there) - and hands its frames to a consumer; an acknowledgement comes back every 256
 * epochs (about one per frame) and whenever the primary waits for one (before I/O). The backup
 * decodes the frames a primary made and replays them, as the two-process backup does with what
 * its link brings (without acknowledging: its link's reader does that there). What is left out
 * is the network and the threads on either side of it.
 */
final class KernelWorkload {
    private final SystemMachine machine;
    /** Only for {@link #hypervisorOnly}: the hypervisor with no protocol above it. */
    private final Hypervisor alone;
    private final Replica replica;
    private final BatchingLink link;
    /** Bytes of frames the primary made (read, so that nothing is optimized away). */
    long frameBytes;

    /** The kernel image, from the repository root ({@code -Dhbft.root}, default the working directory). */
    static ElfImage kernel() throws Exception {
        Path root = Path.of(System.getProperty("hbft.root", "."));
        Path k = root.resolve("guests/kernel/kernel.elf");
        if (!Files.exists(k)) {
            throw new IllegalStateException("run from the repository root (or set -Dhbft.root): " + k.toAbsolutePath() + " not found");
        }
        return ElfImage.read(k);
    }

    /** The frames a backup replays, as a primary made them. */
    private final Queue<byte[]> toReplay;

    /** The bare machine. */
    static KernelWorkload bare(ElfImage kernel) throws Exception {
        return new KernelWorkload(kernel, 0, true, null, null, false);
    }

    /**
     * The hypervisor with {@code epochLength}-instruction epochs and nothing above it: every
     * environment value is the machine's own, and epochs end with nothing to deliver. What ending
     * epochs costs the emulator, without the protocol's step.
     */
    static KernelWorkload hypervisorOnly(ElfImage kernel, int epochLength) throws Exception {
        return new KernelWorkload(kernel, epochLength, true, null, null, true);
    }

    /** A primary with {@code epochLength}-instruction epochs whose frames go to {@code frames}. */
    static KernelWorkload primary(ElfImage kernel, int epochLength, Consumer<byte[]> frames) throws Exception {
        return new KernelWorkload(kernel, epochLength, true, frames, null, false);
    }

    /** A backup that replays {@code frames}, which a primary of the same epoch length fills. */
    static KernelWorkload backup(ElfImage kernel, int epochLength, Queue<byte[]> frames) throws Exception {
        return new KernelWorkload(kernel, epochLength, false, null, frames, false);
    }

    private KernelWorkload(ElfImage kernel, int epochLength, boolean primary, Consumer<byte[]> frames,
            Queue<byte[]> toReplay, boolean hypervisorOnly) throws Exception {
        this.toReplay = toReplay;
        machine = new SystemMachine(16L << 20, SystemMachine.DEFAULT_QUANTUM);
        Hypervisor hv = epochLength == 0 ? null : new Hypervisor(machine, epochLength);
        machine.attach(SystemMachine.SLOT_CONSOLE, new ConsoleDevice(OutputStream.nullOutputStream()));
        machine.attach(SystemMachine.SLOT_CLOCK, new ClockDevice(ClockDevice::hostMicros));
        machine.attach(SystemMachine.SLOT_DISK, new BlockDevice(new MemoryBlockStore(64)));
        machine.boot(kernel, "workload=cpu iterations=100000000");
        if (hv == null || hypervisorOnly) {
            alone = hv;
            replica = null;
            link = null;
            if (hv != null) {
                hv.setCoordinator(new Hypervisor.Coordinator() {
                    @Override
                    public long environmentValue(long own) {
                        return own;
                    }

                    @Override
                    public void ioStarted(IoRequest request) {
                        // The cpu workload's only I/O is its result line, after the stretches measured here.
                    }
                });
            }
            return;
        }
        alone = null;
        Fence fence = new Fence() {
            @Override
            public boolean testAndSet(long expected, String owner) {
                return true;
            }

            @Override
            public boolean holds(long generation) {
                return true;
            }
        };
        link = new BatchingLink(1_000_000, 64 << 10);
        link.connect(new BatchingLink.Sink() {
            @Override
            public boolean isUp() {
                return true;
            }

            @Override
            public void send(byte[] payload) {
                frameBytes += payload.length;
                if (frames != null) {
                    frames.accept(payload);
                }
            }
        });
        Protocol protocol = new Protocol(primary, OutputMode.REVISED, 1);
        protocol.setAcknowledging(primary);
        replica = new Replica(primary ? "primary" : "backup", hv, protocol, link, fence, TraceSink.NONE,
                ClockDevice::hostMicros, () -> { }, line -> { });
    }

    /** Runs at least {@code instructions} more guest instructions; returns the total so far. */
    long run(long instructions) {
        if (alone != null) {
            long end = alone.instructions() + instructions;
            while (alone.instructions() < end) {
                Hypervisor.VmStop stop = alone.run();
                if (stop == Hypervisor.VmStop.POWERED_OFF) {
                    throw new IllegalStateException("the guest powered off after " + alone.instructions() + " instructions");
                }
                if (stop == Hypervisor.VmStop.EPOCH_END) {
                    alone.deliver(List.of());
                }
            }
            return alone.instructions();
        }
        if (replica == null) {
            return machine.run(instructions).instructions();
        }
        long end = replica.hypervisor().instructions() + instructions;
        if (toReplay != null) {
            return replay(end);
        }
        Protocol protocol = replica.protocol();
        while (replica.hypervisor().instructions() < end) {
            if (replica.advance() == Replica.Status.BLOCKED || (protocol.epoch() & 255) == 0) {
                // The backup acknowledges each frame; a primary that waits (before I/O) sends its frame at once.
                link.flush();
                replica.receive(new Message.Ack(protocol.sent()));
            } else {
                link.flushIfDue();
            }
        }
        link.flush(); // a backup may replay all of this stretch
        return replica.hypervisor().instructions();
    }

    private long replay(long end) {
        while (replica.hypervisor().instructions() < end) {
            if (replica.advance() == Replica.Status.BLOCKED) {
                byte[] frame = toReplay.poll();
                if (frame == null) {
                    break; // the primary has run no further
                }
                replica.receive(MessageCodec.decodeBatch(frame));
            }
        }
        return replica.hypervisor().instructions();
    }
}
