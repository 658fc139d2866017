package org.hbft.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hbft primary}: the processor that runs the VM for real and replicates it. */
@Command(name = "primary", mixinStandardHelpOptions = true, description = "Run the primary of a replicated pair: boots the"
        + " guest under the hypervisor, connects to the backup over an authenticated link and replicates every epoch."
        + " Exit code: the guest's power-off status; 3 if it halted (fenced off the shared disk, or it lost the"
        + " fence when going on alone); 2 if it could not start (bad input, a port in use, no backup, a failed"
        + " handshake) or stopped on an error.")
public final class PrimaryCommand implements Callable<Integer> {
    @Mixin
    ReplicaOptions options;

    @Override
    public Integer call() {
        return options.run(true);
    }
}
