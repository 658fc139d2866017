package org.hbft.machine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A sparse, big-endian 32-bit address space made of 4 KiB pages.
 *
 * <p>Two page tables share the page arrays: {@link #readable} for loads and {@link #writable}
 * for stores. A page that holds decoded instructions is removed from the writable table, so the
 * fast store path stays a single array lookup and a store into code falls through to
 * {@link #slowStore}, which invalidates the decoded copy first.
 */
public final class PagedMemory {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final int PAGE_MASK = PAGE_SIZE - 1;
    static final int PAGES = 1 << (32 - PAGE_SHIFT);

    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Page permission bits. */
    public static final int READ = 1, WRITE = 2, EXEC = 4;

    final byte[][] readable = new byte[PAGES][];
    final byte[][] writable = new byte[PAGES][];
    private final byte[][] pages = new byte[PAGES][];
    private final byte[] perms = new byte[PAGES];
    /** Called when a store hits a page whose decoded instructions must be dropped. */
    private CodeInvalidator invalidator = page -> { };
    private long mappedPages;

    // Write tracking for the epoch digest: a clean page is withdrawn from the fast store path
    // (as code pages are), so its first store goes through slowStore, which marks it dirty.
    private boolean tracking;
    private final boolean[] dirty = new boolean[PAGES];
    private int[] dirtyList = new int[64];
    private int dirtyCount;
    private final long[] pageHash = new long[PAGES];
    private long memoryHash;
    /** Lets the CPU drop translation caches that hold page arrays for fast stores. */
    private Runnable fastStoreReset = () -> { };

    /** Receives the page number of a page whose contents changed under decoded code. */
    @FunctionalInterface
    public interface CodeInvalidator {
        void invalidate(int page);
    }

    void setInvalidator(CodeInvalidator invalidator) {
        this.invalidator = invalidator;
    }

    void setFastStoreReset(Runnable reset) {
        this.fastStoreReset = reset;
    }

    private void markDirty(int page) {
        if (tracking && !dirty[page]) {
            dirty[page] = true;
            if (dirtyCount == dirtyList.length) {
                dirtyList = java.util.Arrays.copyOf(dirtyList, dirtyCount * 2);
            }
            dirtyList[dirtyCount++] = page;
        }
    }

    /**
     * A hash of every mapped page (contents, permissions, address), kept up to date
     * incrementally: after the first call only the pages written since the previous call are
     * hashed again. The hash is the sum of 64-bit per-page hashes, which detects divergence
     * between replicas with high probability; it is not meant to resist a forger.
     */
    public long incrementalHash() {
        if (!tracking) {
            tracking = true;
            memoryHash = 0;
            for (int page = 0; page < PAGES; page++) {
                if (pages[page] != null) {
                    pageHash[page] = hashPage(page);
                    memoryHash += pageHash[page];
                    writable[page] = null;
                }
            }
            fastStoreReset.run();
            return memoryHash;
        }
        for (int i = 0; i < dirtyCount; i++) {
            int page = dirtyList[i];
            dirty[page] = false;
            memoryHash -= pageHash[page];
            pageHash[page] = pages[page] == null ? 0 : hashPage(page);
            memoryHash += pageHash[page];
            writable[page] = null;
        }
        if (dirtyCount > 0) {
            fastStoreReset.run();
        }
        dirtyCount = 0;
        return memoryHash;
    }

    private long hashPage(int page) {
        byte[] p = pages[page];
        long h = 0x9E3779B97F4A7C15L * (page + 1) + perms[page];
        for (int o = 0; o < PAGE_SIZE; o += 8) {
            h = (h ^ (long) LONG.get(p, o)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h * 0x94D049BB133111EBL ^ (h >>> 29);
    }

    /** Maps [start, start+length) with the given permissions, zero-filled where new. */
    public void map(int start, int length, int permissions) {
        if (length <= 0) {
            return;
        }
        long first = Integer.toUnsignedLong(start) >>> PAGE_SHIFT;
        long last = (Integer.toUnsignedLong(start) + length - 1) >>> PAGE_SHIFT;
        for (long p = first; p <= last && p < PAGES; p++) {
            int page = (int) p;
            if (pages[page] == null) {
                pages[page] = new byte[PAGE_SIZE];
                mappedPages++;
            }
            setPermissions(page, permissions);
        }
    }

    /** Changes the permissions of every mapped page in [start, start+length). */
    public void protect(int start, int length, int permissions) {
        long first = Integer.toUnsignedLong(start) >>> PAGE_SHIFT;
        long last = (Integer.toUnsignedLong(start) + length - 1) >>> PAGE_SHIFT;
        for (long p = first; p <= last && p < PAGES; p++) {
            if (pages[(int) p] != null) {
                setPermissions((int) p, permissions);
            }
        }
    }

    /** Removes every page in [start, start+length). */
    public void unmap(int start, int length) {
        long first = Integer.toUnsignedLong(start) >>> PAGE_SHIFT;
        long last = (Integer.toUnsignedLong(start) + length - 1) >>> PAGE_SHIFT;
        for (long p = first; p <= last && p < PAGES; p++) {
            int page = (int) p;
            if (pages[page] != null) {
                invalidator.invalidate(page);
                markDirty(page);
                pages[page] = null;
                readable[page] = null;
                writable[page] = null;
                perms[page] = 0;
                mappedPages--;
            }
        }
    }

    private void setPermissions(int page, int permissions) {
        markDirty(page);
        perms[page] = (byte) permissions;
        readable[page] = (permissions & READ) != 0 ? pages[page] : null;
        writable[page] = (permissions & WRITE) != 0 ? pages[page] : null;
    }

    public boolean isMapped(int addr) {
        return pages[addr >>> PAGE_SHIFT] != null;
    }

    public int permissions(int addr) {
        return perms[addr >>> PAGE_SHIFT];
    }

    /** True if every page of [start, start+length) is mapped. */
    public boolean isRangeMapped(int start, int length) {
        if (length <= 0) {
            return true;
        }
        long end = Integer.toUnsignedLong(start) + length - 1;
        if (end > 0xffffffffL) {
            return false;
        }
        for (long p = Integer.toUnsignedLong(start) >>> PAGE_SHIFT; p <= end >>> PAGE_SHIFT; p++) {
            if (pages[(int) p] == null) {
                return false;
            }
        }
        return true;
    }

    public long mappedPages() {
        return mappedPages;
    }

    /** The backing page for instruction decoding, or null if not executable. */
    byte[] executablePage(int page) {
        return (perms[page] & EXEC) != 0 ? pages[page] : null;
    }

    /** Withdraws a page from the fast store path because it now has decoded instructions. */
    void guardCode(int page) {
        writable[page] = null;
    }

    /** Re-opens the fast store path once decoded instructions are dropped. */
    void unguardCode(int page) {
        if ((perms[page] & WRITE) != 0) {
            writable[page] = pages[page];
        }
    }

    /**
     * A store that the fast path could not take: returns false if the page is not writable.
     * Otherwise drops decoded instructions of the page and re-opens it for fast stores.
     */
    boolean slowStore(int addr) {
        int page = addr >>> PAGE_SHIFT;
        if (pages[page] == null || (perms[page] & WRITE) == 0) {
            return false;
        }
        invalidator.invalidate(page);
        markDirty(page);
        writable[page] = pages[page];
        return true;
    }

    // Host-side accessors: no permission checks, used by loaders, system calls and devices.

    public int peekByte(int addr) {
        byte[] p = pages[addr >>> PAGE_SHIFT];
        if (p == null) {
            throw new MemoryFault(addr);
        }
        return p[addr & PAGE_MASK] & 0xff;
    }

    public int peekWord(int addr) {
        byte[] p = pages[addr >>> PAGE_SHIFT];
        if (p == null) {
            throw new MemoryFault(addr);
        }
        if ((addr & 3) == 0) {
            return (int) INT.get(p, addr & PAGE_MASK);
        }
        return (peekByte(addr) << 24) | (peekByte(addr + 1) << 16) | (peekByte(addr + 2) << 8) | peekByte(addr + 3);
    }

    public void pokeByte(int addr, int value) {
        int page = addr >>> PAGE_SHIFT;
        byte[] p = pages[page];
        if (p == null) {
            throw new MemoryFault(addr);
        }
        if (writable[page] == null) {
            invalidator.invalidate(page);
            unguardCode(page);
        }
        markDirty(page);
        p[addr & PAGE_MASK] = (byte) value;
    }

    public void pokeWord(int addr, int value) {
        for (int i = 0; i < 4; i++) {
            pokeByte(addr + i, value >>> (24 - 8 * i));
        }
    }

    /** Copies bytes out of guest memory; throws {@link MemoryFault} on an unmapped page. */
    public byte[] read(int addr, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int a = addr + done;
            byte[] p = pages[a >>> PAGE_SHIFT];
            if (p == null) {
                throw new MemoryFault(a);
            }
            int n = Math.min(length - done, PAGE_SIZE - (a & PAGE_MASK));
            System.arraycopy(p, a & PAGE_MASK, out, done, n);
            done += n;
        }
        return out;
    }

    /** Copies bytes into guest memory; throws {@link MemoryFault} on an unmapped page. */
    public void write(int addr, byte[] data, int offset, int length) {
        int done = 0;
        while (done < length) {
            int a = addr + done;
            int page = a >>> PAGE_SHIFT;
            byte[] p = pages[page];
            if (p == null) {
                throw new MemoryFault(a);
            }
            if (writable[page] == null) {
                invalidator.invalidate(page);
                unguardCode(page);
            }
            markDirty(page);
            int n = Math.min(length - done, PAGE_SIZE - (a & PAGE_MASK));
            System.arraycopy(data, offset + done, p, a & PAGE_MASK, n);
            done += n;
        }
    }

    /** Reads a NUL-terminated string of at most max bytes. */
    public byte[] readCString(int addr, int max) {
        int n = 0;
        while (n < max && peekByte(addr + n) != 0) {
            n++;
        }
        return read(addr, n);
    }

    /** Feeds every mapped page, in address order, to a digest. */
    public void digestInto(java.security.MessageDigest md) {
        byte[] header = new byte[4];
        for (int page = 0; page < PAGES; page++) {
            byte[] p = pages[page];
            if (p != null) {
                INT.set(header, 0, page);
                md.update(header);
                md.update(perms[page]);
                md.update(p);
            }
        }
    }
}
