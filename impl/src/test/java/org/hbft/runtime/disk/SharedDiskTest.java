package org.hbft.runtime.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.BlockStore;
import org.hbft.machine.device.DiskImageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared disk image: its format, the checks on opening it, and the generation fence. */
class SharedDiskTest {
    private static final int B = BlockDevice.BLOCK_SIZE;

    @TempDir
    Path dir;

    private static byte[] block(int seed) {
        byte[] b = new byte[B];
        for (int i = 0; i < B; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    /** Rewrites the header bytes at {@code offset} and, if asked, recomputes the CRC so only that field is wrong. */
    private static void patchHeader(Path p, int offset, byte[] bytes, boolean fixCrc) throws IOException {
        byte[] all = Files.readAllBytes(p);
        System.arraycopy(bytes, 0, all, offset, bytes.length);
        if (fixCrc) {
            CRC32 crc = new CRC32();
            crc.update(all, 0, 228);
            ByteBuffer.wrap(all).putInt(228, (int) crc.getValue());
        }
        Files.write(p, all);
    }

    @Test
    void createdDiskHasTheDocumentedLayoutAndReopensWithItsBlocks() throws Exception {
        Path p = dir.resolve("d.disk");
        try (SharedDisk d = SharedDisk.create(p, 8)) {
            assertThat(d.blockCount()).isEqualTo(8);
            assertThat(d.file()).isEqualTo(p);
            assertThat(d.generation()).isEqualTo(1);
            assertThat(d.owner()).isEqualTo("created");
            d.storeFor(1).write(7, block(7));
            d.storeFor(1).write(0, block(0));
        }
        byte[] raw = Files.readAllBytes(p);
        assertThat(raw).hasSize(B * 9);
        assertThat(new String(raw, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("HBFTDISK");
        ByteBuffer h = ByteBuffer.wrap(raw);
        assertThat(h.getInt(8)).isEqualTo(1);
        assertThat(h.getInt(12)).isEqualTo(8);
        assertThat(h.getLong(16)).isEqualTo(1);
        // Guest block i lives at 4096 * (i + 1).
        assertThat(Arrays.copyOfRange(raw, B, 2 * B)).isEqualTo(block(0));
        assertThat(Arrays.copyOfRange(raw, 8 * B, 9 * B)).isEqualTo(block(7));

        try (SharedDisk d = SharedDisk.open(p)) {
            assertThat(d.blockCount()).isEqualTo(8);
            assertThat(d.generation()).isEqualTo(1);
            byte[] two = new byte[2 * B];
            d.storeFor(1).read(6, two);
            assertThat(Arrays.copyOfRange(two, B, 2 * B)).isEqualTo(block(7));
            assertThat(Arrays.copyOfRange(two, 0, B)).isEqualTo(new byte[B]);
        }
    }

    @Test
    void createRefusesExistingFilesAndBadSizes() throws Exception {
        Path p = Files.write(dir.resolve("keep"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SharedDisk.create(p, 4)).isInstanceOf(DiskImageException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("already exists");
        assertThat(Files.readAllBytes(p)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> SharedDisk.create(dir.resolve("zero"), 0)).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> SharedDisk.create(dir.resolve("neg"), -1)).hasMessageContaining("between 1 and");
        assertThat(dir.resolve("zero")).doesNotExist();
    }

    @Test
    void openRejectsAMissingFileOrADirectory() {
        Path missing = dir.resolve("none.disk");
        assertThatThrownBy(() -> SharedDisk.open(missing)).isInstanceOf(DiskImageException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such shared disk image");
        assertThatThrownBy(() -> SharedDisk.open(dir)).isInstanceOf(DiskImageException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void openRejectsAFileThatIsNotASharedDisk() throws Exception {
        Path raw = Files.write(dir.resolve("raw.img"), new byte[4 * B]);
        assertThatThrownBy(() -> SharedDisk.open(raw)).isInstanceOf(DiskImageException.class)
                .hasMessageContaining(raw.toString()).hasMessageContaining("not a shared disk image")
                .hasMessageContaining("bad magic");
        Path tiny = Files.write(dir.resolve("tiny"), "HBFTDISK".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> SharedDisk.open(tiny)).hasMessageContaining(tiny.toString())
                .hasMessageContaining("not a shared disk image").hasMessageContaining("too short");
    }

    @Test
    void openRejectsAnUnknownFormatVersion() throws Exception {
        Path p = dir.resolve("v2.disk");
        SharedDisk.create(p, 2).close();
        patchHeader(p, 8, new byte[] {0, 0, 0, 2}, true);
        assertThatThrownBy(() -> SharedDisk.open(p)).isInstanceOf(DiskImageException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("version 2");
    }

    @Test
    void openRejectsAHeaderWhoseCrcDoesNotMatch() throws Exception {
        Path p = dir.resolve("crc.disk");
        SharedDisk.create(p, 2).close();
        patchHeader(p, 28, new byte[] {'C'}, false); // "created" -> "Created" without fixing the CRC
        assertThatThrownBy(() -> SharedDisk.open(p)).isInstanceOf(DiskImageException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("CRC");
    }

    @Test
    void openRejectsAFileWhoseSizeDoesNotMatchItsBlockCount() throws Exception {
        Path grown = dir.resolve("grown.disk");
        SharedDisk.create(grown, 2).close();
        Files.write(grown, new byte[B], StandardOpenOption.APPEND);
        assertThatThrownBy(() -> SharedDisk.open(grown)).isInstanceOf(DiskImageException.class)
                .hasMessageContaining(grown.toString()).hasMessageContaining("does not match its 2 blocks");

        Path cut = dir.resolve("cut.disk");
        SharedDisk.create(cut, 2).close();
        try (var ch = java.nio.channels.FileChannel.open(cut, StandardOpenOption.WRITE)) {
            ch.truncate(2 * B);
        }
        assertThatThrownBy(() -> SharedDisk.open(cut)).hasMessageContaining("does not match its 2 blocks");

        Path lying = dir.resolve("lying.disk");
        SharedDisk.create(lying, 2).close();
        patchHeader(lying, 12, new byte[] {0, 0, 0, 3}, true); // claims 3 blocks, has 2
        assertThatThrownBy(() -> SharedDisk.open(lying)).hasMessageContaining("does not match its 3 blocks");
    }

    @Test
    void aWriteThroughOneObjectIsReadByAnotherOnTheSameFile() throws Exception {
        Path p = dir.resolve("two.disk");
        try (SharedDisk a = SharedDisk.create(p, 4); SharedDisk b = SharedDisk.open(p)) {
            byte[] data = new byte[2 * B];
            System.arraycopy(block(1), 0, data, 0, B);
            System.arraycopy(block(2), 0, data, B, B);
            a.storeFor(1).write(2, data);
            byte[] back = new byte[2 * B];
            b.storeFor(1).read(2, back);
            assertThat(back).isEqualTo(data);
        }
    }

    @Test
    void afterATakeoverTheOldGenerationIsFencedAndTheNewOneWrites() throws Exception {
        Path p = dir.resolve("fence.disk");
        try (SharedDisk primary = SharedDisk.create(p, 4); SharedDisk backup = SharedDisk.open(p)) {
            BlockStore old = primary.storeFor(1);
            old.write(1, block(1));
            assertThat(primary.holds(1)).isTrue();

            assertThat(backup.testAndSet(1, "backup")).isTrue();

            // The primary's object sees the change: nothing is cached.
            assertThat(primary.generation()).isEqualTo(2);
            assertThat(primary.owner()).isEqualTo("backup");
            assertThat(primary.holds(1)).isFalse();
            assertThat(primary.holds(2)).isTrue();
            assertThatThrownBy(() -> old.write(1, block(99))).isInstanceOfSatisfying(FencedException.class, e -> {
                assertThat(e.currentGeneration()).isEqualTo(2);
                assertThat(e.fencedGeneration()).isEqualTo(1);
                assertThat(e.owner()).isEqualTo("backup");
                assertThat(e).hasMessageContaining("generation 2").hasMessageContaining("backup");
            });
            assertThatThrownBy(() -> old.read(1, new byte[B])).isInstanceOf(FencedException.class);
            byte[] onDisk = new byte[B];
            backup.storeFor(2).read(1, onDisk);
            assertThat(onDisk).as("the fenced write did nothing").isEqualTo(block(1));

            primary.storeFor(2).write(1, block(2));
            backup.storeFor(2).read(1, onDisk);
            assertThat(onDisk).isEqualTo(block(2));

            // The stale holder cannot take the disk back with its old generation.
            assertThat(primary.testAndSet(1, "primary")).isFalse();
            assertThat(backup.owner()).isEqualTo("backup");
        }
        try (SharedDisk again = SharedDisk.open(p)) {
            assertThat(again.generation()).isEqualTo(2);
            assertThat(again.owner()).isEqualTo("backup");
        }
    }

    @Test
    void ownerTagsUpTo200Utf8BytesAreKeptAndLongerOnesRefused() throws Exception {
        try (SharedDisk d = SharedDisk.create(dir.resolve("o.disk"), 1)) {
            String accented = "sauvegarde \u00e9\u00e8 pid 1234";
            assertThat(d.testAndSet(1, accented)).isTrue();
            assertThat(d.owner()).isEqualTo(accented);
            String max = "x".repeat(198) + "\u00e9"; // 200 bytes
            assertThat(d.testAndSet(2, max)).isTrue();
            assertThat(d.owner()).isEqualTo(max);
            assertThatThrownBy(() -> d.testAndSet(3, "x".repeat(199) + "\u00e9"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
            assertThat(d.generation()).isEqualTo(3);
        }
    }

    @Test
    void transfersOutsideTheDiskOrNotWholeBlocksAreRefused() throws Exception {
        try (SharedDisk d = SharedDisk.create(dir.resolve("b.disk"), 4)) {
            BlockStore s = d.storeFor(1);
            assertThat(s.blockCount()).isEqualTo(4);
            assertThatThrownBy(() -> s.read(-1, new byte[B])).isInstanceOf(IOException.class)
                    .hasMessageContaining("outside the disk");
            assertThatThrownBy(() -> s.write(4, new byte[B])).hasMessageContaining("outside the disk");
            assertThatThrownBy(() -> s.write(3, new byte[2 * B])).hasMessageContaining("outside the disk");
            assertThatThrownBy(() -> s.write(0, new byte[B + 1])).hasMessageContaining("whole number");
            s.write(3, block(3));
            byte[] back = new byte[B];
            s.read(3, back);
            assertThat(back).isEqualTo(block(3));
        }
    }

    @Test
    void aHeaderCorruptedWhileOpenFailsClosed() throws Exception {
        Path p = dir.resolve("rot.disk");
        try (SharedDisk d = SharedDisk.create(p, 2)) {
            try (var ch = java.nio.channels.FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[] {9}), 20); // inside the generation field
            }
            assertThatThrownBy(d::generation).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
            assertThatThrownBy(() -> d.storeFor(1).write(0, block(0))).hasMessageContaining("corrupt");
            assertThatThrownBy(() -> d.testAndSet(1, "x")).hasMessageContaining("corrupt");
        }
    }

    @Test
    void aClosedDiskRefusesCommandsWhileAnotherObjectOnTheFileGoesOn() throws Exception {
        Path p = dir.resolve("c.disk");
        SharedDisk a = SharedDisk.create(p, 2);
        try (SharedDisk b = SharedDisk.open(p)) {
            a.close();
            a.close(); // closing twice is allowed
            assertThatThrownBy(() -> a.storeFor(1).write(0, block(0))).isInstanceOf(IOException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(a::generation).hasMessageContaining("closed");
            assertThat(b.testAndSet(1, "b")).isTrue();
            b.storeFor(2).write(0, block(5));
        }
    }
}
