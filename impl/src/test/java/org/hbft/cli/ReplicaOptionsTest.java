package org.hbft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaOptionsTest extends StderrCapture {
    @TempDir
    Path dir;

    private int primary(String... extra) {
        String[] base = {"primary", "--disk", dir.resolve("shared.img").toString(), "--replication", "127.0.0.1:9",
            "--key", dir.resolve("key").toString(), "--workload", "cpu"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Main.execute(args);
    }

    @Test
    void anAckPollOutOfRangeIsRefusedBeforeAnythingStarts() {
        assertThat(primary("--ack-poll-us", "-1")).isEqualTo(2);
        assertThat(stderr()).contains("--ack-poll-us must be between 0 and 100000");
        assertThat(primary("--ack-poll-us", "100001")).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("shared.img"))).isFalse();
    }

    @Test
    void nonsenseTimingIsRefusedWithTheRuleItBreaks() {
        assertThat(primary("--epoch", "0")).isEqualTo(2);
        assertThat(stderr()).contains("--epoch must be at least 1");
        assertThat(primary("--heartbeat-ms", "200", "--timeout-ms", "150")).isEqualTo(2);
        assertThat(stderr()).contains("--heartbeat-ms must be positive and smaller than --timeout-ms");
    }
}
