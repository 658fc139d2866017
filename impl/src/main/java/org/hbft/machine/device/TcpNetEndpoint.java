package org.hbft.machine.device;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * Frames over TCP: the machine listens on a host address; a client connects and exchanges frames,
 * each sent as a 2-byte big-endian length followed by that many bytes (at most
 * {@value NetDevice#MTU}). One client at a time; frames the guest sends while no client is
 * connected fail to send. A malformed frame length ends that client's connection.
 */
public final class TcpNetEndpoint implements NetEndpoint {
    private final ServerSocket server;
    private volatile Socket client;
    private volatile DataOutputStream out;
    private Thread acceptor;

    public TcpNetEndpoint(InetSocketAddress address) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address);
    }

    /** The port actually bound (useful when asked for port 0). */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void start(Consumer<byte[]> receiver) {
        acceptor = new Thread(() -> serve(receiver), "hbft-net");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(Consumer<byte[]> receiver) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(s.getInputStream());
                synchronized (this) {
                    client = s;
                    out = new DataOutputStream(s.getOutputStream());
                }
                try {
                    while (true) {
                        int len = in.readUnsignedShort();
                        if (len == 0 || len > NetDevice.MTU) {
                            break; // not our framing: drop the client
                        }
                        byte[] frame = new byte[len];
                        in.readFully(frame);
                        receiver.accept(frame);
                    }
                } catch (EOFException e) {
                    // The client went away.
                } finally {
                    synchronized (this) {
                        client = null;
                        out = null;
                    }
                }
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void send(byte[] frame) throws IOException {
        if (out == null) {
            throw new IOException("no client connected");
        }
        out.writeShort(frame.length);
        out.write(frame);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }
}
