package org.hbft.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.hbft.machine.linux.LinuxProcess;
import org.junit.jupiter.api.Test;

/** A branch into page zero where the gateway has no entry point faults as the Linux gateway page does. */
class GatewayFaultTest {
    static final int TEXT = 0x10000;

    static int bv(int b) {
        return (0x3A << 26) | (b << 21) | (6 << 13);
    }

    static int run(int... words) {
        ByteBuffer code = ByteBuffer.allocate(4 * words.length);
        for (int w : words) {
            code.putInt(w);
        }
        ElfImage image = new ElfImage(TEXT, 0, 0, 32,
                List.of(new ElfImage.Segment(TEXT, 4 * words.length, code.array(), PagedMemory.READ | PagedMemory.EXEC)));
        LinuxProcess p = new LinuxProcess(image, "t", List.of("t"), InputStream.nullInputStream(),
                new ByteArrayOutputStream(), new ByteArrayOutputStream(), w -> { }, false);
        return p.runToExit(1000);
    }

    @Test
    void callThroughANullPointerIsASegmentationFault() {
        assertThat(run(bv(0), Encode.nop())).isEqualTo(128 + 11);
    }

    @Test
    void branchToAnUnassignedGatewayOffsetIsAnIllegalInstruction() {
        assertThat(run(Encode.ldi(0x40, 1), bv(1), Encode.nop())).isEqualTo(128 + 4);
    }
}
