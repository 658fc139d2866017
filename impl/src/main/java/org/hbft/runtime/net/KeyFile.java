package org.hbft.runtime.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.hbft.machine.device.FileErrors;

/**
 * The shared secret of the primary and the backup, kept in a file.
 *
 * <p>The file holds either at least {@value #MIN_KEY_BYTES} raw bytes, or a hex string of at least
 * {@code 2 * MIN_KEY_BYTES} digits, optionally followed by a newline. A file consisting only of hex
 * digits is always read as hex, so a short hex key is rejected rather than taken for raw bytes.
 */
public final class KeyFile {
    /** Minimum key material: as long as the HMAC-SHA256 output. */
    public static final int MIN_KEY_BYTES = 32;

    private KeyFile() {
    }

    /**
     * Reads the key in {@code file}.
     *
     * @throws IOException naming the file if it cannot be read, is empty or holds too little key material
     */
    public static byte[] read(Path file) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read key file " + file + ": " + FileErrors.describe(e));
        }
        if (content.length == 0) {
            throw new IOException("key file " + file + " is empty");
        }
        int end = content.length;
        if (end > 0 && content[end - 1] == '\n') {
            end--;
            if (end > 0 && content[end - 1] == '\r') {
                end--;
            }
        }
        if (end > 0 && allHex(content, end)) {
            if (end % 2 != 0) {
                throw new IOException("key file " + file + " holds an odd number of hex digits (" + end + ")");
            }
            if (end < 2 * MIN_KEY_BYTES) {
                throw new IOException("key file " + file + " holds " + end / 2 + " bytes of key material (hex); at least "
                        + MIN_KEY_BYTES + " are needed");
            }
            return HexFormat.of().parseHex(new String(content, 0, end, StandardCharsets.US_ASCII));
        }
        if (content.length < MIN_KEY_BYTES) {
            throw new IOException("key file " + file + " holds " + content.length + " bytes of key material; at least "
                    + MIN_KEY_BYTES + " are needed");
        }
        return content;
    }

    /**
     * Writes a fresh random {@value #MIN_KEY_BYTES}-byte key to the new file {@code file} as hex plus a
     * newline, readable only by its owner where the file system has POSIX permissions.
     *
     * @return the key
     * @throws IOException naming the file if it already exists (a key is never overwritten) or cannot be written
     */
    public static byte[] generate(Path file) throws IOException {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] text = (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            // Created with 0600 from the start, so the key is never readable by others even briefly.
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("key file " + file + " already exists; not overwriting it");
        } catch (IOException e) {
            throw new IOException("cannot write key file " + file + ": " + FileErrors.describe(e));
        }
        return key;
    }

    private static boolean allHex(byte[] b, int end) {
        for (int i = 0; i < end; i++) {
            int c = b[i];
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
