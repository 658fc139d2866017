package org.hbft.benchmarks;

import java.util.Arrays;

import org.hbft.machine.ElfImage;

/**
 * What the hypervisor and the protocol cost a primary, measured as a ratio in one JVM: a bare
 * machine and a replicating primary ({@link KernelWorkload}) run the kernel's {@code cpu}
 * workload in alternating stretches, so both see the same compiled emulator and the same
 * moments of the host's noise. Prints each pair's times and the median ratio replicated / bare
 * (1.00 would be free). On a machine where separate JVMs differ by 10-15% from run to run this
 * resolves a few per cent, which {@link HypervisorOverheadBenchmark}'s separate forks cannot.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.hbft.benchmarks.PrimaryOverheadComparison [EPOCH [ROUNDS [MILLIONS]]]
 * </pre>
 * defaults: 4096-instruction epochs, 12 rounds of 300 M instructions each way, after
 * {@value #WARMUP_ROUNDS} rounds that are printed but not counted (the emulator is still being
 * translated and compiled in them).
 */
public final class PrimaryOverheadComparison {
    static final int WARMUP_ROUNDS = 2;

    private PrimaryOverheadComparison() {
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
            System.err.println("usage: PrimaryOverheadComparison [EPOCH [ROUNDS [MILLIONS]]]: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (epoch < 1 || rounds < 1 || stretch < 1) {
            System.err.println("usage: PrimaryOverheadComparison [EPOCH [ROUNDS [MILLIONS]]]: all positive");
            System.exit(2);
            return;
        }
        ElfImage kernel = KernelWorkload.kernel();
        KernelWorkload bare = new KernelWorkload(kernel, 0);
        KernelWorkload primary = new KernelWorkload(kernel, epoch);
        double[] ratios = new double[rounds];
        for (int i = -WARMUP_ROUNDS; i < rounds; i++) {
            long t0 = System.nanoTime();
            bare.run(stretch);
            long t1 = System.nanoTime();
            primary.run(stretch);
            long t2 = System.nanoTime();
            double ratio = (double) (t2 - t1) / (t1 - t0);
            if (i >= 0) {
                ratios[i] = ratio;
            }
            System.out.printf("%s %2d: bare %.0f MIPS, primary %.0f MIPS, ratio %.3f%n", i < 0 ? "warm-up" : "round  ",
                    i < 0 ? i + WARMUP_ROUNDS + 1 : i + 1, stretch * 1e3 / (t1 - t0), stretch * 1e3 / (t2 - t1), ratio);
        }
        Arrays.sort(ratios);
        double median = rounds % 2 == 1 ? ratios[rounds / 2] : (ratios[rounds / 2 - 1] + ratios[rounds / 2]) / 2;
        System.out.printf("%d-instruction epochs: primary / bare, median of %d rounds: %.3f (frames: %d bytes)%n",
                epoch, rounds, median, primary.frameBytes);
    }
}
