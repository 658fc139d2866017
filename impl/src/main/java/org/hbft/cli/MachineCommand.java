package org.hbft.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import org.hbft.machine.ElfException;
import org.hbft.machine.ElfImage;
import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.BlockStore;
import org.hbft.machine.device.ClockDevice;
import org.hbft.machine.device.ConsoleDevice;
import org.hbft.machine.device.DiskImageException;
import org.hbft.machine.device.ImageFileStore;
import org.hbft.machine.device.NetDevice;
import org.hbft.machine.device.TcpNetEndpoint;
import org.hbft.machine.system.MachineException;
import org.hbft.machine.system.SystemMachine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hbft machine}: boots the guest kernel on the system-mode machine with its devices. */
@Command(name = "machine", mixinStandardHelpOptions = true, description = "Boot a guest kernel on the emulated PA-RISC computer (system mode) with a"
        + " console, a time-of-day clock, a disk and a network device, and run one workload. The exit code is the guest's power-off"
        + " status (124: instruction limit; 2: bad input).")
public final class MachineCommand implements Callable<Integer> {
    static final List<String> DISK_WORKLOADS = List.of("disk-write", "disk-read", "bad-dma", "kv");

    @Option(names = "--kernel", paramLabel = "ELF", description = "kernel ELF (default: ${DEFAULT-VALUE})")
    Path kernel = Install.file("guests/kernel/kernel.elf");

    @Option(names = "--workload", paramLabel = "NAME",
            description = "cpu, disk-write, disk-read, kv, echo, bad-io or bad-dma (default: ${DEFAULT-VALUE})")
    String workload = "cpu";

    @Mixin
    RunLengthOptions runLength;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the disk workloads' block choice (default: 1)")
    Integer seed;

    @Option(names = "--disk", paramLabel = "IMAGE", description = "disk image file (raw, 4096-byte blocks)")
    Path disk;

    @Option(names = "--create-disk", paramLabel = "BLOCKS",
            description = "create the --disk image with this many zeroed blocks if it does not exist")
    Integer createBlocks;

    @Option(names = "--net", paramLabel = "HOST:PORT",
            description = "attach the network device, listening for one client at a time on HOST:PORT")
    String net;

    @Option(names = "--memory", paramLabel = "MiB", description = "RAM size in MiB (default: ${DEFAULT-VALUE})")
    int memoryMiB = 64;

    @Option(names = "--quantum", paramLabel = "N",
            description = "instructions between device-event deliveries (default: ${DEFAULT-VALUE})")
    int quantum = SystemMachine.DEFAULT_QUANTUM;

    @Option(names = "--max-instructions", paramLabel = "N", description = "stop after N instructions (exit code 124)")
    long maxInstructions = Long.MAX_VALUE;

    @Mixin
    ConsoleOutOption consoleOut;

    @Option(names = "--console-in", description = "feed stdin to the console's input; at its end the console"
            + " receives byte 4 (end of transmission)")
    boolean consoleIn;

    @Option(names = "--digest", description = "print the final VM state digest to stderr")
    boolean digest;

    @Option(names = "--stats", description = "print instructions, device events and MIPS to stderr")
    boolean stats;

