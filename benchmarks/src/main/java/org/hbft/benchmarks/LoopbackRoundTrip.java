package org.hbft.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.hbft.runtime.net.ChannelOutputStream;

/**
 * The floor under every acknowledgement the revised protocol waits for on this host: a message
 * of a given size from one process to another over loopback TCP and an 8-byte answer back, each
 * side blocked in a read (as the replicas' link readers are). Prints percentiles in
 * microseconds. No framing, no authentication, no hand-off between threads: what the
 * replicas' own round trip costs above this is theirs. With {@code hand-off} the answer is read
 * by a reader thread and handed to the waiting thread through a queue, as a replica's link
 * reader hands acknowledgements to its emulator thread: the difference is what that hop costs.
 * With {@code poll} the asking side reads a non-blocking socket in a loop instead of sleeping in
 * a read (as a waiting primary reads its link), with {@code poll-both} the answering side does
 * too: what each side's wake-up costs.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.hbft.benchmarks.LoopbackRoundTrip [ROUND_TRIPS [BYTES [hand-off|poll|poll-both]]]</pre>
 */
public final class LoopbackRoundTrip {
    private static final int WARM_UP = 2_000;

    private LoopbackRoundTrip() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--echo")) {
            echo(Integer.parseInt(args[1]), args[2].equals("poll"));
            return;
        }
        int n;
        int bytes;
        try {
            n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
            bytes = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        } catch (NumberFormatException e) {
            n = bytes = -1;
        }
        String mode = args.length > 2 ? args[2] : "block";
        if (n < 0 || args.length > 3 || !java.util.Set.of("block", "hand-off", "poll", "poll-both").contains(mode)) {
            System.err.println("usage: LoopbackRoundTrip [ROUND_TRIPS [BYTES [hand-off|poll|poll-both]]]");
            System.exit(2);
            return;
        }
        if (n < 10 || bytes < 8 || bytes > (1 << 20)) {
            System.err.println("LoopbackRoundTrip: at least 10 round trips, 8 to 1048576 bytes");
            System.exit(2);
        }
        try {
            measure(n, bytes, mode);
        } catch (IOException e) {
            System.err.println("LoopbackRoundTrip: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void measure(int n, int bytes, String mode) throws IOException, InterruptedException {
        boolean handOff = mode.equals("hand-off");
        boolean poll = mode.startsWith("poll");
        try (ServerSocketChannel serverChannel = ServerSocketChannel.open()) {
            ServerSocket server = serverChannel.socket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            server.setSoTimeout(30_000); // the echo process did not come up
            String java = ProcessHandle.current().info().command().orElse("java");
            Process peer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LoopbackRoundTrip.class.getName(), "--echo", Integer.toString(server.getLocalPort()),
                    mode.equals("poll-both") ? "poll" : "block")
                    .inheritIO().start();
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                s.setSoTimeout(5_000); // the echo process died
                DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), bytes + 8));
                byte[] payload = new byte[bytes - 8];
                long[] micros = new long[n];
                LinkedBlockingQueue<Long> answers = new LinkedBlockingQueue<>();
                ByteBuffer answerBuffer = ByteBuffer.allocate(8);
                if (poll) {
                    s.getChannel().configureBlocking(false);
                    out = new DataOutputStream(new BufferedOutputStream(
                            new ChannelOutputStream(s.getChannel(), TimeUnit.SECONDS.toNanos(5)), bytes + 8));
                }
                if (handOff) {
                    Thread reader = new Thread(() -> {
                        try {
                            while (true) {
                                answers.add(in.readLong());
                            }
                        } catch (IOException e) {
                            // the echo hung up: the run is over
                        }
                    }, "loopback-reader");
                    reader.setDaemon(true);
                    reader.start();
                }
                for (int i = -WARM_UP; i < n; i++) {
                    long t = System.nanoTime();
                    out.writeInt(payload.length);
                    out.writeInt(i);
                    out.write(payload);
                    out.flush();
                    Long answer = handOff ? answers.poll(5, TimeUnit.SECONDS)
                            : poll ? pollLong(s.getChannel(), answerBuffer) : Long.valueOf(in.readLong());
                    if (answer == null) {
                        throw new IOException("no answer from the echo process");
                    }
                    if (answer != i) {
                        throw new IOException("the echo answered out of order");
                    }
                    if (i >= 0) {
                        micros[i] = (System.nanoTime() - t) / 1_000;
                    }
                }
                out.writeInt(-1);
                out.flush();
                Arrays.sort(micros);
                String how = switch (mode) {
                    case "hand-off" -> " with a hand-off";
                    case "poll" -> ", the asking side polling";
                    case "poll-both" -> ", both sides polling";
                    default -> "";
                };
                System.out.printf("loopback round trip%s, %d bytes out and 8 back, %d times: p10 %d us, median %d us,"
                        + " p90 %d us, p99 %d us, mean %.1f us%n", how,
                        bytes, n, micros[n / 10], micros[n / 2], micros[n * 9 / 10], micros[n * 99 / 100],
                        Arrays.stream(micros).average().orElse(0));
            } finally {
                if (!peer.waitFor(5, TimeUnit.SECONDS)) {
                    peer.destroyForcibly();
                }
            }
        }
    }

    /** Reads one long from a non-blocking channel, polling until it is all there. */
    private static long pollLong(SocketChannel channel, ByteBuffer buf) throws IOException {
        buf.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new IOException("the echo process hung up");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no answer from the echo process");
            }
        }
        return buf.getLong(0);
    }

    private static void echo(int port, boolean poll) throws IOException {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            channel.socket().setTcpNoDelay(true);
            if (poll) {
                channel.configureBlocking(false);
            }
            ByteBuffer header = ByteBuffer.allocate(8);
            ByteBuffer body = ByteBuffer.allocate(0);
            ByteBuffer answer = ByteBuffer.allocate(8);
            while (true) {
                header.clear();
                if (!fill(channel, header)) {
                    return;
                }
                int len = header.getInt(0);
                if (len < 0) {
                    return;
                }
                if (body.capacity() < len) {
                    body = ByteBuffer.allocate(len);
                }
                body.clear().limit(len);
                if (!fill(channel, body)) {
                    return;
                }
                answer.clear();
                answer.putLong(0, header.getInt(4));
                while (answer.hasRemaining()) {
                    channel.write(answer);
                }
            }
        }
    }

    /** Fills {@code buf} from the channel (blocking or polling); false at the end of the stream. */
    private static boolean fill(SocketChannel channel, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                return false;
            }
        }
        return true;
    }
}
