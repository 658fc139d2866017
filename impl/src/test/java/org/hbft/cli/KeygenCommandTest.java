package org.hbft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.hbft.runtime.net.KeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest extends StderrCapture {
    @TempDir
    Path dir;

    @Test
    void writesAKeyOnlyItsOwnerCanReadThatTheReplicasAccept() throws Exception {
        Path key = dir.resolve("key");
        assertThat(Main.execute("keygen", key.toString())).as(stderr()).isZero();
        assertThat(KeyFile.read(key)).hasSizeGreaterThanOrEqualTo(KeyFile.MIN_KEY_BYTES);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void refusesToOverwriteAnExistingFileAndLeavesItAsItWas() throws Exception {
        Path key = dir.resolve("key");
        Files.writeString(key, "precious\n");
        assertThat(Main.execute("keygen", key.toString())).isEqualTo(2);
        assertThat(stderr()).contains(key + " exists; not overwriting a key");
        assertThat(Files.readString(key)).isEqualTo("precious\n");
    }

    @Test
    void namesTheFileAndTheCauseOnceWhenItCannotWrite() {
        Path key = dir.resolve("no-such-dir").resolve("key");
        assertThat(Main.execute("keygen", key.toString())).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("hbft: cannot write key file " + key + ": no such file or directory");
    }
}
