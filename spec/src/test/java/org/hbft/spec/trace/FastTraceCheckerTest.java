package org.hbft.spec.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hbft.spec.SpecSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast checker gives every corpus trace the verdict its manifest states, and agrees with
 * TLC running TraceHBFT.tla on a sample of corpus traces and of mutated ones.
 */
class FastTraceCheckerTest {

    static Path root() {
        String r = System.getProperty("hbft.root", "..");
        return Path.of(r.isBlank() || r.startsWith("${") ? ".." : r).toAbsolutePath().normalize();
    }

    static List<JsonNode> entries() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(root().resolve("traces/corpus.json").toFile());
        List<JsonNode> l = new ArrayList<>();
        manifest.forEach(l::add);
        return l;
    }

    static Stream<String> files() throws IOException {
        return entries().stream().map(e -> e.get("file").asText());
    }

    static JsonNode entry(String file) throws IOException {
        return entries().stream().filter(e -> e.get("file").asText().equals(file)).findFirst().orElseThrow();
    }

    static List<JsonNode> events(String file) throws IOException {
        TraceFile f = TraceFile.read(root().resolve("traces").resolve(file));
        assertThat(f.problems()).as(file).isEmpty();
        List<JsonNode> l = new ArrayList<>();
        for (TraceLine t : f.events()) {
            l.add(t.json());
        }
        return l;
    }

    @Test
    void theCorpusIsThere() throws IOException {
        assertThat(entries()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void corpusTraceGetsTheVerdictItsManifestStates(String file) throws IOException {
        JsonNode entry = entry(file);
        List<JsonNode> events = events(file);
        FastTraceChecker.Result r = FastTraceChecker.check(events, entry.get("mode").asText());
        if (entry.get("expect").asText().equals("conforms")) {
            assertThat(r.conforms()).as(file + " stuck at line " + (r.badIndex() + 1) + ": " + r.reason()).isTrue();
            assertThat(r.badIndex()).isEqualTo(-1);
        } else {
            assertThat(r.conforms()).as(file + " (" + entry.get("reason").asText() + ") must be rejected").isFalse();
            assertThat(r.badIndex() + 1).as(file + ": " + r.reason() + "\n" + events.get(r.badIndex()))
                    .isEqualTo(entry.get("line").asInt());
            assertThat(r.action()).isEqualTo(events.get(r.badIndex()).get("event").asText());
            assertThat(r.reason()).startsWith(r.action() + ": ");
            assertThat(r.state()).startsWith("[role |-> ");
        }
    }

    @Test
    void theReasonNamesTheFailedGuard() throws IOException {
        List<JsonNode> events = new ArrayList<>(events("good/kv-revised.ndjson"));
        int k = indexOf(events, 0, e -> e.get("event").asText().equals("BackupReceive") && e.get("msg").asInt() > 3);
        events.remove(k);
        FastTraceChecker.Result r = FastTraceChecker.check(events, "revised");
        assertThat(r.conforms()).isFalse();
        assertThat(r.action()).isEqualTo("BackupReceive");
        assertThat(r.reason()).matches("BackupReceive: msg \\d+ is not rcvd \\+ 1 = \\d+");
    }

    @Test
    void anUnknownEventOrAnEmptyTrace() {
        ObjectNode unknown = new ObjectMapper().createObjectNode();
        unknown.put("v", 1).put("seq", 1).put("replica", "primary").put("event", "PrimaryLateRelay").put("epoch", 1);
        FastTraceChecker.Result r = FastTraceChecker.check(List.of(unknown), "revised");
        assertThat(r.conforms()).isFalse();
        assertThat(r.badIndex()).isZero();
        assertThat(r.action()).isEqualTo("PrimaryLateRelay");
        assertThat(FastTraceChecker.check(List.of(), "original").conforms()).isTrue();
        assertThatThrownBy(() -> FastTraceChecker.check(List.of(), "Revised")).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ against TLC

    private record Case(String name, List<JsonNode> events, String mode) {
    }

    @Test
    void tlcAgreesOnCorpusTracesAndMutations() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String f : List.of("good/kv-original-failover.ndjson", "good/kv-output-rule.ndjson",
                "good/disk-write-revised-failover.ndjson", "bad/missing-uncertain-interrupt.ndjson",
                "bad/backup-state-diverged.ndjson", "bad/output-rule-released-early.ndjson")) {
            cases.add(new Case(f, events(f), entry(f).get("mode").asText()));
        }
        cases.addAll(mutations(new Random(20_240_611L)));
        cases.addAll(partitioned());

        TraceValidator tlc = new TraceValidator(SpecSource.directory(root().resolve("spec/tla")));
        List<String> report = new ArrayList<>();
        for (Case c : cases) {
            FastTraceChecker.Result fast = FastTraceChecker.check(c.events(), c.mode());
            TraceValidator.Result ref = tlc.validate(c.events(), c.mode());
            report.add(c.name() + ": TLC " + (ref.conforms() ? "conforms" : "stuck at " + ref.badIndex() + " " + ref.action())
                    + ", fast " + (fast.conforms() ? "conforms" : "stuck at " + fast.badIndex() + " (" + fast.reason() + ")"));
            String why = String.join("\n", report) + "\nTLC state: " + ref.state() + "\nfast state: " + fast.state();
            assertThat(fast.conforms()).as(why).isEqualTo(ref.conforms());
            assertThat(fast.badIndex()).as(why).isEqualTo(ref.badIndex());
            if (!ref.conforms()) {
                assertThat(fast.action()).as(why).isEqualTo(ref.action());
                assertThat(fast.state().replaceAll("\\s", "")).as(why).isEqualTo(ref.state().replaceAll("\\s", ""));
            }
        }
        System.out.println(String.join("\n", report));
        // The sample is worth something only if it has both verdicts.
        assertThat(report).anyMatch(s -> s.contains("TLC conforms")).anyMatch(s -> s.contains("TLC stuck"));
    }

    /** Mutations of good traces, chosen with a fixed seed. */
    private static List<Case> mutations(Random rnd) throws IOException {
        List<Case> out = new ArrayList<>();

        List<JsonNode> t = events("good/kv-revised.ndjson");
        out.add(new Case("kv-revised cut at the middle", copy(t.subList(0, t.size() / 2)), "revised"));

        t = copy(events("good/kv-revised-failover.ndjson"));
        int k = pick(rnd, t, e -> e.get("event").asText().equals("BackupReceive"));
        t.remove(k);
        out.add(new Case("kv-revised-failover without line " + (k + 1) + " (BackupReceive)", t, "revised"));

        t = copy(events("good/cpu-revised.ndjson"));
        k = pick(rnd, t, e -> e.path("msg").asInt() > 0);
        ((ObjectNode) t.get(k)).put("msg", t.get(k).get("msg").asInt() + 1 + rnd.nextInt(3));
        out.add(new Case("cpu-revised with msg changed on line " + (k + 1), t, "revised"));

        t = copy(events("good/disk-write-original.ndjson"));
        do {
            k = rnd.nextInt(t.size() - 1);
        } while (t.get(k).get("event").asText().equals(t.get(k + 1).get("event").asText()));
        JsonNode a = t.get(k);
        t.set(k, t.get(k + 1));
        t.set(k + 1, a);
        out.add(new Case("disk-write-original with lines " + (k + 1) + " and " + (k + 2) + " swapped", t, "original"));

        t = copy(events("good/kv-output-rule-failover.ndjson"));
        k = pick(rnd, t, e -> e.has("delivered") && e.get("delivered").size() > 0);
        ((ArrayNode) t.get(k).get("delivered")).remove(0);
        out.add(new Case("kv-output-rule-failover with an interrupt left out of line " + (k + 1), t, "output-rule"));

        t = copy(events("good/disk-read-output-rule.ndjson"));
        k = pick(rnd, t, e -> e.get("event").asText().equals("DevicePerform"));
        t.remove(k);
        out.add(new Case("disk-read-output-rule without line " + (k + 1) + " (DevicePerform)", t, "output-rule"));

        // The same good trace under another mode: its first line the mode forbids.
        out.add(new Case("kv-output-rule checked as original", copy(events("good/kv-output-rule.ndjson")), "original"));
        return out;
    }

    /**
     * The corpus has no PrimaryGoSolo or PrimaryFenced: kv-revised-failover with the crash replaced
     * by a partition after which the primary wins the fence and goes on alone. The backup then
     * fails over; at the end of its failover epoch it either halts (it lost the test-and-set) or
     * is promoted with the next generation, and the primary is fenced.
     */
    private static List<Case> partitioned() throws IOException {
        List<JsonNode> t = copy(events("good/kv-revised-failover.ndjson"));
        int crash = indexOf(t, 0, e -> e.get("event").asText().equals("PrimaryCrash"));
        ObjectNode solo = ((ObjectNode) t.get(crash)).deepCopy();
        solo.remove("lost");
        solo.put("event", "PrimaryGoSolo").put("won", true);
        t.set(crash, solo);
        int end = indexOf(t, crash, e -> e.get("event").asText().equals("BackupFailoverEnd"));
        List<JsonNode> halts = copy(t.subList(0, end + 1));
        ((ObjectNode) halts.get(end)).put("promoted", false).put("gen", 1);
        List<JsonNode> fenced = copy(t.subList(0, end + 1));
        ((ObjectNode) fenced.get(end)).put("gen", 3);
        ObjectNode f = solo.deepCopy();
        f.remove("won");
        f.put("event", "PrimaryFenced").put("op", 76);
        fenced.add(f);
        return List.of(new Case("partition, primary solo, backup halts", halts, "revised"),
                new Case("partition, primary solo, backup promoted, primary fenced", fenced, "revised"));
    }

    private static int pick(Random rnd, List<JsonNode> t, Predicate<JsonNode> p) {
        List<Integer> ks = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (p.test(t.get(i))) {
                ks.add(i);
            }
        }
        assertThat(ks).isNotEmpty();
        return ks.get(rnd.nextInt(ks.size()));
    }

    private static int indexOf(List<JsonNode> t, int from, Predicate<JsonNode> p) {
        for (int i = from; i < t.size(); i++) {
            if (p.test(t.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line");
    }

    private static List<JsonNode> copy(List<JsonNode> t) {
        List<JsonNode> l = new ArrayList<>(t.size());
        for (JsonNode e : t) {
            l.add(e.deepCopy());
        }
        return l;
    }
}
