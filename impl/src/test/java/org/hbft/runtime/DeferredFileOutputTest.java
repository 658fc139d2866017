package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeferredFileOutputTest {
    @TempDir
    Path dir;

    @Test
    void aFileNeverBegunIsLeftAsItWas() throws Exception {
        Path f = Files.writeString(dir.resolve("out"), "an earlier run\n");
        try (DeferredFileOutput out = new DeferredFileOutput(f)) {
            out.write("written before the run began".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        assertThat(Files.readString(f)).isEqualTo("an earlier run\n");
        Path none = dir.resolve("none");
        new DeferredFileOutput(none).close();
        assertThat(none).doesNotExist();
    }

    @Test
    void beginReplacesTheFileWithWhatWaitedAndLaterWritesFollowIt() throws Exception {
        Path f = Files.writeString(dir.resolve("out"), "an earlier run, longer than this one\n");
        try (DeferredFileOutput out = new DeferredFileOutput(f)) {
            out.write('a');
            out.write("bc".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.readString(f)).isEqualTo("an earlier run, longer than this one\n");
            out.begin();
            out.begin(); // a second begin changes nothing
            out.write("de".getBytes(StandardCharsets.UTF_8), 0, 2);
        }
        assertThat(Files.readString(f)).isEqualTo("abcde");
    }

    @Test
    void aFileThatCannotBeCreatedIsNamedWhenTheRunBegins() throws Exception {
        Path f = dir.resolve("no-such-dir").resolve("out");
        DeferredFileOutput out = new DeferredFileOutput(f);
        out.write('x');
        assertThatThrownBy(out::begin).isInstanceOf(IOException.class)
                .hasMessage("cannot write " + f + ": no such file or directory");
        out.close();
        assertThatThrownBy(() -> out.write('y')).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
