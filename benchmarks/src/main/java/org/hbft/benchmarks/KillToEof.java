package org.hbft.benchmarks;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a failover waits for before it can begin when a primary is killed: the time from
 * SIGKILL of a JVM to its peer seeing the connection end, by how much memory the killed JVM
 * had touched. Linux unmaps a dying process's memory before it closes its sockets, so the
 * bigger the process, the later its backup learns of the death. For each size a child JVM
 * touches that many MiB of heap, connects and says so; it is killed and the parent times
 * the end of its stream. Prints the child's resident size and the times.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.hbft.benchmarks.KillToEof [MIB ...]</pre>
 * default sizes: 16, 128, 512; three kills each.
 */
public final class KillToEof {
    private static final int KILLS = 3;

    private KillToEof() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes;
        try {
            sizes = args.length == 0 ? new int[] {16, 128, 512} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            System.err.println("usage: KillToEof [MIB ...]: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (Arrays.stream(sizes).anyMatch(m -> m < 0 || m > 8192)) {
            System.err.println("usage: KillToEof [MIB ...]: sizes from 0 to 8192");
            System.exit(2);
            return;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int mib : sizes) {
            List<String> times = new ArrayList<>();
            long rssKib = 0;
            for (int k = 0; k < KILLS; k++) {
                try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    Process child = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx" + (mib + 256) + "m", "-cp",
                            System.getProperty("java.class.path"), Child.class.getName(),
                            Integer.toString(server.getLocalPort()), Integer.toString(mib)).inheritIO().start();
                    try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                        if (in.read() != 1) {
                            throw new IllegalStateException("the child did not get ready");
                        }
                        rssKib = residentKib(child.pid());
                        long t0 = System.nanoTime();
                        child.destroyForcibly();
                        while (true) {
                            try {
                                if (in.read() < 0) {
                                    break;
                                }
                            } catch (java.net.SocketException reset) {
                                break;
                            }
                        }
                        times.add(String.format("%.1f", (System.nanoTime() - t0) / 1e6));
                    } finally {
                        child.destroyForcibly();
                        child.waitFor(10, TimeUnit.SECONDS);
                    }
                }
            }
            System.out.printf("%4d MiB touched, %4d MiB resident: connection ended %s ms after SIGKILL%n", mib,
                    rssKib / 1024, String.join(", ", times));
        }
    }

    private static long residentKib(long pid) throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** The process that is killed: touches its memory, connects, says so, and waits. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) throws Exception {
            int mib = Integer.parseInt(args[1]);
            List<byte[]> held = new ArrayList<>();
            for (int i = 0; i < mib; i++) {
                byte[] b = new byte[1 << 20];
                for (int j = 0; j < b.length; j += 4096) {
                    b[j] = 1;
                }
                held.add(b);
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
                    OutputStream out = s.getOutputStream()) {
                out.write(1);
                out.flush();
                Thread.sleep(60_000);
            }
            System.out.println(held.size()); // keeps the memory reachable until the kill
        }
    }
}
