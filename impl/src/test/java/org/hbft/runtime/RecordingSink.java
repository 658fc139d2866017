package org.hbft.runtime;

import java.util.ArrayList;
import java.util.List;

import org.hbft.replication.Message;
import org.hbft.replication.MessageCodec;

/** A link for tests: records each frame sent on it, decoded; {@link #up} says whether it is up. */
final class RecordingSink implements BatchingLink.Sink {
    final List<List<Message>> frames = new ArrayList<>();
    /** For each frame, whether it was marked {@link MessageCodec#SENDER_WAITS}. */
    final List<Boolean> awaited = new ArrayList<>();
    boolean up = true;

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public void send(byte[] payload) {
        frames.add(MessageCodec.decodeBatch(payload));
        awaited.add(MessageCodec.senderWaits(payload));
    }

    /** Every message sent, in order. */
    List<Message> all() {
        List<Message> l = new ArrayList<>();
        frames.forEach(l::addAll);
        return l;
    }
}
