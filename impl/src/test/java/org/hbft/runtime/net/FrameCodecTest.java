package org.hbft.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Frame layout, round trips, and rejection of every kind of damage. */
class FrameCodecTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    final FrameCodec codec = new FrameCodec(KEY);

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    byte[] encoded() {
        return codec.encode(new Frame(FrameKind.DATA, 17, bytes("checkpoint 42")));
    }

    @ParameterizedTest
    @EnumSource(FrameKind.class)
    void everyKindRoundTripsThroughBytesAndStreams(FrameKind kind) throws Exception {
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        for (Frame f : new Frame[] {new Frame(kind, 0, new byte[0]), new Frame(kind, Long.MAX_VALUE, big),
                new Frame(kind, 3, bytes("x"))}) {
            assertThat(codec.decode(codec.encode(f))).isEqualTo(f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(codec.write(out, f)).isEqualTo(FrameCodec.OVERHEAD + f.payload().length);
            assertThat(out.toByteArray()).isEqualTo(codec.encode(f));
            assertThat(new FrameCodec(KEY).read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(f);
        }
    }

    @Test
    void encodingFollowsTheDocumentedLayoutWithAnHmacOverTheRest() {
        byte[] e = encoded();
        ByteBuffer b = ByteBuffer.wrap(e);
        assertThat(Arrays.copyOf(e, 4)).isEqualTo(bytes("HBFT"));
        assertThat(e[4]).isEqualTo((byte) FrameCodec.VERSION);
        assertThat(e[5]).isEqualTo((byte) FrameKind.DATA.code());
        assertThat(b.getLong(6)).isEqualTo(17);
        assertThat(b.getInt(14)).isEqualTo(13);
        assertThat(new String(e, 18, 13, StandardCharsets.UTF_8)).isEqualTo("checkpoint 42");
        assertThat(e).hasSize(18 + 13 + 32);
        assertThat(Arrays.copyOfRange(e, 31, 63)).isEqualTo(FrameCodec.hmac(KEY, Arrays.copyOf(e, 31)));
    }

    @Test
    void severalFramesAreReadBackInOrderAndCleanEndOfStreamIsEof() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            codec.write(out, new Frame(FrameKind.DATA, i, bytes("m" + i)));
        }
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        FrameCodec reader = new FrameCodec(KEY);
        for (int i = 0; i < 5; i++) {
            assertThat(reader.read(in)).isEqualTo(new Frame(FrameKind.DATA, i, bytes("m" + i)));
        }
        assertThatThrownBy(() -> reader.read(in)).isInstanceOf(EOFException.class);
    }

    @Test
    void everyFlippedPayloadOrHeaderSeqOrMacByteFailsAuthentication() {
        byte[] good = encoded();
        for (int i = 6; i < good.length; i++) {
            if (i >= 14 && i < 18) {
                continue; // the length field: garbles framing, covered separately
            }
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> codec.decode(bad)).as("byte %d flipped", i).isInstanceOf(FrameException.class)
                    .hasMessageContaining("bad HMAC");
        }
    }

    @Test
    void aFrameMacdWithAnotherKeyFailsAuthentication() {
        byte[] other = new FrameCodec(bytes("another key, also thirty-two b.")).encode(new Frame(FrameKind.DATA, 17,
                bytes("checkpoint 42")));
        assertThatThrownBy(() -> codec.decode(other)).isInstanceOf(FrameException.class)
                .hasMessageContaining("bad HMAC")
                .satisfies(e -> assertThat(((FrameException) e).seq()).isEqualTo(17));
    }

    @Test
    void wrongMagicIsRejectedAsNotAFrame() {
        byte[] bad = encoded();
        bad[0] = 'X';
        assertThatThrownBy(() -> codec.decode(bad)).isInstanceOf(FrameException.class)
                .hasMessageContaining("bad magic")
                .satisfies(e -> assertThat(((FrameException) e).seqKnown()).isFalse());
    }

    @Test
    void wrongVersionIsRejected() {
        // The next version, and the one before (its batches cannot say that their sender waits).
        for (int v : new int[] {FrameCodec.VERSION + 1, 1}) {
            byte[] bad = encoded();
            bad[4] = (byte) v;
            assertThatThrownBy(() -> codec.decode(bad)).isInstanceOf(FrameException.class)
                    .hasMessageContaining("unsupported protocol version " + v);
        }
    }

    @Test
    void unknownKindIsRejected() {
        byte[] bad = encoded();
        bad[5] = 9;
        assertThatThrownBy(() -> codec.decode(bad)).isInstanceOf(FrameException.class)
                .hasMessageContaining("unknown frame kind 9");
    }

    @Test
    void lengthOverSixteenMebibytesIsRejectedBeforeReadingThePayload() {
        for (int length : new int[] {FrameCodec.MAX_PAYLOAD + 1, -1}) {
            byte[] bad = encoded();
            ByteBuffer.wrap(bad).putInt(14, length);
            assertThatThrownBy(() -> codec.decode(bad)).isInstanceOf(FrameException.class)
                    .hasMessageContaining("exceeds the 16 MiB limit");
        }
        assertThatThrownBy(() -> new Frame(FrameKind.DATA, 0, new byte[FrameCodec.MAX_PAYLOAD + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFrameCutShortAnywhereIsRejectedAsTruncated() {
        byte[] good = encoded();
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> codec.decode(cut)).as("%d bytes", n).isInstanceOf(FrameException.class)
                    .hasMessageContaining("truncated");
            if (n > 0) {
                assertThatThrownBy(() -> codec.read(new ByteArrayInputStream(cut))).isInstanceOf(FrameException.class)
                        .hasMessageContaining("truncated");
            }
        }
    }

    @Test
    void bytesAfterTheFrameAreRejectedByDecode() {
        byte[] longer = Arrays.copyOf(encoded(), encoded().length + 1);
        assertThatThrownBy(() -> codec.decode(longer)).isInstanceOf(FrameException.class)
                .hasMessageContaining("unexpected bytes");
    }
}
