package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.hbft.replication.Message;
import org.hbft.replication.MessageCodec;
import org.junit.jupiter.api.Test;

class EarlyAcknowledgerTest {
    /** A link that records what is sent on it, as the messages it carries. */
    static final class Recorder implements BatchingLink.Sink {
        final List<List<Message>> sent = new ArrayList<>();
        boolean up = true;

        @Override
        public boolean isUp() {
            return up;
        }

        @Override
        public void send(byte[] payload) {
            sent.add(MessageCodec.decodeBatch(payload));
        }
    }

    @Test
    void batchesThatCameBeforeTheLinkWasHandedOverAreAcknowledgedWhenItIs() {
        EarlyAcknowledger acks = new EarlyAcknowledger();
        acks.received(List.of(new Message.Tme(1, 10), new Message.End(1, 4096)));
        acks.received(List.of(new Message.Value(2, 7)));
        Recorder link = new Recorder();

        acks.linkReady(link);

        assertThat(link.sent).containsExactly(List.of(new Message.Ack(3)));
    }

    @Test
    void eachBatchIsAcknowledgedCumulativelyAndAcknowledgementsInItAreNotCounted() {
        EarlyAcknowledger acks = new EarlyAcknowledger();
        Recorder link = new Recorder();
        acks.linkReady(link);
        assertThat(link.sent).isEmpty(); // nothing to acknowledge yet

        acks.received(List.of(new Message.Tme(1, 10), new Message.End(1, 4096)));
        acks.received(List.of(new Message.Ack(5)));
        acks.received(List.of(new Message.Value(2, 7)));

        assertThat(link.sent).containsExactly(List.of(new Message.Ack(2)), List.of(new Message.Ack(3)));
        assertThat(acks.received()).isEqualTo(3);
    }

    @Test
    void aLinkThatIsDownIsNotWrittenTo() {
        EarlyAcknowledger acks = new EarlyAcknowledger();
        Recorder link = new Recorder();
        link.up = false;
        acks.linkReady(link);
        acks.received(List.of(new Message.Tme(1, 10)));
        assertThat(link.sent).isEmpty();
        assertThat(acks.received()).isEqualTo(1);
    }
}
