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
}
