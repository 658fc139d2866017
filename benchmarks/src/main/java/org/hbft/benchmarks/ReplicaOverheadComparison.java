package org.hbft.benchmarks;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;

import org.hbft.machine.ElfImage;

/**
 * What the hypervisor and the protocol cost each replica, measured as ratios in one JVM: a bare
 * machine, the hypervisor alone (epochs end, nothing is replicated), a replicating primary and
 * its backup ({@link KernelWorkload}) run the kernel's {@code cpu} workload in alternating stretches - the backup replaying the frames the primary
 * made in the same round - so all three see the same compiled emulator and the same moments
 * of the host's noise. Prints each round's speeds and the median ratios replica / bare (1.00
 * would be free); the hypervisor's ratio is the part of the replicas' that ending epochs costs the
 * emulator itself. On a machine where separate JVMs differ by 10-15% from run to run this
 * resolves a few per cent, which {@link HypervisorOverheadBenchmark}'s separate forks cannot.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.hbft.benchmarks.ReplicaOverheadComparison [EPOCH [ROUNDS [MILLIONS]]]
 * </pre>
 * defaults: 4096-instruction epochs, 12 rounds of 300 M instructions each way, after
 * {@value #WARMUP_ROUNDS} rounds that are printed but not counted (the emulator is still being
 * translated and compiled in them).
 */
public final class ReplicaOverheadComparison {
    static final int WARMUP_ROUNDS = 2;

    private ReplicaOverheadComparison() {
    }

    public static void main(String[] args) throws Exception {
        int epoch;
        int rounds;
        long stretch;
        try {
            epoch = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
            rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
            stretch = (args.length > 2 ? Long.parseLong(args[2]) : 300) * 1_000_000L;
        } catch (NumberFormatException e) {
            System.err.println("usage: ReplicaOverheadComparison [EPOCH [ROUNDS [MILLIONS]]]: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (epoch < 1 || rounds < 1 || stretch < 1) {
            System.err.println("usage: ReplicaOverheadComparison [EPOCH [ROUNDS [MILLIONS]]]: all positive");
            System.exit(2);
            return;
        }
        ElfImage kernel = KernelWorkload.kernel();
        Queue<byte[]> frames = new ArrayDeque<>();
        KernelWorkload bare = KernelWorkload.bare(kernel);
        KernelWorkload alone = KernelWorkload.hypervisorOnly(kernel, epoch);
        KernelWorkload primary = KernelWorkload.primary(kernel, epoch, frames::add);
        KernelWorkload backup = KernelWorkload.backup(kernel, epoch, frames);
        double[] aloneRatios = new double[rounds];
        double[] primaryRatios = new double[rounds];
        double[] backupRatios = new double[rounds];
        for (int i = -WARMUP_ROUNDS; i < rounds; i++) {
            long t0 = System.nanoTime();
            bare.run(stretch);
            long t1 = System.nanoTime();
            alone.run(stretch);
            long ta = System.nanoTime();
            primary.run(stretch);
            long t2 = System.nanoTime();
            backup.run(stretch);
            long t3 = System.nanoTime();
            if (!frames.isEmpty()) {
                throw new IllegalStateException("the backup left " + frames.size() + " of the primary's frames");
            }
            double h = (double) (ta - t1) / (t1 - t0);
            double p = (double) (t2 - ta) / (t1 - t0);
            double b = (double) (t3 - t2) / (t1 - t0);
            if (i >= 0) {
                aloneRatios[i] = h;
                primaryRatios[i] = p;
                backupRatios[i] = b;
            }
            System.out.printf("%s %2d: bare %.0f MIPS, hypervisor %.0f MIPS, primary %.0f MIPS, backup %.0f MIPS,"
                    + " ratios %.3f %.3f %.3f%n", i < 0 ? "warm-up" : "round  ", i < 0 ? i + WARMUP_ROUNDS + 1 : i + 1,
                    stretch * 1e3 / (t1 - t0), stretch * 1e3 / (ta - t1), stretch * 1e3 / (t2 - ta),
                    stretch * 1e3 / (t3 - t2), h, p, b);
        }
        System.out.printf("%d-instruction epochs, median of %d rounds: hypervisor alone / bare %.3f, primary / bare %.3f,"
                + " backup / bare %.3f (frames: %d bytes)%n", epoch, rounds, median(aloneRatios), median(primaryRatios),
                median(backupRatios), primary.frameBytes);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
