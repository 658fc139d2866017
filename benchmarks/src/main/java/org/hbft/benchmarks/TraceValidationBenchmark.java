package org.hbft.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hbft.machine.ElfImage;
import org.hbft.replication.OutputMode;
import org.hbft.runtime.sim.Simulation;
import org.hbft.spec.SpecSource;
import org.hbft.spec.trace.TraceValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Trace validation speed: TLC checking a trace of about 100,000 events (a replicated run of the
 * guest kernel's cpu workload in the simulation, both replicas in one file) against
 * TraceHBFT.tla, start-up of the TLC JVM included. Events per second = the trace's length
 * (printed at set-up) divided by the reported time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class TraceValidationBenchmark {
    private List<JsonNode> events;
    private TraceValidator validator;

    @Setup(Level.Trial)
    public void makeTrace() throws Exception {
        Path root = Path.of(System.getProperty("hbft.root", "."));
        ElfImage kernel = ElfImage.read(root.resolve("guests/kernel/kernel.elf"));
        Simulation sim = new Simulation(new Simulation.Config(kernel, "workload=cpu iterations=38000", 2048,
                OutputMode.REVISED, 1, 8, 64, 2, 20, 10_000_000));
        sim.run();
        ObjectMapper json = new ObjectMapper();
        events = new ArrayList<>();
        for (String line : sim.trace()) {
            events.add(json.readTree(line));
        }
        validator = new TraceValidator(SpecSource.directory(root.resolve("spec/tla")));
        System.out.println("trace of " + events.size() + " events");
    }

    @Benchmark
    public boolean validate() throws Exception {
        TraceValidator.Result r = validator.validate(events, "revised");
        if (!r.conforms()) {
            throw new IllegalStateException("the benchmark trace does not conform at event " + (r.badIndex() + 1));
        }
        System.out.printf("%d events in %.1f s: %.0f events/s%n", r.events(), r.millis() / 1000.0, r.eventsPerSecond());
        return r.conforms();
    }
}
