package org.hbft.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.hbft.machine.ElfException;
import org.hbft.machine.ElfImage;
import org.hbft.machine.linux.LinuxProcess;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hbft run}: runs a static hppa-linux-gnu executable in Linux user mode. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a static PA-RISC Linux executable (user mode), passing through its"
        + " stdin, stdout, stderr and exit status.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ELF", description = "the guest executable")
    Path elf;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments passed to the guest")
    List<String> args = new ArrayList<>();

    @Option(names = "--max-instructions", paramLabel = "N", description = "stop after N instructions (exit code 124)")
    long maxInstructions = Long.MAX_VALUE;

    @Option(names = "--stats", description = "print instructions retired and MIPS to stderr")
    boolean stats;

    @Override
    public Integer call() {
        if (maxInstructions <= 0) {
            System.err.println("hbft: --max-instructions must be positive");
            return 2;
        }
        ElfImage image;
        try {
            image = ElfImage.read(elf);
        } catch (ElfException e) {
            System.err.println("hbft: " + e.getMessage());
            return 2;
        }
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        OutputStream err = System.err;
        List<String> argv = new ArrayList<>();
        argv.add(elf.toString());
        argv.addAll(args);
        LinuxProcess process = new LinuxProcess(image, elf.toString(), argv, System.in, out, err,
                w -> System.err.println("hbft: warning: " + w), System.console() != null);
        long start = System.nanoTime();
        int status = process.runToExit(maxInstructions);
        long nanos = System.nanoTime() - start;
        if (stats) {
            long n = process.cpu().cycles();
            System.err.printf("hbft: %d instructions in %.3f s, %.1f MIPS, %d blocks translated%n", n, nanos / 1e9,
                    n / (nanos / 1e3), process.cpu().translatedBlocks());
        }
        if (status == -1) {
            System.err.println("hbft: instruction limit reached (" + maxInstructions + ")");
            return 124;
        }
        if (status > 128 && process.cpu().stopReason() == org.hbft.machine.Cpu.Stop.TRAP) {
            System.err.println("hbft: " + process.faultDescription());
        }
        return status;
    }
}
