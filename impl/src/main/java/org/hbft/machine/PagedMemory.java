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

    /** Receives the page number of a page whose contents changed under decoded code. */
    @FunctionalInterface
    public interface CodeInvalidator {
        void invalidate(int page);
    }

    void setInvalidator(CodeInvalidator invalidator) {
        this.invalidator = invalidator;
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
                pages[page] = null;
                readable[page] = null;
                writable[page] = null;
                perms[page] = 0;
                mappedPages--;
            }
        }
    }

    private void setPermissions(int page, int permissions) {
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
