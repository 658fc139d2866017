package org.hbft.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A client connection to the guest's kv service: 2-byte big-endian length, then the frame. */
public final class KvConnection implements AutoCloseable {
    private final Socket socket;
    private final DataOutputStream tx;
    private final DataInputStream rx;

    public KvConnection(InetSocketAddress address, int timeoutMillis) throws IOException {
        socket = new Socket();
        try {
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            tx = new DataOutputStream(socket.getOutputStream());
            rx = new DataInputStream(socket.getInputStream());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one request and waits for one reply (SocketTimeoutException after the timeout). */
    public String request(String line) throws IOException {
        byte[] frame = line.getBytes(StandardCharsets.UTF_8);
        tx.writeShort(frame.length);
        tx.write(frame);
        tx.flush();
        return receive();
    }

    /** Waits for the next reply without sending anything. */
    public String receive() throws IOException {
        int len = rx.readUnsignedShort();
        byte[] reply = new byte[len];
        rx.readFully(reply);
        return new String(reply, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
