package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.hbft.machine.device.DeviceEvent;
import org.hbft.replication.Interrupt;
import org.hbft.replication.Message;
import org.junit.jupiter.api.Test;

/** Batching changes how many frames carry the messages, never which messages or their order. */
class BatchingLinkTest {
    private static final long NEVER = Long.MAX_VALUE;

    @Test
    void holdsMessagesUntilFlushedAndKeepsTheirOrder() {
        RecordingSink sink = new RecordingSink();
        BatchingLink link = new BatchingLink(NEVER, 1 << 20);
        link.connect(sink);
        List<Message> sent = new ArrayList<>();
        for (int e = 1; e <= 500; e++) {
            List<Message> step = List.of(new Message.Tme(e, 1_000L * e), new Message.End(e, 4096));
            sent.addAll(step);
            link.send(step);
            link.flushIfDue();
        }
        assertThat(sink.frames).as("nothing is due before the delay").isEmpty();
        assertThat(link.pending()).isEqualTo(1000);
        link.flush();
        assertThat(sink.frames).hasSize(1);
        assertThat(sink.all()).containsExactlyElementsOf(sent);
        assertThat(link.pending()).isZero();
    }

    @Test
    void sendsAFrameWhenEnoughBytesWait() {
        RecordingSink sink = new RecordingSink();
        BatchingLink link = new BatchingLink(NEVER, 1000);
        link.connect(sink);
        List<Message> sent = new ArrayList<>();
        for (int e = 1; e <= 600; e++) {
            Message m = new Message.End(e, 4096);
            sent.add(m);
            link.send(List.of(m));
        }
        // 4 bytes each (type, the epoch one on, the length) after the 4-byte count: a frame goes
        // out as the 249th brings it to 1,000 bytes.
        assertThat(sink.frames).hasSize(2);
        assertThat(sink.frames.get(0)).hasSize(249);
        link.flush();
        assertThat(sink.all()).containsExactlyElementsOf(sent);
    }

    @Test
    void sendsWhatHasWaitedLongEnough() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        BatchingLink link = new BatchingLink(1_000_000, 1 << 20);
        link.connect(sink);
        link.send(List.of(new Message.End(1, 4096)));
        Thread.sleep(3);
        link.flushIfDue();
        assertThat(sink.frames).hasSize(1);
        link.flushIfDue();
        assertThat(sink.frames).as("an empty batch is never sent").hasSize(1);
    }

    @Test
    void aNewerAcknowledgementReplacesAnOlderOneStillWaiting() {
        RecordingSink sink = new RecordingSink();
        BatchingLink link = new BatchingLink(NEVER, 1 << 20);
        link.connect(sink);
        link.send(List.of(new Message.Ack(1), new Message.Ack(2)));
        link.send(List.of(new Message.Ack(3)));
        link.send(List.of(new Message.Tme(4, 9), new Message.Ack(5), new Message.Ack(6)));
        link.flush();
        assertThat(sink.all()).containsExactly(new Message.Ack(3), new Message.Tme(4, 9), new Message.Ack(6));
    }

    @Test
    void carriesRelayedInterruptsWithTheirDataWhateverTheirSize() {
        RecordingSink sink = new RecordingSink();
        BatchingLink link = new BatchingLink(NEVER, 1 << 20);
        link.connect(sink);
        byte[] block = new byte[3 * 4096];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 7);
        }
        Message relay = new Message.Relay(3, new Interrupt(Interrupt.Kind.DONE, 12, new DeviceEvent(2, 1, block)));
        link.send(List.of(new Message.Tme(3, 5), relay, new Message.End(3, 100)));
        link.flush();
        List<Message> got = sink.all();
        assertThat(got).hasSize(3);
        Message.Relay r = (Message.Relay) got.get(1);
        assertThat(r.interrupt().event().data()).isEqualTo(block);
        assertThat(r.interrupt().id()).isEqualTo(12);
    }

    @Test
    void whatIsPendingWhenThePeerIsGoneIsLostWithIt() {
        RecordingSink sink = new RecordingSink();
        BatchingLink link = new BatchingLink(NEVER, 1 << 20);
        link.connect(sink);
        link.send(List.of(new Message.End(1, 1)));
        sink.up = false;
        link.flush();
        sink.up = true;
        link.send(List.of(new Message.End(2, 1)));
        link.flush();
        assertThat(sink.all()).containsExactly(new Message.End(2, 1));
    }

    @Test
    void rejectsBoundsThatCannotWork() {
        assertThatThrownBy(() -> new BatchingLink(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchingLink(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplicaAboutToWaitMarksItsBatchAndAsksAgainOnlyAfterUnmarkedOnes() {
        RecordingSink sink = new RecordingSink();
        BatchingLink link = new BatchingLink(NEVER, 1 << 20);
        link.connect(sink);
        link.flushAwaitingAck();
        assertThat(sink.frames).as("nothing sent, nothing to ask for").isEmpty();

        link.send(List.of(new Message.End(1, 4096)));
        link.flushAwaitingAck();
        link.flushAwaitingAck(); // its acknowledgement is already on its way: no second request
        assertThat(sink.frames).containsExactly(List.of(new Message.End(1, 4096)));
        assertThat(sink.awaited).containsExactly(true);

        link.send(List.of(new Message.End(2, 4096)));
        link.flush();
        link.flushAwaitingAck(); // epoch 2 went out unmarked: an empty request for it
        link.flushAwaitingAck();
        assertThat(sink.frames).containsExactly(List.of(new Message.End(1, 4096)), List.of(new Message.End(2, 4096)),
                List.of());
        assertThat(sink.awaited).containsExactly(true, false, true);
    }
}
