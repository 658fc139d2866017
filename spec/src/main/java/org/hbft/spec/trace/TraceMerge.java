package org.hbft.spec.trace;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One order for the two files of a run on two processors (traces/SCHEMA.md): each file's own
 * order kept, every {@code BackupReceive} after the send of its message, every primary step
 * that reports acknowledgements ({@code acked}) after the backup received that many. The
 * primary's steps go first whenever they may. If the backup fails over after the primary's
 * file ends, a {@code PrimaryCrash} is put before the failover, losing the messages the primary
 * logged as sent that never arrived (they died with it).
 */
public final class TraceMerge {
    /** A merged event and where it came from. */
    public record Origin(JsonNode event, String file, int line) {}

    private TraceMerge() {
    }

    public static List<Origin> merge(List<TraceLine> primaryLines, String primaryName, List<TraceLine> backupLines,
            String backupName) {
        List<JsonNode> primary = new ArrayList<>(primaryLines.size());
        primaryLines.forEach(t -> primary.add(t.json()));
        List<JsonNode> backup = new ArrayList<>(backupLines.size());
        backupLines.forEach(t -> backup.add(t.json()));
        List<Origin> out = new ArrayList<>(primary.size() + backup.size() + 1);
        int i = 0, j = 0;
        long sent = 0, received = 0;
        while (i < primary.size() || j < backup.size()) {
            boolean primaryMay = i < primary.size() && primary.get(i).path("acked").asLong(0) <= received;
            JsonNode b = j < backup.size() ? backup.get(j) : null;
            boolean backupMay = b != null && (!isReceive(b) || b.path("msg").asLong() <= sent);
            if (b != null && b.path("event").asText().equals("BackupFailover") && i >= primary.size()
                    && !crashed(out)) {
                ObjectNode crash = JsonNodeFactory.instance.objectNode();
                crash.put("v", 1).put("seq", 0).put("replica", "primary").put("event", "PrimaryCrash")
                        .put("epoch", lastPrimaryEpoch(primary)).put("lost", sent - received);
                out.add(new Origin(crash, "(merge: the primary's trace ends; it crashed)", 0));
            }
            if (primaryMay) {
                JsonNode p = primary.get(i++);
                sent = Math.max(sent, p.path("msg").asLong(0));
                out.add(new Origin(p, primaryName, primaryLines.get(i - 1).line()));
            } else if (backupMay) {
                j++;
                if (isReceive(b)) {
                    received = b.path("msg").asLong();
                }
                out.add(new Origin(b, backupName, backupLines.get(j - 1).line()));
            } else {
                // Neither may go on: the files contradict each other. Keep both orders; the
                // check will stop at the first event the protocol does not allow.
                if (i < primary.size()) {
                    JsonNode p = primary.get(i++);
                    out.add(new Origin(p, primaryName, primaryLines.get(i - 1).line()));
                } else {
                    j++;
                    out.add(new Origin(backup.get(j - 1), backupName, backupLines.get(j - 1).line()));
                }
            }
        }
        return out;
    }

    private static boolean isReceive(JsonNode e) {
        return e.path("event").asText().equals("BackupReceive");
    }

    private static boolean crashed(List<Origin> out) {
        for (int k = out.size() - 1; k >= 0; k--) {
            if (out.get(k).event().path("event").asText().equals("PrimaryCrash")) {
                return true;
            }
        }
        return false;
    }

    private static int lastPrimaryEpoch(List<JsonNode> primary) {
        return primary.isEmpty() ? 1 : primary.get(primary.size() - 1).path("epoch").asInt(1);
    }
}
