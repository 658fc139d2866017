package org.hbft.machine.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The network device's transmit and receive paths, DMA checks, and the TCP framing. */
class NetDeviceTest {
    FakeContext ctx;
    MemoryNetPeer peer;
    NetDevice net;

    @BeforeEach
    void setUp() {
        ctx = new FakeContext();
        peer = new MemoryNetPeer();
        net = new NetDevice(peer);
        net.attach(4, ctx);
    }

    void send(int addr, int len) {
        net.write(NetDevice.TX_ADDR, addr);
        net.write(NetDevice.TX_LEN, len);
        net.write(NetDevice.TX_CMD, 1);
    }

    void arm(int addr, int size) {
        net.write(NetDevice.RX_ADDR, addr);
        net.write(NetDevice.RX_SIZE, size);
        net.write(NetDevice.RX_CMD, 1);
    }

    @Test
    void transmitSendsTheFrameAndCompletesByInterrupt() {
        ctx.memory.write(0x100, "hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
        send(0x100, 5);
        assertThat(peer.sent()).hasSize(1);
        assertThat(new String(peer.sent().get(0), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(net.read(NetDevice.TX_STATUS)).isEqualTo(NetDevice.BUSY);
        ctx.deliverAll(net);
        assertThat(net.read(NetDevice.TX_STATUS)).isEqualTo(NetDevice.OK);
        assertThat(ctx.interrupts).isEqualTo(NetDevice.IRQ);
    }

    @Test
    void transmitOfABadLengthOrBufferIsAnErrorAndSendsNothing() {
        send(0x100, 0);
        ctx.deliverAll(net);
        assertThat(net.read(NetDevice.TX_STATUS)).isEqualTo(NetDevice.ERROR);
        net.write(NetDevice.ACK, 1);
        send(0x100, NetDevice.MTU + 1);
        ctx.deliverAll(net);
        assertThat(net.read(NetDevice.TX_STATUS)).isEqualTo(NetDevice.ERROR);
        net.write(NetDevice.ACK, 1);
        send(FakeContext.RAM - 2, 10);
        ctx.deliverAll(net);
        assertThat(net.read(NetDevice.TX_STATUS)).isEqualTo(NetDevice.ERROR);
        assertThat(peer.sent()).isEmpty();
    }

    @Test
    void receivedFrameLandsInTheArmedBufferOnDelivery() {
        arm(0x2000, 64);
        peer.inject("GET a".getBytes(StandardCharsets.US_ASCII));
        assertThat(net.read(NetDevice.RX_STATUS)).isEqualTo(NetDevice.ARMED);
        ctx.deliverAll(net);
        assertThat(net.read(NetDevice.RX_STATUS)).isEqualTo(NetDevice.OK);
        assertThat(net.read(NetDevice.RX_LEN)).isEqualTo(5);
        assertThat(new String(ctx.memory.read(0x2000, 5), StandardCharsets.US_ASCII)).isEqualTo("GET a");
        assertThat(ctx.interrupts).isEqualTo(NetDevice.IRQ);
    }

    @Test
    void framesArrivingWithNoBufferWaitAndArePlacedWhenOneIsArmed() {
        peer.inject("one".getBytes(StandardCharsets.US_ASCII));
        peer.inject("two".getBytes(StandardCharsets.US_ASCII));
        ctx.deliverAll(net);
        assertThat(ctx.interrupts).isZero();
        arm(0x3000, 16);
        assertThat(net.read(NetDevice.RX_STATUS)).isEqualTo(NetDevice.OK);
        assertThat(new String(ctx.memory.read(0x3000, 3), StandardCharsets.US_ASCII)).isEqualTo("one");
        net.write(NetDevice.ACK, 2);
        arm(0x3000, 16);
        assertThat(new String(ctx.memory.read(0x3000, 3), StandardCharsets.US_ASCII)).isEqualTo("two");
    }

    @Test
    void frameLongerThanTheBufferIsAnErrorAndWritesNothing() {
        arm(0x4000, 4);
        peer.inject("too long".getBytes(StandardCharsets.US_ASCII));
        ctx.deliverAll(net);
        assertThat(net.read(NetDevice.RX_STATUS)).isEqualTo(NetDevice.ERROR);
        assertThat(ctx.memory.read(0x4000, 4)).isEqualTo(new byte[4]);
    }

    @Test
    void receiveBufferOutsideGuestMemoryIsRefused() {
        arm(0xF0000000, 64);
        assertThat(net.read(NetDevice.RX_STATUS)).isEqualTo(NetDevice.ERROR);
    }

    @Test
    void tcpEndpointCarriesLengthPrefixedFramesBothWays() throws Exception {
        LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        try (TcpNetEndpoint tcp = new TcpNetEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            tcp.start(received::add);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tcp.port())) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeShort(3);
                out.write("abc".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
                tcp.send("xyz!".getBytes(StandardCharsets.US_ASCII));
                DataInputStream in = new DataInputStream(s.getInputStream());
                assertThat(in.readUnsignedShort()).isEqualTo(4);
                byte[] b = new byte[4];
                in.readFully(b);
                assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("xyz!");
            }
        }
    }

    @Test
    void tcpEndpointWithNoClientFailsToSend() throws Exception {
        try (TcpNetEndpoint tcp = new TcpNetEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            tcp.start(f -> { });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> tcp.send(new byte[1]))
                    .hasMessageContaining("no client connected");
        }
    }
}
