package org.hbft.benchmarks;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hbft.machine.ControlRegisters;
import org.hbft.machine.Cpu;
import org.hbft.machine.ElfImage;
import org.hbft.machine.Interruption;
import org.hbft.machine.Psw;
import org.hbft.machine.linux.LinuxProcess;
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
 * Emulator speed on the Dhrystone-like guest, in guest instructions per second (divide the
 * reported ops/s by 10^6 for MIPS). With {@code epoch} set, the recovery counter is armed as the
 * hypervisor arms it, trapping every {@code epoch} instructions and being re-armed by the host:
 * the ratio of the two scores is the cost of epochs.
 *
 * <p>{@code jvm} says what the JVM has seen before the measurement. {@code fresh}: only the
 * measured mode, so a JVM whose epochs never end compiles its loop knowing that. {@code shared}:
 * the guest has first run both unarmed and armed, as in a process that does both, so both
 * modes run the same compiled code and the ratio is what arming the counter itself costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
public class EmulatorMipsBenchmark {
    static final int INSTRUCTIONS = 10_000_000;

    /** "off", or the epoch length in instructions. */
    @Param({"off", "4096", "32768"})
    public String epoch;

    /** "fresh" or "shared" (see above). */
    @Param({"fresh", "shared"})
    public String jvm;

    private ElfImage image;
    private Cpu cpu;
    private int epochLength;

    static Path guest() {
        Path root = Path.of(System.getProperty("hbft.root", "."));
        Path p = root.resolve("guests/bin/dhry-O2");
        if (!Files.exists(p)) {
            throw new IllegalStateException("run from the repository root (or set -Dhbft.root): " + p.toAbsolutePath() + " not found");
        }
        return p;
    }

    /**
     * One guest per trial: it never finishes within one, and booting per iteration would make
     * every iteration pay block translation and HotSpot's compilation of the blocks again.
     */
    @Setup(Level.Trial)
    public void boot() throws Exception {
        image = ElfImage.read(guest());
        epochLength = epoch.equals("off") ? 0 : Integer.parseInt(epoch);
        if (jvm.equals("shared")) {
            for (int e : new int[] {0, 4096, 0, 32768}) {
                Cpu warm = boot(e);
                for (int i = 0; i < 20; i++) {
                    run(warm, INSTRUCTIONS, e);
                }
            }
        }
        cpu = boot(epochLength);
    }

    private Cpu boot(int epochLength) {
        LinuxProcess p = new LinuxProcess(image, "dhry", List.of("dhry", "1000000000"), InputStream.nullInputStream(),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), w -> { }, false);
        Cpu c = p.cpu();
        if (epochLength > 0) {
            c.setPsw(c.psw() | Psw.R);
            c.setControlRegister(ControlRegisters.RC, epochLength - 1);
        }
        return c;
    }

    private static long run(Cpu cpu, long instructions, int epochLength) {
        long target = cpu.cycles() + instructions;
        while (cpu.cycles() < target) {
            Cpu.Stop stop = cpu.run(target - cpu.cycles());
            if (stop == Cpu.Stop.TRAP && cpu.trapNumber() == Interruption.RECOVERY_COUNTER) {
                cpu.setControlRegister(ControlRegisters.RC, epochLength - 1);
            } else if (stop != Cpu.Stop.BUDGET) {
                throw new IllegalStateException("guest stopped: " + stop);
            }
        }
        return cpu.cycles();
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long dhrystone() {
        return run(cpu, INSTRUCTIONS, epochLength);
    }
}
