package org.hbft.conformance.schedule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import org.hbft.replication.OutputMode;

/** The arbitrary failure schedules. */
public final class Schedules {
    private Schedules() {
    }

    public static Arbitrary<Schedule> schedules() {
        Arbitrary<Schedule.Workload> workload = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Schedule.Workload.KV)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Schedule.Workload.CPU)));
        Arbitrary<OutputMode> mode = Arbitraries.of(OutputMode.class);
        Arbitrary<Long> seed = Arbitraries.longs().between(0, 1_000_000);
        Arbitrary<Integer> writes = Arbitraries.integers().between(1, 5);
        Arbitrary<Integer> first = Arbitraries.integers().between(1, 120);
        Arbitrary<Integer> spacing = Arbitraries.integers().between(0, 40);
        Arbitrary<Integer> delay = Arbitraries.integers().between(0, 6);
        Arbitrary<Schedule.Fault> fault = Arbitraries.of(Schedule.Fault.class);
        // Crashes hit at any protocol step of the faulty processor; a kv run takes a few thousand.
        Arbitrary<Integer> step = Arbitraries.integers().between(1, 4000);
        Arbitrary<Integer> lost = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> notices = Arbitraries.integers().between(1, 200);
        Arbitrary<java.util.List<Integer>> uncertain = Arbitraries.integers().between(0, 60).list().ofMaxSize(3);
        Arbitrary<Boolean> performed = Arbitraries.of(true, false);
        Arbitrary<java.util.List<Integer>> dropped = Arbitraries.integers().between(0, 12).list().ofMaxSize(2);
        return Combinators.combine(mode, seed, writes, first, spacing, delay, fault, step)
                .flatAs((m, sd, w, f, sp, d, ft, st) -> Combinators.combine(workload, lost, notices, uncertain, performed,
                        dropped).as((wl, l, n, u, p, dr) -> new Schedule(wl, m, sd, w, f, sp, d, ft,
                                ft == Schedule.Fault.PARTITION ? 20 + st % 600 : st,
                                // The original protocol assumes a crash loses nothing in flight (the spec's
                                // original-lossy model shows why); the others must survive losses.
                                m == OutputMode.ORIGINAL ? 0 : l, n, u, p, dr)));
    }
}
