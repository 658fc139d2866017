package org.hbft.machine.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A raw disk image file: block n is bytes [n * 4096, (n + 1) * 4096). Writes are forced to the
 * device before they are reported complete, so a completed write survives a host crash.
 */
public final class ImageFileStore implements BlockStore {
    /** The largest image accepted: 2^24 blocks (64 GiB). */
    public static final long MAX_BLOCKS = 1L << 24;

    private final FileChannel channel;
    private final int blocks;

    private ImageFileStore(FileChannel channel, int blocks) {
        this.channel = channel;
        this.blocks = blocks;
    }

    /** Opens an existing image; its size must be a non-zero multiple of the block size. */
    public static ImageFileStore open(Path path) throws DiskImageException {
        if (Files.isDirectory(path)) {
            throw new DiskImageException(path + ": is a directory, not a disk image");
        }
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = ch.size();
            if (size == 0 || size % BlockDevice.BLOCK_SIZE != 0 || size / BlockDevice.BLOCK_SIZE > MAX_BLOCKS) {
                ch.close();
                throw new DiskImageException(path + ": corrupt disk image (size " + size + " bytes is not a whole number"
                        + " of " + BlockDevice.BLOCK_SIZE + "-byte blocks between 1 and " + MAX_BLOCKS + ")");
            }
            return new ImageFileStore(ch, (int) (size / BlockDevice.BLOCK_SIZE));
        } catch (NoSuchFileException e) {
            throw new DiskImageException(path + ": no such disk image (create one with --create-disk BLOCKS)");
        } catch (IOException e) {
            throw new DiskImageException(path + ": cannot open disk image: " + FileErrors.describe(e));
        }
    }

    /** Creates a zero-filled image of {@code blocks} blocks; refuses to overwrite an existing file. */
    public static ImageFileStore create(Path path, int blocks) throws DiskImageException {
        if (blocks <= 0 || blocks > MAX_BLOCKS) {
            throw new DiskImageException("disk size must be between 1 and " + MAX_BLOCKS + " blocks");
        }
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            ch.truncate(0);
            ch.write(ByteBuffer.allocate(1), (long) blocks * BlockDevice.BLOCK_SIZE - 1);
            ch.force(true);
            return new ImageFileStore(ch, blocks);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new DiskImageException(path + ": already exists; not overwriting it");
        } catch (IOException e) {
            throw new DiskImageException(path + ": cannot create disk image: " + FileErrors.describe(e));
        }
    }

    @Override
    public int blockCount() {
        return blocks;
    }

    @Override
    public void read(int block, byte[] into) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(into);
        long pos = (long) block * BlockDevice.BLOCK_SIZE;
        while (buf.hasRemaining()) {
            if (channel.read(buf, pos + buf.position()) < 0) {
                throw new IOException("disk image shrank under us");
            }
        }
    }

    @Override
    public void write(int block, byte[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data);
        long pos = (long) block * BlockDevice.BLOCK_SIZE;
        while (buf.hasRemaining()) {
            channel.write(buf, pos + buf.position());
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
