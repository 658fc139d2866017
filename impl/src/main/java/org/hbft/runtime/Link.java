package org.hbft.runtime;

import java.util.List;

import org.hbft.replication.Message;

/** The outbound side of the replication link as a replica sees it: FIFO, batches in order. */
public interface Link {
    /**
     * Sends the messages in order. A link that is down drops them (the peer is gone). The list
     * stays the caller's, who may reuse it once this returns: a link takes the messages, not the list.
     */
    void send(List<Message> messages);
}
