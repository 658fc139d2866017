package org.hbft.machine.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Console bytes in and out; clock readings latched from the environment. */
class ConsoleAndClockTest {
    @Test
    void consoleTransmitsLowByteAndReceivesInputOnlyOnDelivery() {
        FakeContext ctx = new FakeContext();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleDevice con = new ConsoleDevice(out);
        con.attach(1, ctx);
        con.write(ConsoleDevice.TX, 0x1234_5648);
        con.write(ConsoleDevice.TX, 'i');
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("Hi");
        con.input("ok".getBytes(StandardCharsets.US_ASCII));
        assertThat(con.read(ConsoleDevice.RXCOUNT)).as("not before delivery").isZero();
        ctx.deliverAll(con);
        assertThat(ctx.interrupts).isEqualTo(ConsoleDevice.IRQ);
        assertThat(con.read(ConsoleDevice.RXCOUNT)).isEqualTo(2);
        assertThat(con.read(ConsoleDevice.RXDATA)).isEqualTo('o');
        assertThat(con.read(ConsoleDevice.RXDATA)).isEqualTo('k');
        assertThat(con.read(ConsoleDevice.RXDATA)).isEqualTo(-1);
    }

    @Test
    void clockSecondsReadLatchesTheMicroseconds() {
        FakeContext ctx = new FakeContext();
        long[] now = {1_700_000_123_456_789L};
        ClockDevice clock = new ClockDevice(() -> now[0]);
        clock.attach(2, ctx);
        assertThat(clock.read(ClockDevice.SECONDS)).isEqualTo(1_700_000_123);
        now[0] += 5;
        assertThat(clock.read(ClockDevice.MICROS)).isEqualTo(456_789);
    }

    @Test
    void powerOffRegisterStopsTheMachineWithTheStatus() {
        FakeContext ctx = new FakeContext();
        SystemController sys = new SystemController(FakeContext.RAM);
        sys.attach(0, ctx);
        assertThat(sys.read(SystemController.MEMSIZE)).isEqualTo(FakeContext.RAM);
        sys.write(SystemController.POWEROFF, 3);
        assertThat(ctx.powerOff).isEqualTo(3);
    }
}