    @Override
    public Integer call() {
        if (maxInstructions <= 0) {
            return fail("--max-instructions must be positive");
        }
        String badLength = runLength.problem(workload);
        if (badLength != null) {
            return fail(badLength);
        }
        if (seed != null && seed < 0) {
            return fail("--seed must not be negative");
        }
        if (!workload.matches("[a-z0-9-]{1,32}")) {
            return fail("workload name must be lower-case letters, digits and '-': " + workload);
        }
        if (DISK_WORKLOADS.contains(workload) && disk == null) {
            return fail("workload " + workload + " needs a disk: --disk IMAGE (with --create-disk BLOCKS to make one)");
        }
        if (workload.equals("kv") && net == null) {
            return fail("workload kv needs a network: --net 127.0.0.1:PORT");
        }
        InetSocketAddress listen = null;
        if (net != null) {
            listen = parseAddress(net);
            if (listen == null) {
                return fail("--net must be HOST:PORT with a port from 0 to 65535, not " + net);
            }
        }
        if (createBlocks != null && disk == null) {
            return fail("--create-disk needs --disk IMAGE");
        }
        String badSize = diskSizeProblem(createBlocks);
        if (badSize != null) {
            return fail(badSize);
        }
        ElfImage image;
        try {
            image = ElfImage.read(kernel);
        } catch (ElfException e) {
            return fail(e.getMessage());
        }
        BlockStore store = null;
        try {
            if (disk != null) {
                store = createBlocks != null && !Files.exists(disk) ? ImageFileStore.create(disk, createBlocks)
                        : ImageFileStore.open(disk);
            }
        } catch (DiskImageException e) {
            return fail(e.getMessage());
        }
        TcpNetEndpoint endpoint = null;
        if (listen != null) {
            try {
                endpoint = new TcpNetEndpoint(listen);
            } catch (IOException e) {
                closeQuietly(store);
                return fail("cannot listen on " + net + ": " + e.getMessage());
            }
            System.err.println("hbft: network device listening on " + listen.getHostString() + ":" + endpoint.port());
        }
        OutputStream out;
        try {
            out = consoleOut.open();
        } catch (IOException e) {
            closeQuietly(store, endpoint);
            return fail(e.getMessage());
        }
        StringBuilder args = new StringBuilder("workload=").append(workload);
        runLength.appendBootArgs(args);
        if (seed != null) {
            args.append(" seed=").append(seed);
        }
        try (SystemMachine machine = new SystemMachine((long) memoryMiB << 20, quantum)) {
            ConsoleDevice console = new ConsoleDevice(new BufferedOutputStream(out, 1 << 12));
            machine.attach(SystemMachine.SLOT_CONSOLE, console);
            if (consoleIn) {
                feedStdin(console);
            }
            machine.attach(SystemMachine.SLOT_CLOCK, new ClockDevice());
            if (store != null) {
                machine.attach(SystemMachine.SLOT_DISK, new BlockDevice(store));
            }
            if (endpoint != null) {
                machine.attach(SystemMachine.SLOT_NET, new NetDevice(endpoint));
            }
            machine.boot(image, args.toString());
            System.gc(); // as a replica does before it links (TcpReplica), so bare and replicated runs are timed alike
            long start = System.nanoTime();
            SystemMachine.Result result = machine.run(maxInstructions);
            long nanos = System.nanoTime() - start;
            if (stats) {
                // Skipped idle-loop iterations count as instructions (the guest's clock saw them) but not towards MIPS.
                long skipped = machine.cpu().idleInstructionsSkipped();
                System.err.printf("hbft: %d instructions%s, %d device events, %.3f s, %.1f MIPS%n", result.instructions(),
                        skipped > 0 ? " (" + skipped + " of them skipped in idle loops)" : "",
                        machine.log().deliveries().size(), nanos / 1e9, (result.instructions() - skipped) / (nanos / 1e3));
            }
            if (digest) {
                System.err.println("hbft: state digest " + HexFormat.of().formatHex(machine.stateDigest()));
            }
            if (result.outcome() == SystemMachine.Outcome.INSTRUCTION_LIMIT) {
                System.err.println("hbft: instruction limit reached (" + maxInstructions + ")");
                return 124;
            }
            return result.exitStatus() & 0xff;
        } catch (MachineException e) {
            closeQuietly(store, endpoint);
            return fail(e.getMessage());
        }
    }

    /** Copies stdin to the console's input on a daemon thread (the environment's side). */
    private static void feedStdin(ConsoleDevice console) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[512];
            try {
                for (int n; (n = System.in.read(buf)) > 0; ) {
                    console.input(java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                // A broken stdin ends the input like its end does.
            }
            console.input(new byte[] {4});
        }, "hbft-console-in");
        t.setDaemon(true);
        t.start();
    }

    /**
     * What is wrong with a {@code --create-disk} size, or null if it is absent or fine. Checked even
     * when the image exists and the size goes unused: a wrong number is a mistake either way.
     */
    static String diskSizeProblem(Integer blocks) {
        if (blocks != null && (blocks < 1 || blocks > ImageFileStore.MAX_BLOCKS)) {
            return "--create-disk must be between 1 and " + ImageFileStore.MAX_BLOCKS + " blocks, not " + blocks;
        }
        return null;
    }

    /** HOST:PORT (HOST may be a bracketed IPv6 literal), or null if it is not that. */
    static InetSocketAddress parseAddress(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return null;
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 0 || port > 65535) {
                return null;
            }
            InetSocketAddress a = new InetSocketAddress(host, port);
            return a.isUnresolved() ? null : a;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception e) {
                    // Closing twice or failing to close loses nothing: every disk write was forced.
                }
            }
        }
    }

    private static int fail(String message) {
        System.err.println("hbft: " + message);
        return 2;
    }
}
