package org.hbft.runtime;

import java.util.List;

import org.hbft.replication.Message;

/** The outbound side of the replication link as a replica sees it: FIFO, batches in order. */
public interface Link {
    /** Sends the messages in order. A link that is down drops them (the peer is gone). */
    void send(List<Message> messages);
}
