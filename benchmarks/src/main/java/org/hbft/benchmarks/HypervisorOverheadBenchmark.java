package org.hbft.benchmarks;

import java.util.concurrent.TimeUnit;

import org.hbft.machine.ElfImage;
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
 * {@code cpu} workload in guest instructions per second, bare ({@code epoch = bare}) and as a
 * replicating primary in revised mode ({@link KernelWorkload}). The ratio bare / replicated is
 * the normalized performance the paper's Table 1 reports, less the network and the backup;
 * {@code benchmarks/table1.sh} measures it with both. Each configuration runs in a JVM of its
 * own, so on a noisy machine {@link ReplicaOverheadComparison} (both in one JVM, alternating)
 * gives the steadier ratio.
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
    private KernelWorkload workload;

    @Setup(Level.Trial)
    public void load() throws Exception {
        kernel = KernelWorkload.kernel();
    }

    @Setup(Level.Iteration)
    public void boot() throws Exception {
        workload = epoch.equals("bare") ? KernelWorkload.bare(kernel) : KernelWorkload.primary(kernel, Integer.parseInt(epoch), null);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long run() {
        return workload.run(INSTRUCTIONS) + workload.frameBytes;
    }
}
