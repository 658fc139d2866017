package org.hbft.spec.trace;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns NDJSON events (schema-valid, in one order) into the {@link PreparedTrace} that
 * TraceHBFT.tla checks: every event a record with {@code ev}, {@code r}, {@code e} and its
 * fields, the fields the spec reads always present (defaults where the format makes them
 * optional), clock values replaced by their rank, and the indexes the spec looks facts up in.
 */
public final class TracePreparation {
    private static final Set<String> CLOCK_FIELDS = Set.of("value", "tme");
    private static final Set<String> SKIPPED = Set.of("v", "seq", "t", "replica", "event", "epoch", "insns");

    private TracePreparation() {
    }

    public static PreparedTrace prepare(List<JsonNode> events) {
        TreeSet<Long> clocks = new TreeSet<>();
        for (JsonNode e : events) {
            for (String f : CLOCK_FIELDS) {
                if (e.has(f) && e.get(f).canConvertToLong()) {
                    clocks.add(e.get(f).asLong());
                }
            }
        }
        Map<Long, Integer> rank = new LinkedHashMap<>();
        int r = 1;
        for (long c : clocks) {
            rank.put(c, r++);
        }
        List<Map<String, Object>> out = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            out.add(record(e, rank));
        }
        return new PreparedTrace(out, indexes(out));
    }

    private static Map<String, Object> record(JsonNode e, Map<Long, Integer> rank) {
        Map<String, Object> m = new LinkedHashMap<>();
        String ev = e.path("event").asText();
        m.put("ev", ev);
        m.put("r", e.path("replica").asText());
        m.put("e", e.path("epoch").asInt());
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (SKIPPED.contains(name)) {
                continue;
            }
            JsonNode v = f.getValue();
            if (CLOCK_FIELDS.contains(name) && v.canConvertToLong()) {
                m.put(name, rank.get(v.asLong()));
            } else if (name.equals("interrupt")) {
                m.put(name, interrupt(v));
            } else if (name.equals("delivered")) {
                Set<Object> s = new LinkedHashSet<>();
                v.forEach(i -> s.add(interrupt(i)));
                m.put(name, s);
            } else if (name.equals("uncertain")) {
                Set<Object> s = new LinkedHashSet<>();
                v.forEach(i -> s.add(i.asInt()));
                m.put(name, s);
            } else if (v.isBoolean()) {
                m.put(name, v.asBoolean());
            } else if (v.isIntegralNumber() && v.canConvertToInt()) {
                m.put(name, v.asInt());
            } else if (v.isTextual()) {
                m.put(name, v.asText());
            }
        }
        // Fields the spec reads, where the format lets them be absent.
        m.putIfAbsent("msg", 0);
        switch (ev) {
            case "PrimaryIssueIO" -> {
                m.putIfAbsent("completes", true);
                m.putIfAbsent("acked", 0);
            }
            case "PrimaryEpochEnd", "PrimaryRelease" -> m.putIfAbsent("acked", 0);
            case "BackupIssueIO" -> m.putIfAbsent("completes", true);
            case "BackupReceive" -> {
                m.putIfAbsent("value", 0);
                m.putIfAbsent("interrupt", noInterrupt());
            }
            case "BackupFailover" -> {
                m.putIfAbsent("tme", -1);
                m.putIfAbsent("delivered", new LinkedHashSet<>());
            }
            default -> {
            }
        }
        return m;
    }

    static Map<String, Object> interrupt(JsonNode i) {
        Map<String, Object> m = new LinkedHashMap<>();
        String kind = i.path("kind").asText();
        m.put("k", kind);
        m.put("n", i.path(kind.equals("ext") ? "id" : "op").asInt());
        return m;
    }

    private static Map<String, Object> noInterrupt() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", "none");
        m.put("n", 0);
        return m;
    }

    /** The facts TraceHBFT.tla looks up: what each message was, per epoch relays, digests, issues. */
    private static Map<String, Object> indexes(List<Map<String, Object>> events) {
        Map<Integer, Map<String, Object>> sends = new LinkedHashMap<>();
        Map<Integer, Integer> tmeMsg = new LinkedHashMap<>();
        Map<Integer, Set<Object>> relayed = new LinkedHashMap<>();
        Map<Integer, String> digest = new LinkedHashMap<>();
        Map<Integer, String> issue = new LinkedHashMap<>();
        int maxMsg = 0, maxEpoch = 0, maxOp = 0;
        for (Map<String, Object> e : events) {
            String ev = (String) e.get("ev");
            int epoch = (Integer) e.get("e");
            boolean fromPrimary = "primary".equals(e.get("r"));
            int msg = (Integer) e.get("msg");
            String type = switch (ev) {
                case "PrimaryReadClock" -> "val";
                case "PrimaryInterrupt" -> "int";
                case "PrimarySendTme" -> "tme";
                case "PrimaryEpochEnd" -> "end";
                default -> null;
            };
            if (fromPrimary && type != null && msg > 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("t", type);
                m.put("e", epoch);
                m.put("v", type.equals("val") ? e.get("value") : type.equals("tme") ? e.get("tme") : 0);
                m.put("i", type.equals("int") ? e.get("interrupt") : noInterrupt());
                sends.putIfAbsent(msg, m);
                maxMsg = Math.max(maxMsg, msg);
                if (type.equals("tme")) {
                    tmeMsg.putIfAbsent(epoch, msg);
                }
                if (type.equals("int")) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("i", e.get("interrupt"));
                    x.put("msg", msg);
                    relayed.computeIfAbsent(epoch, k -> new LinkedHashSet<>()).add(x);
                }
            }
            if (fromPrimary && ev.equals("EpochDigest") && e.get("digest") instanceof String d) {
                digest.putIfAbsent(epoch, d);
            }
            if (fromPrimary && ev.equals("PrimaryIssueIO") && e.get("op") instanceof Integer op && e.get("data") instanceof String d) {
                issue.putIfAbsent(op, d);
                maxOp = Math.max(maxOp, op);
            }
            maxEpoch = Math.max(maxEpoch, epoch);
        }
        List<Object> send = new ArrayList<>();
        List<Object> valMsg = new ArrayList<>();
        for (int k = 1; k <= maxMsg; k++) {
            Map<String, Object> m = sends.get(k);
            if (m == null) {
                m = new LinkedHashMap<>();
                m.put("t", "none");
                m.put("e", 0);
                m.put("v", 0);
                m.put("i", noInterrupt());
            } else if (m.get("t").equals("val")) {
                valMsg.add(k);
            }
            send.add(m);
        }
        List<Object> tme = new ArrayList<>(), rel = new ArrayList<>(), dig = new ArrayList<>(), iss = new ArrayList<>();
        for (int e = 1; e <= maxEpoch + 1; e++) {
            tme.add(tmeMsg.getOrDefault(e, 0));
            rel.add(relayed.getOrDefault(e, new LinkedHashSet<>()));
            dig.add(digest.getOrDefault(e, ""));
        }
        for (int op = 1; op <= maxOp; op++) {
            iss.add(issue.getOrDefault(op, ""));
        }
        Map<String, Object> idx = new LinkedHashMap<>();
        idx.put("send", send);
        idx.put("valmsg", valMsg);
        idx.put("tmemsg", tme);
        idx.put("relayed", rel);
        idx.put("pdigest", dig);
        idx.put("pissue", iss);
        return idx;
    }
}
