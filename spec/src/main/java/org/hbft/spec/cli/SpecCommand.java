package org.hbft.spec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code hbft spec}: everything about the TLA+ specification. Registered as a subcommand of the
 * top-level {@code hbft} command; {@link #main} runs it on its own.
 */
@Command(name = "spec",
        description = "The TLA+ specification of the protocol (spec/tla).",
        subcommands = {SpecCheckCommand.class})
public final class SpecCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("Missing subcommand: try `spec check`.");
        spec.commandLine().usage(err);
        return CommandLine.ExitCode.USAGE;
    }

    /** A command line for {@code spec} whose errors never show a Java stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SpecCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
