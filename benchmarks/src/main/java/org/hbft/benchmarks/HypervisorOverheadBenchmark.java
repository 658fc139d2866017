package org.hbft.benchmarks;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.hbft.hypervisor.Hypervisor;
import org.hbft.machine.ElfImage;
import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.ClockDevice;
import org.hbft.machine.device.ConsoleDevice;
import org.hbft.machine.device.MemoryBlockStore;
import org.hbft.machine.system.SystemMachine;
import org.hbft.replication.Message;
import org.hbft.replication.OutputMode;
import org.hbft.replication.Protocol;
import org.hbft.runtime.BatchingLink;
import org.hbft.runtime.Fence;
import org.hbft.runtime.Replica;
import org.hbft.runtime.TraceSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the hypervisor and the protocol cost a primary, without any network: the guest kernel's
 * {@code cpu} workload in guest instructions per second, bare ({@code epoch = bare}) and under
 * a replicating primary in revised mode. The primary does all its own work as in the two-process
 * runtime - the host clock at every epoch end, messages encoded into batched frames of at most
 * 1 ms - but the frames go nowhere, and an acknowledgement comes back every 256 epochs (about
 * one per frame). The ratio bare / replicated is the normalized performance the paper's Table 1
 * reports, less the network and the backup; {@code benchmarks/table1.sh} measures it with both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HypervisorOverheadBenchmark {
    static final int INSTRUCTIONS = 4_000_000;

    /** "bare", or the epoch length in instructions. */
    @Param({"bare", "1024", "4096", "32768"})
    public String epoch;

    private ElfImage kernel;
    private SystemMachine machine;
    private Replica replica;
    private BatchingLink link;
    /** Bytes of frames the primary made (kept so that nothing is optimized away). */
    public long frameBytes;

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path root = Path.of(System.getProperty("hbft.root", "."));
        Path k = root.resolve("guests/kernel/kernel.elf");
        if (!Files.exists(k)) {
            throw new IllegalStateException("run from the repository root (or set -Dhbft.root): " + k.toAbsolutePath() + " not found");
        }
        kernel = ElfImage.read(k);
    }

    @Setup(Level.Iteration)
    public void boot() throws Exception {
        machine = new SystemMachine(16L << 20, SystemMachine.DEFAULT_QUANTUM);
        Hypervisor hv = epoch.equals("bare") ? null : new Hypervisor(machine, Integer.parseInt(epoch));
        machine.attach(SystemMachine.SLOT_CONSOLE, new ConsoleDevice(OutputStream.nullOutputStream()));
        machine.attach(SystemMachine.SLOT_CLOCK, new ClockDevice(ClockDevice::hostMicros));
        machine.attach(SystemMachine.SLOT_DISK, new BlockDevice(new MemoryBlockStore(64)));
        machine.boot(kernel, "workload=cpu iterations=100000000");
        if (hv != null) {
            Protocol protocol = new Protocol(true, OutputMode.REVISED, 1);
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
            link = new BatchingLink(1_000_000, 64 << 10, false);
            link.connect(new BatchingLink.Sink() {
                @Override
                public boolean isUp() {
                    return true;
                }

                @Override
                public void send(byte[] payload) {
                    frameBytes += payload.length;
                }
            });
            replica = new Replica("primary", hv, protocol, link, fence, TraceSink.NONE,
                    ClockDevice::hostMicros, () -> { }, line -> { });
        }
    }


    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long run() {
        if (replica == null) {
            return machine.run(INSTRUCTIONS).instructions();
        }
        long end = replica.hypervisor().instructions() + INSTRUCTIONS;
        Protocol protocol = replica.protocol();
        while (replica.hypervisor().instructions() < end) {
            if ((protocol.epoch() & 255) == 0) {
                replica.receive(new Message.Ack(protocol.sent()));
            }
            replica.advance();
            link.flushIfDue();
        }
        return replica.hypervisor().instructions();
    }
}
