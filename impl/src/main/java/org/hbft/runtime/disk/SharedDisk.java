package org.hbft.runtime.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.BlockStore;
import org.hbft.machine.device.DiskImageException;
import org.hbft.machine.device.FileErrors;
import org.hbft.machine.device.ImageFileStore;

/**
 * A disk image that the primary and the backup have open at the same time, carrying a generation
 * record that fences off a replica which has been superseded.
 *
 * <p>Before a backup promotes itself, or a primary that lost its backup goes on alone, it calls
 * {@link #testAndSet} with the generation it holds. Only one caller can move the generation from
 * {@code g} to {@code g + 1}; from then on every command issued through {@link #storeFor storeFor(g)}
 * is refused with a {@link FencedException}. So even when the replicas cannot talk to each other,
 * at most one of them can write.
 *
 * <p>File layout: the first {@value #HEADER_SIZE} bytes are the header; guest block {@code i} lives
 * at offset {@code 4096 * (i + 1)}. Header fields (big-endian):
 * <pre>
 *   0  magic "HBFTDISK"        8 bytes
 *   8  format version          int (1)
 *  12  block count             int
 *  16  generation              long
 *  24  owner length            int (0..200)
 *  28  owner, UTF-8            200 bytes, zero padded
 * 228  CRC32 of bytes 0..227   int
 * </pre>
 * The record fits in one 512-byte sector, so a header update is not torn by a host crash on
 * devices with atomic sector writes, and a torn one is caught by the CRC.
 *
 * <p>Every header access and every block access happens under an exclusive lock on the header
 * region: a {@link FileLock} against other processes, plus a JVM-wide lock (keyed by the file's
 * identity) against other threads and other {@code SharedDisk} objects in this JVM, which the file
 * lock alone cannot exclude. Holding it across the generation check and the block I/O is what makes
 * the fence exact: a block write either completes before a takeover or is refused after it.
 *
 * <p>As with any {@link FileChannel}, interrupting a thread blocked in disk I/O closes the disk.
 */
public final class SharedDisk implements AutoCloseable {
    /** Bytes reserved for the header; block 0 starts here. */
    public static final int HEADER_SIZE = BlockDevice.BLOCK_SIZE;
    /** Current format version. */
    public static final int VERSION = 1;
    /** The longest owner tag, in UTF-8 bytes. */
    public static final int MAX_OWNER_BYTES = 200;
    /** The largest disk accepted, as for plain images. */
    public static final long MAX_BLOCKS = ImageFileStore.MAX_BLOCKS;

    private static final byte[] MAGIC = "HBFTDISK".getBytes(StandardCharsets.US_ASCII);
    private static final int OFF_VERSION = 8;
    private static final int OFF_BLOCKS = 12;
    private static final int OFF_GENERATION = 16;
    private static final int OFF_OWNER_LEN = 24;
    private static final int OFF_OWNER = 28;
    private static final int OFF_CRC = OFF_OWNER + MAX_OWNER_BYTES;
    private static final int RECORD_SIZE = OFF_CRC + 4;

    /**
     * One lock per file identity for the whole JVM. Entries are never removed: removing one while
     * another object is about to use it would split the lock in two, and each entry is tiny.
     */
    private static final ConcurrentMap<Object, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final ReentrantLock jvmLock;
    private final int blocks;
    private boolean closed;

    private SharedDisk(Path file, FileChannel channel, ReentrantLock jvmLock, int blocks) {
        this.file = file;
        this.channel = channel;
        this.jvmLock = jvmLock;
        this.blocks = blocks;
    }

