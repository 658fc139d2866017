package org.hbft.runtime;

import java.io.IOException;
import java.util.List;

import org.hbft.replication.Message;
import org.hbft.replication.MessageCodec;

/**
 * The backup's acknowledgements (P4) as its link's reader sends them: as soon as a batch is in
 * this process, ahead of the protocol's own (which the batching link then drops), so that a
 * primary waiting for them is spared two thread hand-offs. The count is cumulative. A batch can
 * arrive before the process holds the link it came on (the link's reader starts inside the
 * call that returns the link); its acknowledgement then goes out when the link is handed over,
 * {@link #linkReady}, so that a primary waiting for it does not wait forever. A backup that dies
 * with batches queued leaves a primary that no longer depends on it. Thread-safe.
 */
final class EarlyAcknowledger {
    private long received;
    private BatchingLink.Sink link;

    /** Counts the messages of a batch that just arrived and acknowledges them if the link is there. */
    synchronized void received(List<Message> batch) {
        long n = 0;
        for (Message m : batch) {
            if (!(m instanceof Message.Ack)) {
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        received += n;
        send();
    }

    /** The link is now the process's: acknowledges whatever arrived before. */
    synchronized void linkReady(BatchingLink.Sink link) {
        this.link = link;
        send();
    }

    /** Messages counted so far. */
    synchronized long received() {
        return received;
    }

    private void send() {
        if (link == null || received == 0 || !link.isUp()) {
            return;
        }
        try {
            link.send(MessageCodec.encodeBatch(List.of(MessageCodec.encode(new Message.Ack(received)))));
        } catch (IOException e) {
            // The failure reaches the replica through the link's listener.
        }
    }
}
