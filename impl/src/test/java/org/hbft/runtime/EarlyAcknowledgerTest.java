package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hbft.replication.Message;
import org.junit.jupiter.api.Test;

class EarlyAcknowledgerTest {
    @Test
    void batchesThatCameBeforeTheLinkWasHandedOverAreAcknowledgedWhenItIs() {
        EarlyAcknowledger acks = new EarlyAcknowledger(0, System::nanoTime);
        acks.received(List.of(new Message.Tme(1, 10), new Message.End(1, 4096)), false);
        acks.received(List.of(new Message.Value(2, 7)), false);
        RecordingSink link = new RecordingSink();

        acks.linkReady(link);

        assertThat(link.frames).containsExactly(List.of(new Message.Ack(3)));
    }

    @Test
    void eachBatchIsAcknowledgedCumulativelyAndAcknowledgementsInItAreNotCounted() {
        EarlyAcknowledger acks = new EarlyAcknowledger(0, System::nanoTime);
        RecordingSink link = new RecordingSink();
        acks.linkReady(link);
        assertThat(link.frames).isEmpty(); // nothing to acknowledge yet

        acks.received(List.of(new Message.Tme(1, 10), new Message.End(1, 4096)), false);
        acks.received(List.of(new Message.Ack(5)), false);
        acks.received(List.of(new Message.Value(2, 7)), false);

        assertThat(link.frames).containsExactly(List.of(new Message.Ack(2)), List.of(new Message.Ack(3)));
        assertThat(acks.received()).isEqualTo(3);
    }

    @Test
    void aLinkThatIsDownIsNotWrittenTo() {
        EarlyAcknowledger acks = new EarlyAcknowledger(0, System::nanoTime);
        RecordingSink link = new RecordingSink();
        link.up = false;
        acks.linkReady(link);
        acks.received(List.of(new Message.Tme(1, 10)), false);
        assertThat(link.frames).isEmpty();
        assertThat(acks.received()).isEqualTo(1);
    }

    @Test
    void batchesTheSenderDoesNotWaitForAreAcknowledgedAtMostOncePerInterval() {
        long[] now = {0};
        EarlyAcknowledger acks = new EarlyAcknowledger(10_000_000, () -> now[0]);
        RecordingSink link = new RecordingSink();
        acks.linkReady(link);
        for (int e = 1; e <= 5; e++) {
            now[0] += 1_000_000;
            acks.received(List.of(new Message.End(e, 4096)), false);
        }
        assertThat(link.frames).as("5 ms of batches nobody waits for").isEmpty();

        now[0] += 1_000_000;
        acks.received(List.of(new Message.End(6, 4096)), true);
        assertThat(link.frames).as("the sender waits: everything so far, at once").containsExactly(List.of(new Message.Ack(6)));

        acks.received(List.of(), true);
        assertThat(link.frames).as("a request with nothing new is already answered").hasSize(1);

        for (int e = 7; e <= 17; e++) {
            now[0] += 1_000_000;
            acks.received(List.of(new Message.End(e, 4096)), false);
        }
        assertThat(link.frames).as("10 ms after the last").containsExactly(List.of(new Message.Ack(6)),
                List.of(new Message.Ack(16)));
    }
}
