package org.hbft.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hbft} command line. */
@Command(name = "hbft", mixinStandardHelpOptions = true, version = "hbft 0.1.0",
        description = "Hypervisor-based fault tolerance: a PA-RISC 1.1 machine replicated by primary/backup.",
        subcommands = {RunCommand.class, MachineCommand.class, KvClientCommand.class, PrimaryCommand.class,
            BackupCommand.class, DemoCommand.class, KeygenCommand.class, org.hbft.spec.cli.SpecCommand.class,
            org.hbft.spec.cli.ConformCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (used by tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        // Everything after the guest executable belongs to the guest, options included.
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("hbft: internal error: " + ex);
            return 70;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
