package org.hbft.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and generating the shared key file. */
class KeyFileTest {
    @TempDir
    Path dir;

    @Test
    void generatedKeyIsHexOwnerOnlyAndReadsBack() throws IOException {
        Path file = dir.resolve("link.key");
        byte[] key = KeyFile.generate(file);
        assertThat(key).hasSize(32);
        assertThat(Files.readString(file)).isEqualTo(HexFormat.of().formatHex(key) + "\n");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(KeyFile.read(file)).isEqualTo(key);
        assertThat(KeyFile.generate(dir.resolve("other.key"))).isNotEqualTo(key);
    }

    @Test
    void generateRefusesToOverwriteAnExistingKey() throws IOException {
        Path file = dir.resolve("link.key");
        byte[] key = KeyFile.generate(file);
        assertThatThrownBy(() -> KeyFile.generate(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("already exists");
        assertThat(KeyFile.read(file)).isEqualTo(key);
    }

    @Test
    void rawBinaryKeyIsReadAsIs() throws IOException {
        byte[] raw = new byte[40];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 37 + 200);
        }
        raw[raw.length - 1] = '\n'; // a raw key may end in any byte, newline included
        Path file = Files.write(dir.resolve("raw.key"), raw);
        assertThat(KeyFile.read(file)).isEqualTo(raw);
    }

    @Test
    void hexKeyIsReadWithOrWithoutTrailingNewlineInEitherCase() throws IOException {
        String hex = "00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff";
        byte[] expected = HexFormat.of().parseHex(hex.toLowerCase());
        for (String text : new String[] {hex, hex + "\n", hex + "\r\n"}) {
            Path file = Files.writeString(dir.resolve("hex.key"), text);
            assertThat(KeyFile.read(file)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void tooLittleKeyMaterialIsRejectedNamingTheFile() throws IOException {
        Path rawShort = Files.write(dir.resolve("short.key"), new byte[31]);
        assertThatThrownBy(() -> KeyFile.read(rawShort)).isInstanceOf(IOException.class)
                .hasMessageContaining(rawShort.toString()).hasMessageContaining("31 bytes");
        Path hexShort = Files.writeString(dir.resolve("shorthex.key"), "ab".repeat(31) + "\n");
        assertThatThrownBy(() -> KeyFile.read(hexShort)).isInstanceOf(IOException.class)
                .hasMessageContaining(hexShort.toString()).hasMessageContaining("31 bytes");
        Path odd = Files.writeString(dir.resolve("odd.key"), "a".repeat(65));
        assertThatThrownBy(() -> KeyFile.read(odd)).isInstanceOf(IOException.class)
                .hasMessageContaining(odd.toString()).hasMessageContaining("odd number");
    }

    @Test
    void emptyMissingOrUnreadableFilesAreRejectedNamingTheFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.key"), new byte[0]);
        assertThatThrownBy(() -> KeyFile.read(empty)).isInstanceOf(IOException.class)
                .hasMessage("key file " + empty + " is empty");
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> KeyFile.read(missing)).isInstanceOf(IOException.class)
                .hasMessage("cannot read key file " + missing + ": no such file or directory");
        Path directory = Files.createDirectory(dir.resolve("dir.key"));
        assertThatThrownBy(() -> KeyFile.read(directory)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read key file " + directory + ": ");
    }
}
