package org.hbft.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.hbft.machine.ElfException;
import org.hbft.machine.ElfImage;
import org.hbft.machine.device.DiskImageException;
import org.hbft.runtime.DeferredFileOutput;
import org.hbft.runtime.TcpReplica;
import org.hbft.runtime.disk.SharedDisk;
import org.hbft.runtime.net.KeyFile;
import org.hbft.runtime.net.ReplicationLink;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code hbft primary} and {@code hbft backup} share, and the run they start. */
final class ReplicaOptions {
    @Option(names = "--kernel", paramLabel = "ELF", description = "guest kernel ELF (default: ${DEFAULT-VALUE})")
    Path kernel = Install.file("guests/kernel/kernel.elf");

    @Option(names = "--workload", paramLabel = "NAME", description = "guest workload: kv, cpu, disk-write, disk-read (default: ${DEFAULT-VALUE})")
    String workload = "kv";

    @Mixin
    RunLengthOptions runLength;

    @Option(names = "--disk", paramLabel = "IMAGE", required = true,
            description = "the shared disk image (both processors open the same file)")
    Path disk;

    @Option(names = "--create-disk", paramLabel = "BLOCKS", description = "create the shared disk image with this many blocks if it does not exist")
    Integer createBlocks;

    @Option(names = "--replication", paramLabel = "HOST:PORT", required = true,
            description = "the replication link: the backup listens here, the primary connects here")
    String replication;

    @Option(names = "--net", paramLabel = "HOST:PORT", description = "where this processor serves the guest's network clients"
            + " (the backup opens it only when promoted)")
    String net;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "shared key file (at least 32 bytes; `hbft keygen FILE` makes one)")
    Path key;

    @Mixin
    ProtocolOptions protocol;

    @Option(names = "--connect-timeout-ms", paramLabel = "MS", description = "how long to wait for the other processor (default: ${DEFAULT-VALUE})")
    int connectTimeoutMs = 30_000;

    @Option(names = "--ack-poll-us", paramLabel = "US", description = "how long a primary waiting for"
            + " acknowledgements reads the replication link itself, keeping its CPU busy, before it leaves"
            + " the waiting to the link's reader thread; 0: never (default: ${DEFAULT-VALUE})")
    int ackPollMicros = 200;

    @Option(names = "--memory", paramLabel = "MiB", description = "guest RAM in MiB (default: ${DEFAULT-VALUE})")
    int memoryMiB = 16;

    @Option(names = "--trace", paramLabel = "FILE", description = "write every protocol step to FILE (NDJSON, traces/SCHEMA.md)")
    Path trace;

    @Option(names = "--stats-json", paramLabel = "FILE", description = "write run statistics to FILE as JSON")
    Path stats;

    @Mixin
    ConsoleOutOption consoleOut;

    int run(boolean primary) {
        PrintStream err = System.err;
        String problem = protocol.problem();
        if (problem != null) {
            return fail(problem);
        }
        if (connectTimeoutMs < 1) {
            return fail("--connect-timeout-ms must be positive");
        }
        if (ackPollMicros < 0 || ackPollMicros > 100_000) {
            return fail("--ack-poll-us must be between 0 and 100000");
        }
        if (memoryMiB < 1 || memoryMiB > 1024) {
            return fail("--memory must be between 1 and 1024 MiB");
        }
        String badLength = runLength.problem(workload);
        if (badLength != null) {
            return fail(badLength);
        }
        String badSize = MachineCommand.diskSizeProblem(createBlocks); // a shared disk has the same bounds
        if (badSize != null) {
            return fail(badSize);
        }
        if (!workload.matches("[a-z0-9-]{1,32}")) {
            return fail("workload name must be lower-case letters, digits and '-': " + workload);
        }
        InetSocketAddress repl = MachineCommand.parseAddress(replication);
        if (repl == null || repl.getPort() == 0) {
            return fail("--replication must be HOST:PORT, not " + replication);
        }
        InetSocketAddress clients = null;
        if (net != null) {
            clients = MachineCommand.parseAddress(net);
            if (clients == null) {
                return fail("--net must be HOST:PORT, not " + net);
            }
        } else if (workload.equals("kv")) {
            return fail("workload kv needs --net HOST:PORT");
        } else {
            clients = new InetSocketAddress("127.0.0.1", 0);
        }
        byte[] keyBytes;
        try {
            keyBytes = KeyFile.read(key);
        } catch (IOException e) {
            return fail(e.getMessage());
        }
        ElfImage image;
        try {
            image = ElfImage.read(kernel);
        } catch (ElfException e) {
            return fail(e.getMessage());
        }
        // Every output file is checked before the run (and before a disk is created), so that a bad path is
        // reported now, not after the run.
        String unwritable = unwritable(trace, "the trace");
        if (unwritable == null) {
            unwritable = unwritable(stats, "statistics");
        }
        if (unwritable == null) {
            unwritable = unwritable(consoleOut.file, "console output");
        }
        if (unwritable != null) {
            return fail(unwritable);
        }
        try {
            if (createBlocks != null && !Files.exists(disk)) {
                SharedDisk.create(disk, createBlocks).close();
            }
            SharedDisk.open(disk).close();
        } catch (DiskImageException e) {
            return fail(e.getMessage());
        }
        StringBuilder args = new StringBuilder("workload=").append(workload);
        runLength.appendBootArgs(args);
        // Created only once the link is up (TcpReplica): a replica that cannot start empties no earlier file.
        OutputStream console = consoleOut.file == null ? System.out : new DeferredFileOutput(consoleOut.file);
        ReplicationLink.Settings settings = new ReplicationLink.Settings(Duration.ofMillis(protocol.heartbeatMs),
                Duration.ofMillis(protocol.timeoutMs), Duration.ofMillis(connectTimeoutMs));
        TcpReplica.Options options = new TcpReplica.Options(primary, image, args.toString(), memoryMiB, disk, repl,
                clients, keyBytes, protocol.epoch, protocol.outputMode(), settings, ackPollMicros * 1_000L, trace, console, stats);
        try {
            TcpReplica.Outcome outcome = new TcpReplica(options, line -> err.println("hbft " + line)).run();
            console.flush();
            err.println("hbft " + outcome.summary());
            return outcome.exitCode();
        } catch (IOException e) {
            return fail((primary ? "primary" : "backup") + ": " + e.getMessage());
        } catch (Exception e) {
            return fail((primary ? "primary" : "backup") + ": " + e);
        }
    }

    /**
     * Why {@code file} could not be written, or null if it could or is not given. Touches nothing:
     * a run refused for another reason must not have emptied the files of an earlier one.
     */
    private static String unwritable(Path file, String what) {
        if (file == null) {
            return null;
        }
        Path absolute = file.toAbsolutePath();
        String why;
        if (Files.isDirectory(absolute)) {
            why = "it is a directory";
        } else if (Files.exists(absolute)) {
            why = Files.isWritable(absolute) ? null : "permission denied";
        } else if (absolute.getParent() == null || !Files.isDirectory(absolute.getParent())) {
            why = "no such directory";
        } else {
            why = Files.isWritable(absolute.getParent()) ? null : "permission denied";
        }
        return why == null ? null : "cannot write " + what + " to " + file + ": " + why;
    }

    static int fail(String message) {
        System.err.println("hbft: " + message);
        return 2;
    }
}
