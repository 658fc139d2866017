package org.hbft.machine;

/**
 * One PA-RISC 1.1 translation lookaside buffer (instruction or data): fully associative, with a
 * fixed number of entries and round-robin replacement, so that which entry an insertion evicts
 * depends only on the instruction stream. (The HP 9000/720 replaced entries non-deterministically,
 * which forced the original hypervisor to handle TLB misses itself; ours need not.)
 *
 * <p>Insertion is two-step as in PA 1.1: the address form (ITLBA/IDTLBA) names the virtual page
 * and its physical page, the protection form (ITLBP/IDTLBP) supplies access rights and validates it.
 */
public final class Tlb {
    /** A valid translation. Access rights follow the PA 1.1 protection word layout. */
    public static final class Entry {
        int space;
        int vpn;
        int ppn;
        int accessId;
        int arType;
        int pl1;
        int pl2;
        boolean dirty;
        boolean breakBit;
        boolean trapBit;
        boolean valid;

        public int physicalPage() {
            return ppn;
        }

        public int accessRightsType() {
            return arType;
        }
    }

    private final Entry[] entries;
    private int next;

    public Tlb(int size) {
        entries = new Entry[size];
        for (int i = 0; i < size; i++) {
            entries[i] = new Entry();
        }
    }

    public Entry lookup(int space, int vpn) {
        for (Entry e : entries) {
            if (e.valid && e.vpn == vpn && e.space == space) {
                return e;
            }
        }
        return null;
    }

    /** Address half of an insertion: physical page from bits 5..24 (LSB numbering) of the value. */
    void insertAddress(int space, int offset, int value) {
        int vpn = offset >>> PagedMemory.PAGE_SHIFT;
        Entry e = lookup(space, vpn);
        if (e == null) {
            for (Entry candidate : entries) {
                if (!candidate.valid && candidate.vpn == vpn && candidate.space == space) {
                    e = candidate;
                    break;
                }
            }
        }
        if (e == null) {
            e = entries[next];
            next = (next + 1) % entries.length;
        }
        e.valid = false;
        e.space = space;
        e.vpn = vpn;
        e.ppn = (value >>> 5) & 0xfffff;
    }

    /** Protection half of an insertion; validates the entry named by the address half. */
    void insertProtection(int space, int offset, int value) {
        int vpn = offset >>> PagedMemory.PAGE_SHIFT;
        for (Entry e : entries) {
            if (e.vpn == vpn && e.space == space) {
                e.accessId = (value >>> 1) & 0x3ffff;
                e.pl2 = (value >>> 20) & 3;
                e.pl1 = (value >>> 22) & 3;
                e.arType = (value >>> 24) & 7;
                e.breakBit = ((value >>> 27) & 1) != 0;
                e.dirty = ((value >>> 28) & 1) != 0;
                e.trapBit = ((value >>> 29) & 1) != 0;
                e.valid = true;
                return;
            }
        }
    }

    void purge(int space, int offset) {
        Entry e = lookup(space, offset >>> PagedMemory.PAGE_SHIFT);
        if (e != null) {
            e.valid = false;
        }
    }

    void purgeAll() {
        for (Entry e : entries) {
            e.valid = false;
        }
    }

    public int size() {
        return entries.length;
    }

    /** Whether a read at the privilege level is allowed (types 0-3 are readable up to PL1). */
    static boolean mayRead(Entry e, int priv) {
        return e.arType <= 3 && priv <= e.pl1;
    }

    static boolean mayWrite(Entry e, int priv) {
        return (e.arType == 1 || e.arType == 3) && priv <= e.pl2;
    }

    static boolean mayExecute(Entry e, int priv) {
        return e.arType >= 2 && priv <= e.pl2 && priv >= (e.arType >= 4 ? 0 : e.pl1);
    }

    void digestInto(java.security.MessageDigest md) {
        // A 64-bit mix over every entry's fields: cheap enough for every epoch boundary.
        long h = 0x2545F4914F6CDD1DL;
        for (Entry e : entries) {
            h = mix(h, e.valid ? 1 : 0);
            h = mix(h, e.space);
            h = mix(h, e.vpn);
            h = mix(h, e.ppn);
            h = mix(h, e.accessId);
            h = mix(h, e.arType);
            h = mix(h, e.pl1);
            h = mix(h, e.pl2);
            h = mix(h, (e.dirty ? 1 : 0) | (e.breakBit ? 2 : 0) | (e.trapBit ? 4 : 0));
        }
        md.update(java.nio.ByteBuffer.allocate(8).putLong(h).array());
    }

    private static long mix(long h, int v) {
        h = (h ^ (v & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
