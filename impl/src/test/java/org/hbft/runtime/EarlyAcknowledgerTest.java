package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hbft.replication.Message;
import org.junit.jupiter.api.Test;

class EarlyAcknowledgerTest {
    @Test
    void batchesThatCameBeforeTheLinkWasHandedOverAreAcknowledgedWhenItIs() {
        EarlyAcknowledger acks = new EarlyAcknowledger();
        acks.received(List.of(new Message.Tme(1, 10), new Message.End(1, 4096)));
        acks.received(List.of(new Message.Value(2, 7)));
        RecordingSink link = new RecordingSink();

        acks.linkReady(link);

        assertThat(link.frames).containsExactly(List.of(new Message.Ack(3)));
    }

    @Test
    void eachBatchIsAcknowledgedCumulativelyAndAcknowledgementsInItAreNotCounted() {
        EarlyAcknowledger acks = new EarlyAcknowledger();
        RecordingSink link = new RecordingSink();
        acks.linkReady(link);
        assertThat(link.frames).isEmpty(); // nothing to acknowledge yet

        acks.received(List.of(new Message.Tme(1, 10), new Message.End(1, 4096)));
        acks.received(List.of(new Message.Ack(5)));
        acks.received(List.of(new Message.Value(2, 7)));

        assertThat(link.frames).containsExactly(List.of(new Message.Ack(2)), List.of(new Message.Ack(3)));
        assertThat(acks.received()).isEqualTo(3);
    }

    @Test
    void aLinkThatIsDownIsNotWrittenTo() {
        EarlyAcknowledger acks = new EarlyAcknowledger();
        RecordingSink link = new RecordingSink();
        link.up = false;
        acks.linkReady(link);
        acks.received(List.of(new Message.Tme(1, 10)));
        assertThat(link.frames).isEmpty();
        assertThat(acks.received()).isEqualTo(1);
    }
}
