package org.hbft.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.hbft.machine.device.DeviceEvent;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    static final List<Message> ALL = List.of(new Message.Value(3, -5), new Message.Tme(9, 1L << 50),
            new Message.End(12, 0), new Message.Ack(77),
            new Message.Relay(4, new Interrupt(Interrupt.Kind.DONE, 8, new DeviceEvent(3, 2, new byte[] {1, 2, 3}))),
            new Message.Relay(5, new Interrupt(Interrupt.Kind.EXTERNAL, 1, new DeviceEvent(4, 0x100, null))));

    @Test
    void everyMessageSurvivesTheRoundTrip() {
        for (Message m : ALL) {
            assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void truncatedOrPaddedOrUnknownPayloadsAreRejected() {
        for (Message m : ALL) {
            byte[] b = MessageCodec.encode(m);
            for (int n = 0; n < b.length; n++) {
                byte[] cut = Arrays.copyOf(b, n);
                assertThatThrownBy(() -> MessageCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
            }
            byte[] padded = Arrays.copyOf(b, b.length + 1);
            assertThatThrownBy(() -> MessageCodec.decode(padded)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> MessageCodec.decode(new byte[] {99})).hasMessageContaining("unknown message type");
    }

    @Test
    void aBatchSurvivesTheRoundTripInOrder() {
        byte[] batch = MessageCodec.encodeBatch(ALL.stream().map(MessageCodec::encode).toList());
        assertThat(MessageCodec.decodeBatch(batch)).containsExactlyElementsOf(ALL);
        assertThat(MessageCodec.decodeBatch(MessageCodec.encodeBatch(List.of()))).isEmpty();
    }

    @Test
    void aBatchWithAMalformedMessageOrLengthIsRejectedWhole() {
        byte[] good = MessageCodec.encodeBatch(ALL.stream().map(MessageCodec::encode).toList());
        // Every cut of the batch is reported, never half-read.
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> MessageCodec.decodeBatch(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        // An inner length that takes a byte from the next message: this one padded, the next truncated.
        byte[] shifted = good.clone();
        shifted[7]++; // the first message's length (after the 4-byte count)
        assertThatThrownBy(() -> MessageCodec.decodeBatch(shifted)).isInstanceOf(IllegalArgumentException.class);
        // A relay whose data length points past its own message.
        byte[] relay = MessageCodec.encode(ALL.get(4));
        assertThat(relay[relay.length - 3 - 1]).as("low byte of the data length").isEqualTo((byte) 3);
        relay[relay.length - 3 - 1] = 9; // data length 3 -> 9, in a message framed as the original length
        byte[] batch = MessageCodec.encodeBatch(List.of(relay, MessageCodec.encode(ALL.get(0))));
        assertThatThrownBy(() -> MessageCodec.decodeBatch(batch)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchWriterMakesWhatEncodeBatchMakesAndStartsAfreshAfterEachTake() {
        MessageCodec.BatchWriter w = new MessageCodec.BatchWriter();
        for (Message m : ALL) {
            w.add(m);
        }
        byte[] expected = MessageCodec.encodeBatch(ALL.stream().map(MessageCodec::encode).toList());
        assertThat(w.bytes()).isEqualTo(expected.length);
        assertThat(w.take()).isEqualTo(expected);
        assertThat(w.count()).isZero();
        // Grows past its first buffer; takes back only the last message.
        Message big = new Message.Relay(1, new Interrupt(Interrupt.Kind.DONE, 2, new DeviceEvent(3, 0, new byte[10_000])));
        w.add(new Message.Ack(1));
        w.add(big);
        w.add(new Message.Ack(2));
        w.removeLast();
        w.add(new Message.Ack(3));
        assertThat(MessageCodec.decodeBatch(w.take())).containsExactly(new Message.Ack(1), big, new Message.Ack(3));
        assertThatThrownBy(w::removeLast).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBatchMarkedAsAwaitedDecodesAsTheSameMessagesAndSaysSo() {
        MessageCodec.BatchWriter w = new MessageCodec.BatchWriter();
        ALL.forEach(w::add);
        byte[] marked = w.take(true);
        ALL.forEach(w::add);
        byte[] plain = w.take(false);
        assertThat(MessageCodec.senderWaits(marked)).isTrue();
        assertThat(MessageCodec.senderWaits(plain)).isFalse();
        assertThat(MessageCodec.decodeBatch(marked)).containsExactlyElementsOf(ALL);
        assertThat(Arrays.copyOfRange(marked, 4, marked.length)).isEqualTo(Arrays.copyOfRange(plain, 4, plain.length));
        byte[] request = w.take(true);
        assertThat(MessageCodec.senderWaits(request)).isTrue();
        assertThat(MessageCodec.decodeBatch(request)).isEmpty();
        assertThat(MessageCodec.senderWaits(new byte[] {(byte) 0x80})).as("too short to be a batch").isFalse();
    }

    @Test
    void aProgressReportIsNeverTakenForABatchNorABatchForIt() {
        byte[] report = MessageCodec.encodeProgress(123_456);
        assertThat(MessageCodec.isProgress(report)).isTrue();
        assertThat(MessageCodec.decodeProgress(report)).isEqualTo(123_456);
        assertThatThrownBy(() -> MessageCodec.decodeBatch(report)).isInstanceOf(IllegalArgumentException.class);
        MessageCodec.BatchWriter w = new MessageCodec.BatchWriter();
        w.add(new Message.End(1, 4096));
        byte[] marked = w.take(true);
        byte[] empty = w.take(false);
        for (byte[] batch : List.of(marked, empty, MessageCodec.encodeBatch(List.of(MessageCodec.encode(new Message.Ack(9)))))) {
            assertThat(MessageCodec.isProgress(batch)).isFalse();
        }
        assertThatThrownBy(() -> MessageCodec.decodeProgress(empty)).isInstanceOf(IllegalArgumentException.class);
    }
}
