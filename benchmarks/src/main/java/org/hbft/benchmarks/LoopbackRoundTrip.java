package org.hbft.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The floor under every acknowledgement the revised protocol waits for on this host: a message
 * of a given size from one process to another over loopback TCP and an 8-byte answer back, each
 * side blocked in a read (as the replicas' link readers are). Prints percentiles in
 * microseconds. No framing, no authentication, no hand-off between threads: what the
 * replicas' own round trip costs above this is theirs. With {@code hand-off} the answer is read
 * by a reader thread and handed to the waiting thread through a queue, as a replica's link
 * reader hands acknowledgements to its emulator thread: the difference is what that hop costs.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.hbft.benchmarks.LoopbackRoundTrip [ROUND_TRIPS [BYTES [hand-off]]]</pre>
 */
public final class LoopbackRoundTrip {
    private static final int WARM_UP = 2_000;

    private LoopbackRoundTrip() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--echo")) {
            echo(Integer.parseInt(args[1]));
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
        boolean handOff = args.length > 2 && args[2].equals("hand-off");
        if (n < 0 || args.length > 3 || (args.length == 3 && !handOff)) {
            System.err.println("usage: LoopbackRoundTrip [ROUND_TRIPS [BYTES [hand-off]]]");
            System.exit(2);
            return;
        }
        if (n < 10 || bytes < 8 || bytes > (1 << 20)) {
            System.err.println("LoopbackRoundTrip: at least 10 round trips, 8 to 1048576 bytes");
            System.exit(2);
        }
        try {
            measure(n, bytes, handOff);
        } catch (IOException e) {
            System.err.println("LoopbackRoundTrip: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void measure(int n, int bytes, boolean handOff) throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(30_000); // the echo process did not come up
            String java = ProcessHandle.current().info().command().orElse("java");
            Process peer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LoopbackRoundTrip.class.getName(), "--echo", Integer.toString(server.getLocalPort()))
                    .inheritIO().start();
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                s.setSoTimeout(5_000); // the echo process died
                DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), bytes + 8));
                byte[] payload = new byte[bytes - 8];
                long[] micros = new long[n];
                LinkedBlockingQueue<Long> answers = new LinkedBlockingQueue<>();
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
                    Long answer = handOff ? answers.poll(5, TimeUnit.SECONDS) : Long.valueOf(in.readLong());
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
                System.out.printf("loopback round trip%s, %d bytes out and 8 back, %d times: p10 %d us, median %d us,"
                        + " p90 %d us, p99 %d us, mean %.1f us%n", handOff ? " with a hand-off" : "",
                        bytes, n, micros[n / 10], micros[n / 2], micros[n * 9 / 10], micros[n * 99 / 100],
                        Arrays.stream(micros).average().orElse(0));
            } finally {
                if (!peer.waitFor(5, TimeUnit.SECONDS)) {
                    peer.destroyForcibly();
                }
            }
        }
    }

    private static void echo(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] buf = new byte[0];
            for (int len = in.readInt(); len >= 0; len = in.readInt()) {
                int seq = in.readInt();
                if (buf.length < len) {
                    buf = new byte[len];
                }
                in.readFully(buf, 0, len);
                out.writeLong(seq);
                out.flush();
            }
        }
    }
}
