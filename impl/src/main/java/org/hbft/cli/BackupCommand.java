package org.hbft.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hbft backup}: the processor that re-executes one epoch behind and takes over. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Run the backup of a replicated pair: listens for"
        + " the primary, re-executes the guest one epoch behind with all I/O suppressed, and when the primary fails runs"
        + " the failover epoch, takes the shared disk's fence and serves the clients itself."
        + " Exit code: the guest's power-off status; 3 if it halted (it lost the fence, or found itself diverged from"
        + " its primary); 2 if it could not start (bad input, a port in use, no primary, a failed handshake) or"
        + " stopped on an error.")
public final class BackupCommand implements Callable<Integer> {
    @Mixin
    ReplicaOptions options;

    @Override
    public Integer call() {
        return options.run(false);
    }
}