    /**
     * Creates a zero-filled shared disk of {@code blocks} blocks at generation 1, owner
     * {@code "created"}; refuses to overwrite an existing file.
     */
    public static SharedDisk create(Path file, int blocks) throws DiskImageException {
        if (blocks <= 0 || blocks > MAX_BLOCKS) {
            throw new DiskImageException("disk size must be between 1 and " + MAX_BLOCKS + " blocks");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new DiskImageException(file + ": already exists; not overwriting it");
        } catch (IOException e) {
            throw new DiskImageException(file + ": cannot create shared disk image: " + FileErrors.describe(e));
        }
        ReentrantLock lock = null;
        try {
            lock = lockFor(file);
            SharedDisk disk = new SharedDisk(file, ch, lock, blocks);
            FileLock held = disk.lock();
            try {
                ch.write(ByteBuffer.allocate(1), (long) HEADER_SIZE + (long) blocks * BlockDevice.BLOCK_SIZE - 1);
                disk.writeRecord(1, "created");
                ch.force(true);
            } finally {
                disk.unlock(held);
            }
            return disk;
        } catch (IOException e) {
            closeQuietly(ch, lock);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The creation error below is the one worth reporting.
            }
            throw new DiskImageException(file + ": cannot create shared disk image: " + FileErrors.describe(e));
        }
    }

    /** Opens an existing shared disk, validating its header and size. */
    public static SharedDisk open(Path file) throws DiskImageException {
        if (Files.isDirectory(file)) {
            throw new DiskImageException(file + ": is a directory, not a shared disk image");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new DiskImageException(file + ": no such shared disk image");
        } catch (IOException e) {
            throw new DiskImageException(file + ": cannot open shared disk image: " + FileErrors.describe(e));
        }
        ReentrantLock lock = null;
        try {
            lock = lockFor(file);
            SharedDisk probe = new SharedDisk(file, ch, lock, 0);
            String problem;
            int blocks = 0;
            FileLock held = probe.lock();
            try {
                problem = validate(file, ch);
                if (problem == null) {
                    blocks = probe.readRecord().blocks;
                }
            } finally {
                probe.unlock(held);
            }
            if (problem != null) {
                closeQuietly(ch, lock);
                throw new DiskImageException(file + ": " + problem);
            }
            return new SharedDisk(file, ch, lock, blocks);
        } catch (IOException e) {
            closeQuietly(ch, lock);
            throw new DiskImageException(file + ": cannot open shared disk image: " + FileErrors.describe(e));
        }
    }

    /** The image file. */
    public Path file() {
        return file;
    }

    /** Number of guest blocks of {@link BlockDevice#BLOCK_SIZE} bytes. */
    public int blockCount() {
        return blocks;
    }

    /** The generation stored on the disk now; read from the file, since another process may change it. */
    public long generation() throws IOException {
        FileLock held = lock();
        try {
            return readRecord().generation;
        } finally {
            unlock(held);
        }
    }

    /** The owner tag stored with the current generation. */
    public String owner() throws IOException {
        FileLock held = lock();
        try {
            return readRecord().owner;
        } finally {
            unlock(held);
        }
    }

    /**
     * Atomic test-and-set of the generation: if the stored generation is {@code expected}, stores
     * {@code expected + 1} with {@code owner} and returns true; otherwise changes nothing and returns
     * false. Atomic across processes and across threads and objects in this JVM. The new record is on
     * stable storage before this returns true.
     *
     * @throws IllegalArgumentException if {@code owner} is longer than {@value #MAX_OWNER_BYTES} UTF-8 bytes
     */
    public boolean testAndSet(long expected, String owner) throws IOException {
        Objects.requireNonNull(owner, "owner");
        if (owner.getBytes(StandardCharsets.UTF_8).length > MAX_OWNER_BYTES) {
            throw new IllegalArgumentException("owner tag longer than " + MAX_OWNER_BYTES + " UTF-8 bytes: " + owner);
        }
        FileLock held = lock();
        try {
            if (readRecord().generation != expected) {
                return false;
            }
            writeRecord(Math.addExact(expected, 1), owner);
            channel.force(false);
            return true;
        } finally {
            unlock(held);
        }
    }

    /**
     * The disk as seen by a replica holding {@code generation}. Each read and write first checks,
     * under the disk lock, that {@code generation} still holds the disk, and otherwise throws
     * {@link FencedException} without touching any block. A write that returned has been forced to
     * the device. Closing the view does nothing; close this {@code SharedDisk} instead.
     */
    public BlockStore storeFor(long generation) {
        return new FencedStore(generation);
    }

    /** Whether {@code generation} still holds the disk. */
    public boolean holds(long generation) throws IOException {
        FileLock held = lock();
        try {
            return readRecord().generation == generation;
        } finally {
            unlock(held);
        }
    }

    /** Closes the image. Idempotent. */
    @Override
    public void close() {
        // Closing any descriptor of a file drops every POSIX lock this process holds on it, so the
        // close must not overlap another object's locked section on the same file.
        jvmLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // Every write was forced before it returned, so nothing can be lost here.
            }
        } finally {
            jvmLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SharedDisk[" + file + ", " + blocks + " blocks]";
    }

    private final class FencedStore implements BlockStore {
        private final long generation;

        FencedStore(long generation) {
            this.generation = generation;
        }

        @Override
        public int blockCount() {
            return blocks;
        }

        @Override
        public void read(int block, byte[] into) throws IOException {
            checkRange(block, into.length);
            FileLock held = lock();
            try {
                checkHolder(generation);
                ByteBuffer buf = ByteBuffer.wrap(into);
                long pos = offsetOf(block);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, pos + buf.position()) < 0) {
                        throw new IOException(file + ": shared disk image shrank under us");
                    }
                }
            } finally {
                unlock(held);
            }
        }

        @Override
        public void write(int block, byte[] data) throws IOException {
            checkRange(block, data.length);
            FileLock held = lock();
            try {
                checkHolder(generation);
                ByteBuffer buf = ByteBuffer.wrap(data);
                long pos = offsetOf(block);
                while (buf.hasRemaining()) {
                    channel.write(buf, pos + buf.position());
                }
                channel.force(false);
            } finally {
                unlock(held);
            }
        }

        @Override
        public String toString() {
            return SharedDisk.this + " as generation " + generation;
        }
    }

    private static long offsetOf(int block) {
        return HEADER_SIZE + (long) block * BlockDevice.BLOCK_SIZE;
    }

    private void checkRange(int block, int length) throws IOException {
        if (length % BlockDevice.BLOCK_SIZE != 0) {
            throw new IOException(file + ": transfer of " + length + " bytes is not a whole number of "
                    + BlockDevice.BLOCK_SIZE + "-byte blocks");
        }
        long count = length / BlockDevice.BLOCK_SIZE;
        if (block < 0 || block + count > blocks) {
            throw new IOException(file + ": " + count + " block(s) from block " + block + " are outside the disk of "
                    + blocks + " blocks");
        }
    }

    /** Must be called under the lock. */
    private void checkHolder(long generation) throws IOException {
        Record r = readRecord();
        if (r.generation != generation) {
            throw new FencedException(file, generation, r.generation, r.owner);
        }
    }

    /**
     * Takes the JVM-wide lock, then the file lock on the header region; {@link #unlock} releases
     * both. Every header and block access happens between the two. Plain calls rather than a
     * method taking a lambda: a lambda's class is made the first time its site runs, and a
     * backup runs the fence's and the new primary's sites for the first time during a failover.
     */
    private FileLock lock() throws IOException {
        jvmLock.lock();
        boolean locked = false;
        try {
            if (closed) {
                throw new IOException(file + ": shared disk is closed");
            }
            FileLock held = channel.lock(0, HEADER_SIZE, false);
            locked = true;
            return held;
        } finally {
            if (!locked) {
                jvmLock.unlock();
            }
        }
    }

    private void unlock(FileLock lock) throws IOException {
        try {
            lock.release();
        } finally {
            jvmLock.unlock();
        }
    }

    private static ReentrantLock lockFor(Path file) throws IOException {
        // The file key (device and inode on Unix) identifies the file however it is named; the
        // canonical path is the fallback where the platform has no such key.
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        if (key == null) {
            key = file.toRealPath();
        }
        return JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    }

    private static void closeQuietly(FileChannel ch, ReentrantLock lock) {
        if (lock != null) {
            lock.lock();
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // Already failing with a better message.
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    private static final class Record {
        final int blocks;
        final long generation;
        final String owner;

        Record(int blocks, long generation, String owner) {
            this.blocks = blocks;
            this.generation = generation;
            this.owner = owner;
        }
    }

    private static ByteBuffer readHeaderBytes(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(RECORD_SIZE).order(ByteOrder.BIG_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, buf.position()) < 0) {
                break;
            }
        }
        buf.flip();
        return buf;
    }

    /** Returns what is wrong with the image, or null if it is a valid shared disk. Under the lock. */
    private static String validate(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < HEADER_SIZE) {
            return "not a shared disk image (" + size + " bytes is too short for the " + HEADER_SIZE + "-byte header)";
        }
        ByteBuffer h = readHeaderBytes(ch);
        byte[] magic = new byte[MAGIC.length];
        h.get(0, magic);
        if (!Arrays.equals(magic, MAGIC)) {
            return "not a shared disk image (bad magic; expected \"HBFTDISK\")";
        }
        int version = h.getInt(OFF_VERSION);
        if (version != VERSION) {
            return "unsupported shared disk format version " + version + " (expected " + VERSION + ")";
        }
        if (crcOf(h) != h.getInt(OFF_CRC)) {
            return "corrupt shared disk header (CRC mismatch)";
        }
        int ownerLen = h.getInt(OFF_OWNER_LEN);
        if (ownerLen < 0 || ownerLen > MAX_OWNER_BYTES) {
            return "corrupt shared disk header (owner length " + ownerLen + ")";
        }
        int blocks = h.getInt(OFF_BLOCKS);
        if (blocks <= 0 || blocks > MAX_BLOCKS) {
            return "corrupt shared disk header (block count " + blocks + " is not between 1 and " + MAX_BLOCKS + ")";
        }
        long expectedSize = HEADER_SIZE + (long) blocks * BlockDevice.BLOCK_SIZE;
        if (size != expectedSize) {
            return "corrupt shared disk image (size " + size + " bytes does not match its " + blocks
                    + " blocks; expected " + expectedSize + " bytes)";
        }
        return null;
    }

    /** Reads and checks the header record. Under the lock. */
    private Record readRecord() throws IOException {
        ByteBuffer h = readHeaderBytes(channel);
        if (h.limit() < RECORD_SIZE || crcOf(h) != h.getInt(OFF_CRC)) {
            throw new IOException(file + ": corrupt shared disk header (CRC mismatch)");
        }
        int ownerLen = h.getInt(OFF_OWNER_LEN);
        if (ownerLen < 0 || ownerLen > MAX_OWNER_BYTES) {
            throw new IOException(file + ": corrupt shared disk header (owner length " + ownerLen + ")");
        }
        byte[] ownerBytes = new byte[ownerLen];
        h.get(OFF_OWNER, ownerBytes);
        String owner;
        try {
            owner = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(ownerBytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": corrupt shared disk header (owner is not UTF-8)");
        }
        return new Record(h.getInt(OFF_BLOCKS), h.getLong(OFF_GENERATION), owner);
    }

    /** Writes the whole record in one positioned write. Under the lock; the caller forces. */
    private void writeRecord(long generation, String owner) throws IOException {
        byte[] ownerBytes = owner.getBytes(StandardCharsets.UTF_8);
        ByteBuffer h = ByteBuffer.allocate(RECORD_SIZE).order(ByteOrder.BIG_ENDIAN);
        h.put(0, MAGIC);
        h.putInt(OFF_VERSION, VERSION);
        h.putInt(OFF_BLOCKS, blocks);
        h.putLong(OFF_GENERATION, generation);
        h.putInt(OFF_OWNER_LEN, ownerBytes.length);
        h.put(OFF_OWNER, ownerBytes);
        h.putInt(OFF_CRC, crcOf(h));
        while (h.hasRemaining()) {
            channel.write(h, h.position());
        }
    }

    private static int crcOf(ByteBuffer header) {
        CRC32 crc = new CRC32();
        crc.update(header.duplicate().position(0).limit(OFF_CRC));
        return (int) crc.getValue();
    }
}
