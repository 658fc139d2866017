package org.hbft.runtime.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A man in the middle for one link connection: forwards whole frames both ways, records them, and lets a
 * test inject, tamper with, freeze or cut the traffic. Frame-aware so that injected bytes land on a frame
 * boundary.
 */
final class FrameProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Object lock = new Object();
    private final List<byte[]> toListener = new ArrayList<>();
    private final List<byte[]> toConnector = new ArrayList<>();
    private volatile UnaryOperator<byte[]> tamperToListener = UnaryOperator.identity();
    private volatile boolean frozen;
    private Socket fromConnector;
    private Socket toListenerSocket;

    FrameProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::run, "test-proxy");
        t.setDaemon(true);
        t.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** Frames forwarded from the connector to the listener so far, as wire bytes. */
    List<byte[]> framesToListener() {
        synchronized (lock) {
            return new ArrayList<>(toListener);
        }
    }

    /** Payloads of the DATA frames forwarded to the listener so far. */
    List<byte[]> dataPayloadsToListener() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] f : framesToListener()) {
            if (kind(f) == FrameKind.DATA) {
                out.add(Arrays.copyOfRange(f, FrameCodec.HEADER_LENGTH, f.length - FrameCodec.MAC_LENGTH));
            }
        }
        return out;
    }

    /** Writes {@code frame} to the listener between two forwarded frames. */
    void injectToListener(byte[] frame) throws IOException {
        synchronized (lock) {
            OutputStream out = toListenerSocket.getOutputStream();
            out.write(frame);
            out.flush();
        }
    }

    /** Rewrites each frame on its way to the listener. */
    void tamperToListener(UnaryOperator<byte[]> f) {
        tamperToListener = f;
    }

    /** Stops forwarding in both directions without closing anything: the peer looks hung. */
    void freeze() {
        frozen = true;
    }

    /**
     * Cuts the connection as a crashed connector would: the listener sees end of stream after every frame
     * already forwarded.
     */
    void killConnectorSide() throws IOException {
        synchronized (lock) {
            toListenerSocket.shutdownOutput();
            fromConnector.close();
        }
    }

    static FrameKind kind(byte[] frame) {
        return FrameKind.fromCode(frame[5] & 0xff);
    }

    static long seq(byte[] frame) {
        return ByteBuffer.wrap(frame).getLong(6);
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (lock) {
            if (fromConnector != null) {
                fromConnector.close();
            }
            if (toListenerSocket != null) {
                toListenerSocket.close();
            }
        }
    }

    private void run() {
        try {
            Socket a = server.accept();
            Socket b = new Socket(target.getAddress(), target.getPort());
            a.setTcpNoDelay(true);
            b.setTcpNoDelay(true);
            synchronized (lock) {
                fromConnector = a;
                toListenerSocket = b;
            }
            pump(b, a, toConnector, UnaryOperator.identity(), "test-proxy-to-connector");
            pump(a, b, toListener, null, "test-proxy-to-listener");
        } catch (IOException e) {
            // The test closed the proxy.
        }
    }

    private void pump(Socket from, Socket to, List<byte[]> record, UnaryOperator<byte[]> fixedTamper, String name) {
        Thread t = new Thread(() -> {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    byte[] header = in.readNBytes(FrameCodec.HEADER_LENGTH);
                    if (header.length < FrameCodec.HEADER_LENGTH) {
                        break;
                    }
                    int length = ByteBuffer.wrap(header).getInt(14);
                    byte[] rest = in.readNBytes(length + FrameCodec.MAC_LENGTH);
                    byte[] frame = new byte[header.length + rest.length];
                    System.arraycopy(header, 0, frame, 0, header.length);
                    System.arraycopy(rest, 0, frame, header.length, rest.length);
                    while (frozen) {
                        Thread.sleep(5);
                    }
                    synchronized (lock) {
                        byte[] sent = (fixedTamper != null ? fixedTamper : tamperToListener).apply(frame);
                        out.write(sent);
                        out.flush();
                        record.add(sent);
                    }
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                // Connection cut by a test or by an endpoint.
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
