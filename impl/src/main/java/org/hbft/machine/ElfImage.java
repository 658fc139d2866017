package org.hbft.machine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed, validated 32-bit big-endian PA-RISC ELF executable: its entry point and loadable
 * segments. Every offset and size is checked against the file before anything is loaded, so a
 * truncated or corrupt file is rejected whole with a one-line reason.
 */
public record ElfImage(int entry, int phdrAddress, int phdrCount, int phdrEntrySize, List<Segment> segments) {

    /** A PT_LOAD segment. */
    public record Segment(int vaddr, int memSize, byte[] data, int permissions) {}

    static final int EM_PARISC = 15;
    private static final int PT_LOAD = 1;
    private static final int PT_INTERP = 3;
    private static final int PT_PHDR = 6;

    public static ElfImage read(Path path) throws ElfException {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new ElfException(path + ": is a directory, not an ELF executable");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ElfException(path + ": no such file");
        } catch (IOException e) {
            throw new ElfException(path + ": cannot read: " + e.getMessage());
        }
        return parse(path.toString(), bytes);
    }

    public static ElfImage parse(String name, byte[] bytes) throws ElfException {
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ElfException(name + ": not an ELF file");
        }
        if (bytes.length < 52) {
            throw new ElfException(name + ": truncated ELF header");
        }
        if (bytes[4] != 1) {
            throw new ElfException(name + ": not a 32-bit ELF file (PA-RISC 1.1 executables are ELF32)");
        }
        if (bytes[5] != 2) {
            throw new ElfException(name + ": not a big-endian ELF file");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int type = b.getShort(16) & 0xffff;
        int machine = b.getShort(18) & 0xffff;
        if (machine != EM_PARISC) {
            throw new ElfException(name + ": ELF for machine " + machine + ", not PA-RISC (" + EM_PARISC + ")");
        }
        if (type != 2) {
            throw new ElfException(name + ": not an executable (ELF type " + type + "); build with -static");
        }
        int entry = b.getInt(24);
        long phoff = Integer.toUnsignedLong(b.getInt(28));
        int phentsize = b.getShort(42) & 0xffff;
        int phnum = b.getShort(44) & 0xffff;
        if (phnum == 0) {
            throw new ElfException(name + ": no program headers");
        }
        if (phentsize < 32 || phoff + (long) phentsize * phnum > bytes.length) {
            throw new ElfException(name + ": truncated ELF file (program headers extend past the end)");
        }
        List<Segment> segments = new ArrayList<>();
        int phdrAddress = 0;
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * phentsize);
            int ptype = b.getInt(o);
            long offset = Integer.toUnsignedLong(b.getInt(o + 4));
            int vaddr = b.getInt(o + 8);
            long filesz = Integer.toUnsignedLong(b.getInt(o + 16));
            long memsz = Integer.toUnsignedLong(b.getInt(o + 20));
            int flags = b.getInt(o + 24);
            if (ptype == PT_INTERP) {
                throw new ElfException(name + ": dynamically linked; only static executables are supported");
            }
            if (ptype == PT_PHDR) {
                phdrAddress = vaddr;
            }
            if (ptype != PT_LOAD) {
                continue;
            }
            if (filesz > memsz) {
                throw new ElfException(name + ": corrupt segment " + i + " (file size exceeds memory size)");
            }
            if (offset + filesz > bytes.length) {
                throw new ElfException(name + ": truncated ELF file (segment " + i + " extends past the end)");
            }
            if (Integer.toUnsignedLong(vaddr) + memsz > 0xf0000000L || Integer.toUnsignedLong(vaddr) < PagedMemory.PAGE_SIZE) {
                throw new ElfException(name + ": segment " + i + " lies outside the user address space");
            }
            byte[] data = new byte[(int) filesz];
            System.arraycopy(bytes, (int) offset, data, 0, (int) filesz);
            int perms = ((flags & 4) != 0 ? PagedMemory.READ : 0) | ((flags & 2) != 0 ? PagedMemory.WRITE : 0)
                    | ((flags & 1) != 0 ? PagedMemory.EXEC | PagedMemory.READ : 0);
            segments.add(new Segment(vaddr, (int) memsz, data, perms));
            if (phdrAddress == 0 && offset <= phoff && phoff < offset + filesz) {
                phdrAddress = vaddr + (int) (phoff - offset);
            }
        }
        if (segments.isEmpty()) {
            throw new ElfException(name + ": no loadable segments");
        }
        return new ElfImage(entry, phdrAddress, phnum, phentsize, List.copyOf(segments));
    }

    /** Maps every segment into memory; returns the end of the highest segment (the initial break). */
    public int load(PagedMemory memory) {
        long end = 0;
        // Segments may share a page; such a page gets the union of their permissions.
        java.util.Map<Integer, Integer> pagePerms = new java.util.TreeMap<>();
        for (Segment s : segments) {
            memory.map(s.vaddr(), s.memSize(), PagedMemory.READ | PagedMemory.WRITE);
            memory.write(s.vaddr(), s.data(), 0, s.data().length);
            long last = Integer.toUnsignedLong(s.vaddr()) + s.memSize() - 1;
            for (long p = Integer.toUnsignedLong(s.vaddr()) >>> PagedMemory.PAGE_SHIFT; p <= last >>> PagedMemory.PAGE_SHIFT; p++) {
                pagePerms.merge((int) p, s.permissions(), (a, c) -> a | c);
            }
            end = Math.max(end, last + 1);
        }
        pagePerms.forEach((page, perms) -> memory.protect(page << PagedMemory.PAGE_SHIFT, PagedMemory.PAGE_SIZE, perms));
        return (int) end;
    }
}
