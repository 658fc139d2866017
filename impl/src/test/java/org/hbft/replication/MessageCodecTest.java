package org.hbft.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.hbft.machine.device.DeviceEvent;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    static final List<Message> ALL = List.of(new Message.Value(3, -5), new Message.Tme(9, 1L << 50),
            new Message.End(12, 0), new Message.Ack(77),
            new Message.Relay(4, new Interrupt(Interrupt.Kind.DONE, 8, new DeviceEvent(3, 2, new byte[] {1, 2, 3}))),
            new Message.Relay(5, new Interrupt(Interrupt.Kind.EXTERNAL, 1, new DeviceEvent(4, 0x100, null))));

    /** Every field at the ends of its range, and epochs and clock values that jump across it. */
    static final List<Message> EXTREMES = List.of(new Message.Value(Integer.MIN_VALUE, Long.MIN_VALUE),
            new Message.Tme(Integer.MAX_VALUE, Long.MAX_VALUE), new Message.Tme(Integer.MIN_VALUE, Long.MIN_VALUE),
            new Message.End(-1, Long.MAX_VALUE), new Message.Ack(Long.MIN_VALUE), new Message.Ack(Long.MAX_VALUE),
            new Message.Relay(Integer.MAX_VALUE, new Interrupt(Interrupt.Kind.DONE, Integer.MIN_VALUE,
                    new DeviceEvent(Integer.MAX_VALUE, Integer.MIN_VALUE, new byte[MessageCodec.MAX_DATA]))),
            new Message.Tme(0, 0));

    @Test
    void everyMessageSurvivesTheRoundTrip() {
        for (Message m : concat(ALL, EXTREMES)) {
            assertThat(MessageCodec.decodeBatch(MessageCodec.encodeBatch(List.of(m)))).containsExactly(m);
        }
    }

    @Test
    void truncatedOrPaddedOrUnknownPayloadsAreRejected() {
        for (Message m : ALL) {
            byte[] b = MessageCodec.encodeBatch(List.of(m));
            for (int n = 0; n < b.length; n++) {
                byte[] cut = Arrays.copyOf(b, n);
                assertThatThrownBy(() -> MessageCodec.decodeBatch(cut)).isInstanceOf(IllegalArgumentException.class);
            }
            byte[] padded = Arrays.copyOf(b, b.length + 1);
            assertThatThrownBy(() -> MessageCodec.decodeBatch(padded)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> MessageCodec.decodeBatch(new byte[] {0, 0, 0, 1, 99, 0}))
                .hasMessageContaining("unknown message type");
    }

    @Test
    void aBatchSurvivesTheRoundTripInOrder() {
        assertThat(MessageCodec.decodeBatch(MessageCodec.encodeBatch(ALL))).containsExactlyElementsOf(ALL);
        List<Message> both = concat(EXTREMES, ALL);
        assertThat(MessageCodec.decodeBatch(MessageCodec.encodeBatch(both))).containsExactlyElementsOf(both);
        assertThat(MessageCodec.decodeBatch(MessageCodec.encodeBatch(List.of()))).isEmpty();
    }

    @Test
    void aPrimarysEpochWithNothingToDeliverTakesSevenBytes() {
        // What a busy primary sends: its clock at each epoch's end (about 4 us on) and the end itself.
        MessageCodec.BatchWriter w = new MessageCodec.BatchWriter();
        long clock = 1_795_000_000_000_000L;
        int epochs = 1000;
        for (int e = 5_000_000; e < 5_000_000 + epochs; e++) {
            clock += 3 + e % 5;
            w.add(new Message.Tme(e, clock));
            w.add(new Message.End(e, 4096));
        }
        byte[] batch = w.take();
        assertThat(batch.length - 4).isLessThanOrEqualTo(7 * epochs + 16); // the first epoch and clock in full
        assertThat(MessageCodec.decodeBatch(batch)).hasSize(2 * epochs).last().isEqualTo(
                new Message.End(5_000_000 + epochs - 1, 4096));
    }

    @Test
    void aBatchWithAMalformedMessageOrLengthIsRejectedWhole() {
        byte[] good = MessageCodec.encodeBatch(ALL);
        // Every cut of the batch is reported, never half-read.
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> MessageCodec.decodeBatch(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        // A count one too high or one too low.
        byte[] more = good.clone();
        more[3]++;
        assertThatThrownBy(() -> MessageCodec.decodeBatch(more)).isInstanceOf(IllegalArgumentException.class);
        byte[] fewer = good.clone();
        fewer[3]--;
        assertThatThrownBy(() -> MessageCodec.decodeBatch(fewer)).hasMessageContaining("bytes after the batch");
        // A relay whose data length points past the batch.
        byte[] relay = MessageCodec.encodeBatch(List.of(ALL.get(4)));
        assertThat(relay[relay.length - 3 - 1]).as("the data length").isEqualTo((byte) 3);
        relay[relay.length - 3 - 1] = 9;
        assertThatThrownBy(() -> MessageCodec.decodeBatch(relay)).hasMessageContaining("data length 9 out of range");
        // A variable-length integer of more than 64 bits: eleven bytes, or ten with a high last byte.
        byte[] endless = {0, 0, 0, 1, 5, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0};
        assertThatThrownBy(() -> MessageCodec.decodeBatch(endless)).hasMessageContaining("longer than 64 bits");
        byte[] wide = {0, 0, 0, 1, 5, -1, -1, -1, -1, -1, -1, -1, -1, -1, 2};
        assertThatThrownBy(() -> MessageCodec.decodeBatch(wide)).hasMessageContaining("longer than 64 bits");
        // An epoch beyond an int: the largest epoch, then one more.
        byte[] past = MessageCodec.encodeBatch(List.of(new Message.End(Integer.MAX_VALUE, 1), new Message.End(Integer.MAX_VALUE, 1)));
        past[past.length - 2] = 2; // the second epoch's difference, zigzag-encoded: 0 -> +1
        assertThatThrownBy(() -> MessageCodec.decodeBatch(past)).hasMessageContaining("epoch 2147483648 out of range");
    }

    @Test
    void aBatchWriterMakesWhatEncodeBatchMakesAndStartsAfreshAfterEachTake() {
        MessageCodec.BatchWriter w = new MessageCodec.BatchWriter();
        for (Message m : ALL) {
            w.add(m);
        }
        byte[] expected = MessageCodec.encodeBatch(ALL);
        assertThat(w.bytes()).isEqualTo(expected.length);
        assertThat(w.take()).isEqualTo(expected);
        assertThat(w.count()).isZero();
        for (Message m : ALL) {
            w.add(m);
        }
        assertThat(w.take()).as("no epoch or clock carried over from the last batch").isEqualTo(expected);
        // Grows past its first buffer; takes back only the last message, and what it was relative to.
        Message big = new Message.Relay(1, new Interrupt(Interrupt.Kind.DONE, 2, new DeviceEvent(3, 0, new byte[10_000])));
        w.add(new Message.Ack(1));
        w.add(big);
        w.add(new Message.Tme(7, 1000));
        w.removeLast();
        w.add(new Message.Tme(3, 900));
        assertThat(MessageCodec.decodeBatch(w.take())).containsExactly(new Message.Ack(1), big, new Message.Tme(3, 900));
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
        for (byte[] batch : List.of(marked, empty, MessageCodec.encodeBatch(List.of(new Message.Ack(9))))) {
            assertThat(MessageCodec.isProgress(batch)).isFalse();
        }
        assertThatThrownBy(() -> MessageCodec.decodeProgress(empty)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void anyBatchSurvivesTheRoundTrip(@ForAll("batches") List<Message> batch) {
        assertThat(MessageCodec.decodeBatch(MessageCodec.encodeBatch(batch))).containsExactlyElementsOf(batch);
    }

    @Property(tries = 300)
    void aBatchWithAnyByteChangedDecodesOrIsRejectedWithAReason(@ForAll("batches") List<Message> batch,
            @ForAll("positions") double where, @ForAll("bytes") byte value) {
        byte[] payload = MessageCodec.encodeBatch(batch);
        int at = (int) (where * payload.length);
        payload[at] = value;
        try {
            assertThat(MessageCodec.decodeBatch(payload)).isNotNull();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<List<Message>> batches() {
        Arbitrary<Integer> epoch = Arbitraries.oneOf(Arbitraries.integers().between(0, 3),
                Arbitraries.integers());
        Arbitrary<Long> value = Arbitraries.oneOf(Arbitraries.longs().between(-300, 300), Arbitraries.longs());
        Arbitrary<Interrupt> interrupt = Combinators.combine(Arbitraries.of(Interrupt.Kind.values()),
                Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as((kind, id, device, status, data) -> new Interrupt(kind, id, new DeviceEvent(device, status, data)));
        Arbitrary<Message> message = Arbitraries.oneOf(
                Combinators.combine(epoch, value).as(Message.Value::new),
                Combinators.combine(epoch, value).as(Message.Tme::new),
                Combinators.combine(epoch, value).as(Message.End::new),
                value.map(Message.Ack::new),
                Combinators.combine(epoch, interrupt).as(Message.Relay::new));
        return message.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<Double> positions() {
        return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
    }

    @Provide
    Arbitrary<Byte> bytes() {
        return Arbitraries.bytes();
    }

    private static List<Message> concat(List<Message> a, List<Message> b) {
        List<Message> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }
}
