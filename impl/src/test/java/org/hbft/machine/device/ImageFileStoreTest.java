package org.hbft.machine.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk image files: bad images are refused with a clear message; written blocks persist. */
class ImageFileStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingImageIsRefusedWithAHint() {
        assertThatThrownBy(() -> ImageFileStore.open(dir.resolve("none.img")))
                .isInstanceOf(DiskImageException.class).hasMessageContaining("no such disk image")
                .hasMessageContaining("--create-disk");
    }

    @Test
    void imageWhoseSizeIsNotWholeBlocksIsCorrupt() throws Exception {
        Path p = Files.write(dir.resolve("odd.img"), new byte[4096 + 10]);
        assertThatThrownBy(() -> ImageFileStore.open(p)).isInstanceOf(DiskImageException.class)
                .hasMessageContaining("corrupt disk image");
        Path empty = Files.write(dir.resolve("empty.img"), new byte[0]);
        assertThatThrownBy(() -> ImageFileStore.open(empty)).hasMessageContaining("corrupt disk image");
    }

    @Test
    void directoryIsNotADiskImage() {
        assertThatThrownBy(() -> ImageFileStore.open(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void createdImageKeepsWrittenBlocksAcrossReopening() throws Exception {
        Path p = dir.resolve("d.img");
        byte[] block = new byte[BlockDevice.BLOCK_SIZE];
        block[0] = 42;
        block[4095] = 24;
        try (ImageFileStore s = ImageFileStore.create(p, 16)) {
            assertThat(s.blockCount()).isEqualTo(16);
            s.write(15, block);
        }
        assertThat(Files.size(p)).isEqualTo(16 * 4096L);
        try (ImageFileStore s = ImageFileStore.open(p)) {
            byte[] back = new byte[BlockDevice.BLOCK_SIZE];
            s.read(15, back);
            assertThat(back).isEqualTo(block);
        }
    }

    @Test
    void createRefusesToOverwriteAnExistingFile() throws Exception {
        Path p = Files.write(dir.resolve("keep.img"), new byte[4096]);
        assertThatThrownBy(() -> ImageFileStore.create(p, 4)).hasMessageContaining("already exists");
        assertThat(Files.size(p)).isEqualTo(4096);
    }
}
