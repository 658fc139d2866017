package org.hbft.benchmarks;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The floor under every acknowledgement the revised protocol waits for on this host: the round
 * trip of a small message between two processes over loopback TCP, each side blocked in a read
 * (as the replicas' link readers are). Prints percentiles in microseconds.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.hbft.benchmarks.LoopbackRoundTrip [ROUND_TRIPS]</pre>
 */
public final class LoopbackRoundTrip {
    private LoopbackRoundTrip() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--echo")) {
            echo(Integer.parseInt(args[1]));
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process peer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LoopbackRoundTrip.class.getName(), "--echo", Integer.toString(server.getLocalPort()))
                    .inheritIO().start();
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                long[] micros = new long[n];
                for (int i = -2_000; i < n; i++) { // the first 2,000 warm up both JVMs
                    long t = System.nanoTime();
                    out.writeLong(i);
                    out.flush();
                    if (in.readLong() != i) {
                        throw new IOException("the echo answered out of order");
                    }
                    if (i >= 0) {
                        micros[i] = (System.nanoTime() - t) / 1_000;
                    }
                }
                out.writeLong(Long.MIN_VALUE);
                out.flush();
                Arrays.sort(micros);
                System.out.printf("loopback round trip over %d messages: p10 %d us, median %d us, p90 %d us, p99 %d us%n",
                        n, micros[n / 10], micros[n / 2], micros[n * 9 / 10], micros[n * 99 / 100]);
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
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            for (long v = in.readLong(); v != Long.MIN_VALUE; v = in.readLong()) {
                out.writeLong(v);
                out.flush();
            }
        }
    }
}
