package org.hbft.runtime.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kv client of the simulation: it knows both replicas' addresses, sends one request at a
 * time, and when no reply comes within its timeout sends the same request to the other
 * address (a client library's failover). It writes {@code count} distinct keys, then reads
 * every key it saw acknowledged.
 */
public final class SimClient {
    private final int count;
    private final long firstTick;
    private final long spacing;
    private final long timeout;
    private final Map<String, String> acknowledged = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> replies = new ArrayList<>();
    private boolean usePrimary = true;
    private int next;
    private String pending;
    private long sentAt;
    private int seen;
    private Simulation.Node target;
    private List<String> reads;
    private int readIndex;
    private boolean finished;
    private long lastReplyTick = -1;
    private long longestGap;
    private final java.util.Set<Integer> dropped = new java.util.HashSet<>();
    private int sends;

    /**
     * @param count keys to write
     * @param firstTick when the first request goes out
     * @param spacing ticks between a reply and the next request
     * @param timeout ticks without a reply before trying the other address
     */
    public SimClient(int count, long firstTick, long spacing, long timeout) {
        this.count = count;
        this.firstTick = firstTick;
        this.spacing = spacing;
        this.timeout = timeout;
    }

    void tick(Simulation sim, long tick) {
        if (finished || tick < firstTick) {
            return;
        }
        if (pending != null) {
            List<byte[]> sent = target.net.sent();
            if (sent.size() > seen) {
                String reply = new String(sent.get(sent.size() - 1), StandardCharsets.US_ASCII);
                seen = sent.size();
                replies.add(reply);
                answered(reply);
                if (lastReplyTick >= 0) {
                    longestGap = Math.max(longestGap, tick - lastReplyTick);
                }
                lastReplyTick = tick;
                pending = null;
                sentAt = tick;
                return;
            }
            if (tick - sentAt > timeout) {
                usePrimary = !usePrimary;
                send(sim, tick, pending);
            }
            return;
        }
        if (tick - sentAt < spacing && sentAt > 0) {
            return;
        }
        String request = nextRequest();
        if (request == null) {
            finished = true;
            return;
        }
        send(sim, tick, request);
    }

    private void send(Simulation sim, long tick, String request) {
        pending = request;
        sentAt = tick;
        target = sim.node(usePrimary);
        seen = target.net.sent().size();
        // A dropped frame never reaches the machine; the client's timeout covers it.
        if (target.alive && !dropped.contains(sends++)) {
            target.net.inject(request.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Frames the network loses: the n-th frame this client sends (counting from 0) never arrives. */
    public SimClient drop(java.util.Set<Integer> sendNumbers) {
        dropped.addAll(sendNumbers);
        return this;
    }

    private String nextRequest() {
        if (next < count) {
            return "PUT k" + next + " v" + next + "-" + (next * 7919 % 1000);
        }
        if (reads == null) {
            reads = new ArrayList<>(acknowledged.keySet());
        }
        if (readIndex < reads.size()) {
            return "GET " + reads.get(readIndex);
        }
        return null;
    }

    private void answered(String reply) {
        if (pending.startsWith("PUT ")) {
            String[] p = pending.split(" ", 3);
            if (reply.equals("OK")) {
                acknowledged.put(p[1], p[2]);
            }
            next++;
        } else {
            String key = pending.substring(4);
            String want = "VALUE " + acknowledged.get(key);
            if (!reply.equals(want)) {
                mismatches.add(pending + " -> " + reply + " (acknowledged: " + acknowledged.get(key) + ")");
            }
            readIndex++;
        }
    }

    public boolean finished() {
        return finished;
    }

    /** Writes the client saw acknowledged, key to value. */
    public Map<String, String> acknowledged() {
        return acknowledged;
    }

    /** Reads of acknowledged keys that did not return the acknowledged value: lost writes. */
    public List<String> mismatches() {
        return mismatches;
    }

    public List<String> replies() {
        return replies;
    }

    /** The longest stretch of ticks between two replies (how long the service was unavailable). */
    public long longestGap() {
        return longestGap;
    }
}
