package org.hbft.spec.trace;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One order for the two files of a run on two processors (traces/SCHEMA.md): each file's own
 * order kept, every {@code BackupReceive} after the send of its message, every primary step
 * that reports acknowledgements ({@code acked}) after the backup received that many, and a
 * primary's defeat by its backup's takeover ({@code PrimaryFenced}, {@code PrimaryGoSolo} that
 * lost) after the backup's promotion. The primary's steps go first whenever they may.
 *
 * <p>Two processes do not log their link's end; the merge puts it in where the backup fails
 * over. If the primary's file ends first, a {@code PrimaryCrash}: the messages the primary logged
 * as sent that never arrived died with it. If the primary goes on (it was only silent long
 * enough to be suspected - a long pause, a cut link - and finds itself superseded later), a
 * {@code Partition}: those messages, and any it sends later, were lost on the link. A primary
 * that went on alone first needs neither.
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
        int promotion = promotion(backup);
        int i = 0, j = 0;
        long sent = 0, received = 0;
        boolean linkEnded = false, solo = false;
        int primaryEpoch = 1; // of the last primary step merged: all of them, if its file has ended
        while (i < primary.size() || j < backup.size()) {
            JsonNode next = i < primary.size() ? primary.get(i) : null;
            boolean primaryMay = next != null && next.path("acked").asLong(0) <= received
                    && !(supersededByTakeover(next) && promotion >= j);
            JsonNode b = j < backup.size() ? backup.get(j) : null;
            boolean backupMay = b != null && (!isReceive(b) || b.path("msg").asLong() <= sent);
            if (b != null && b.path("event").asText().equals("BackupFailover") && !linkEnded && !solo) {
                boolean ended = i >= primary.size();
                ObjectNode end = JsonNodeFactory.instance.objectNode();
                end.put("v", 1).put("seq", 0).put("replica", "primary").put("event", ended ? "PrimaryCrash" : "Partition")
                        .put("epoch", primaryEpoch).put("lost", sent - received);
                out.add(new Origin(end, ended ? "(merge: the primary's trace ends; it crashed)"
                        : "(merge: the primary goes on after its backup failed over; the link was lost)", 0));
                linkEnded = true;
            }
            if (primaryMay) {
                JsonNode p = primary.get(i++);
                primaryEpoch = p.path("epoch").asInt(primaryEpoch);
                if (p.path("event").asText().equals("PrimaryGoSolo") && p.path("won").asBoolean()) {
                    solo = true;
                }
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

    /** Where in the backup's file it was promoted, or -1. */
    private static int promotion(List<JsonNode> backup) {
        for (int k = 0; k < backup.size(); k++) {
            JsonNode e = backup.get(k);
            if (e.path("event").asText().equals("BackupFailoverEnd") && e.path("promoted").asBoolean()) {
                return k;
            }
        }
        return -1;
    }

    /** A primary's step that can only follow a takeover by its backup. */
    private static boolean supersededByTakeover(JsonNode e) {
        String name = e.path("event").asText();
        return name.equals("PrimaryFenced") || (name.equals("PrimaryGoSolo") && !e.path("won").asBoolean());
    }
}
