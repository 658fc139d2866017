package org.hbft.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the corpus in {@code traces/}: good traces from the simulation's scenarios, and bad
 * traces made from good ones by one mutation each, with the line where a checker must first
 * reject them. Run on purpose only:
 * {@code mvn -pl conformance test -Dtest=CorpusGenerator -Dhbft.corpus.regenerate=true}.
 */
class CorpusGenerator {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One bad trace: its source, the reason, and the mutation (returns the 0-based line it broke). */
    record Mutation(String name, String source, String reason, Function<List<ObjectNode>, Integer> apply) {}

    @Test
    @EnabledIfSystemProperty(named = "hbft.corpus.regenerate", matches = "true")
    void regenerate() throws Exception {
        Path traces = Scenarios.root().resolve("traces");
        Path good = traces.resolve("good");
        Path bad = traces.resolve("bad");
        Files.createDirectories(good);
        Files.createDirectories(bad);
        ArrayNode manifest = JSON.createArrayNode();
        for (Scenarios.Scenario s : Scenarios.all().values()) {
            Files.write(good.resolve(s.name() + ".ndjson"), Scenarios.run(s), StandardCharsets.UTF_8);
            manifest.addObject().put("file", "good/" + s.name() + ".ndjson").put("mode", s.mode().label())
                    .put("expect", "conforms").put("reason", "the simulation's " + s.name() + " scenario");
        }
        for (Mutation m : mutations()) {
            List<ObjectNode> events = read(good.resolve(m.source() + ".ndjson"));
            int line = m.apply().apply(events);
            String mode = m.source().contains("output-rule") ? "output-rule"
                    : m.source().contains("original") ? "original" : "revised";
            write(bad.resolve(m.name() + ".ndjson"), events);
            manifest.addObject().put("file", "bad/" + m.name() + ".ndjson").put("mode", mode)
                    .put("expect", "rejected").put("line", line + 1).put("reason", m.reason());
        }
        Files.writeString(traces.resolve("corpus.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
    }

    static List<Mutation> mutations() {
        List<Mutation> l = new ArrayList<>();
        l.add(new Mutation("interrupt-in-other-epoch", "kv-revised-failover",
                "the backup delivers a relayed interrupt one epoch later than the primary did",
                ev -> {
                    int i = first(ev, e -> is(e, "BackupEpochEnd") && e.get("delivered").size() > 0);
                    JsonNode moved = ((ArrayNode) ev.get(i).get("delivered")).remove(0);
                    int j = first(ev, i + 1, e -> is(e, "BackupEpochEnd"));
                    ((ArrayNode) ev.get(j).get("delivered")).add(moved);
                    return i;
                }));
        l.add(new Mutation("backup-io-before-promotion", "kv-revised-failover",
                "the backup's disk write reaches the disk before it was promoted",
                ev -> {
                    int i = first(ev, e -> is(e, "BackupIssueIO") && e.get("completes").asBoolean());
                    ObjectNode p = ev.get(i).deepCopy();
                    p.put("event", "DevicePerform").put("issuer", "backup").put("kind", "disk-write");
                    p.remove("completes");
                    ev.add(i + 1, p);
                    return i + 1;
                }));
        l.add(new Mutation("missing-uncertain-interrupt", "kv-revised-failover",
                "the promoted backup raises no uncertain interrupt for the write outstanding at failover",
                ev -> {
                    int i = first(ev, e -> is(e, "BackupFailoverEnd"));
                    ObjectNode e = ev.get(i);
                    ArrayNode kept = JSON.createArrayNode();
                    e.get("delivered").forEach(d -> {
                        if (!d.get("kind").asText().equals("unc")) {
                            kept.add(d);
                        }
                    });
                    if (e.get("uncertain").size() == 0) {
                        throw new IllegalStateException("the source trace has no uncertain interrupt to remove");
                    }
                    e.set("delivered", kept);
                    e.set("uncertain", JSON.createArrayNode());
                    return i;
                }));
        l.add(new Mutation("lost-acknowledged-write", "kv-revised",
                "a disk write's completion reaches the VM although the disk never performed it",
                ev -> {
                    int i = first(ev, e -> is(e, "DevicePerform") && e.get("kind").asText().equals("disk-write"));
                    ev.remove(i);
                    return first(ev, i, e -> is(e, "PrimaryInterrupt") && e.get("interrupt").get("kind").asText().equals("done"));
                }));
        l.add(new Mutation("epochs-out-of-order", "kv-revised",
                "the primary ends epoch 5 before epoch 4",
                ev -> {
                    int i = first(ev, e -> is(e, "PrimarySendTme") && e.get("epoch").asInt() == 4);
                    ev.get(i).put("epoch", 5);
                    return i;
                }));
        l.add(new Mutation("clock-value-not-from-primary", "cpu-revised",
                "the backup's VM reads a clock value the primary never sent",
                ev -> {
                    int i = first(ev, e -> is(e, "BackupReadClock"));
                    ev.get(i).put("value", ev.get(i).get("value").asLong() + 1);
                    return i;
                }));
        l.add(new Mutation("backup-starts-epoch-early", "kv-revised",
                "the backup ends epoch 3 before [end, 4] arrived",
                ev -> {
                    int end = first(ev, e -> is(e, "BackupReceive") && e.get("type").asText().equals("end")
                            && e.get("msgEpoch").asInt() == 4);
                    int i = first(ev, e -> is(e, "BackupEpochEnd") && e.get("epoch").asInt() == 3);
                    ObjectNode moved = ev.remove(i);
                    ev.add(end, moved);
                    return end;
                }));
        l.add(new Mutation("io-before-acknowledgements", "kv-revised",
                "revised protocol: the primary starts a disk write before the backup acknowledged everything",
                ev -> {
                    int i = first(ev, e -> is(e, "PrimaryIssueIO") && e.get("op").asInt() > 20 && e.get("acked").asInt() > 0);
                    ev.get(i).put("acked", ev.get(i).get("acked").asInt() - 1);
                    return i;
                }));
        l.add(new Mutation("delivered-unrelayed-interrupt", "kv-revised",
                "the primary delivers an interrupt it never took (nor relayed)",
                ev -> {
                    int i = first(ev, e -> is(e, "PrimaryEpochEnd") && e.get("delivered").size() == 0 && e.get("epoch").asInt() > 3);
                    ((ArrayNode) ev.get(i).get("delivered")).addObject().put("kind", "ext").put("id", 99);
                    return i;
                }));
        l.add(new Mutation("backup-state-diverged", "kv-revised",
                "the backup's VM state after epoch 5 differs from the primary's",
                ev -> {
                    int i = first(ev, e -> is(e, "EpochDigest") && e.get("replica").asText().equals("backup")
                            && e.get("epoch").asInt() == 5);
                    ev.get(i).put("digest", "0123456789abcdef");
                    return i;
                }));
        l.add(new Mutation("message-altered", "kv-revised",
                "the backup receives a [Tme] value other than the one the primary sent",
                ev -> {
                    int i = first(ev, e -> is(e, "BackupReceive") && e.get("type").asText().equals("tme"));
                    ev.get(i).put("value", ev.get(i).get("value").asLong() + 7);
                    return i;
                }));
        l.add(new Mutation("promoted-without-fence", "kv-revised-failover",
                "the backup promotes itself without taking the next fence generation",
                ev -> {
                    int i = first(ev, e -> is(e, "BackupFailoverEnd"));
                    ev.get(i).put("gen", 1);
                    return i;
                }));
        l.add(new Mutation("clock-runs-backwards", "cpu-revised",
                "the primary's VM reads a clock value earlier than one it read before",
                ev -> {
                    int first = first(ev, e -> is(e, "PrimaryReadClock"));
                    int i = first(ev, first + 1, e -> is(e, "PrimaryReadClock"));
                    ev.get(i).put("value", ev.get(first).get("value").asLong() - 1);
                    return i;
                }));
        l.add(new Mutation("output-rule-released-early", "kv-output-rule",
                "output rule: a held write goes to the disk before the messages sent before it were acknowledged",
                ev -> {
                    int i = first(ev, e -> is(e, "PrimaryRelease") && e.get("acked").asInt() > 0);
                    int issue = last(ev, i, e -> is(e, "PrimaryIssueIO") && e.get("op").asInt() == ev.get(i).get("op").asInt());
                    int need = count(ev, issue, e -> e.get("replica").asText().equals("primary") && e.has("msg"));
                    ev.get(i).put("acked", Math.max(0, need - 1));
                    return i;
                }));
        return l;
    }

    static boolean is(JsonNode e, String event) {
        return e.get("event").asText().equals(event);
    }

    static int first(List<ObjectNode> ev, java.util.function.Predicate<ObjectNode> p) {
        return first(ev, 0, p);
    }

    static int first(List<ObjectNode> ev, int from, java.util.function.Predicate<ObjectNode> p) {
        for (int i = from; i < ev.size(); i++) {
            if (p.test(ev.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no event to mutate");
    }

    static int last(List<ObjectNode> ev, int before, java.util.function.Predicate<ObjectNode> p) {
        for (int i = before - 1; i >= 0; i--) {
            if (p.test(ev.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no event to mutate");
    }

    /** The highest message index the primary sent before line {@code upTo}. */
    static int count(List<ObjectNode> ev, int upTo, java.util.function.Predicate<ObjectNode> p) {
        int max = 0;
        for (int i = 0; i < upTo; i++) {
            if (p.test(ev.get(i))) {
                max = Math.max(max, ev.get(i).get("msg").asInt());
            }
        }
        return max;
    }

    static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> l = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            l.add((ObjectNode) JSON.readTree(line));
        }
        return l;
    }

    /** Writes events renumbering {@code seq}, so that only the mutation is wrong. */
    static void write(Path file, List<ObjectNode> events) throws IOException {
        StringBuilder b = new StringBuilder();
        long seq = 1;
        for (ObjectNode e : events) {
            e.put("seq", seq++);
            b.append(JSON.writeValueAsString(e)).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }
}
