package org.hbft.machine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete test program: initial values for every general register but %r30, the contents of
 * a 256-byte scratch buffer, the initial SAR and carry, a number of NOPs that moves the body
 * (towards a page boundary, so that branches, delay slots and nullification cross pages), and
 * a body of {@link Insn} records.
 *
 * <p>The program sets all of that explicitly, so nothing it prints depends on where the loader
 * put the stack or argv. After the body it stores r1..r31, the PSW carry (read with ADDC), SAR
 * and a checksum of the buffer, writes them and the buffer as hex text to stdout with the write
 * system call, and exits with the low 7 bits of the checksum. No libc: linked with
 * {@code ld -static}, entry {@code _start}.
 */
record AsmProgram(List<Integer> registers, List<Integer> buffer, int sar, boolean carry, int padding,
        List<Insn> body) {
    /** The registers that {@link #registers} initialises, in order: all but %r0 and %r30. */
    static final int[] INITIALISED = Insn.SCRATCH;
    static final int BUFFER_WORDS = Insn.BUFFER_BYTES / 4;
    /** Names of the printed values, in output order. */
    static final List<String> NAMES = names();

    AsmProgram {
        if (registers.size() != INITIALISED.length || buffer.size() != BUFFER_WORDS) {
            throw new IllegalArgumentException("need " + INITIALISED.length + " registers and " + BUFFER_WORDS + " words");
        }
    }

    String bodyText() {
        Asm a = new Asm(body.size());
        for (int i = 0; i < body.size(); i++) {
            a.beginRecord(i);
            body.get(i).render(a);
        }
        a.label(a.endLabel());
        return a.text();
    }

    String assembly() {
        return source(bodyText(), registers, buffer, sar, carry, padding);
    }

    @Override
    public String toString() {
        return "\n" + bodyText();
    }

    /**
     * The whole program around a body. {@code bodyText} runs after the initialisation and must
     * fall through (or branch) to its end; it must not write %r30.
     */
    static String source(String bodyText, List<Integer> registers, List<Integer> buffer, int sar, boolean carry,
            int padding) {
        StringBuilder s = new StringBuilder();
        s.append("        .text\n        .globl _start\n_start:\n");
        line(s, "ldil L%buf+" + Insn.CENTRE + ",%r30");
        line(s, "ldo R%buf+" + Insn.CENTRE + "(%r30),%r30");
        line(s, "ldi " + (sar & 31) + ",%r1");
        line(s, "mtsar %r1");
        for (int i = 0; i < INITIALISED.length; i++) {
            String reg = Asm.r(INITIALISED[i]);
            line(s, String.format("ldil L%%0x%08x,%s", registers.get(i), reg));
            line(s, String.format("ldo R%%0x%08x(%s),%s", registers.get(i), reg, reg));
        }
        // 0 + ~0 + 1 carries out of every bit; 0 + 0 out of none.
        line(s, carry ? "sub %r0,%r0,%r0" : "add %r0,%r0,%r0");
        if (padding > 0) {
            line(s, ".rept " + padding);
            line(s, "nop");
            line(s, ".endr");
        }
        s.append(bodyText);
        // The body's last instruction may nullify the next one: let that be this NOP.
        line(s, "nop");
        s.append(EPILOGUE);
        s.append("        .data\n        .align 64\nbuf:\n");
        for (int w : buffer) {
            line(s, String.format(".word 0x%08x", w));
        }
        s.append("save:   .space 160\n");
        s.append("hex:    .ascii \"0123456789abcdef\"\n        .align 4\ntext:\n");
        for (String name : NAMES) {
            line(s, ".ascii \"" + name + "=xxxxxxxx\\n\"");
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String instruction) {
        s.append("        ").append(instruction).append('\n');
    }

    private static List<String> names() {
        List<String> n = new java.util.ArrayList<>();
        for (int i = 1; i <= 31; i++) {
            n.add(String.format("r%02d", i));
        }
        n.add("cry");
        n.add("sar");
        n.add("sum");
        for (int i = 0; i < BUFFER_WORDS; i++) {
            n.add(String.format("b%02x", i));
        }
        return List.copyOf(n);
    }

    /** Save area: %r30 + 128 + 4n holds rn (n = 1..31), then carry, SAR and checksum. */
    private static final String EPILOGUE = buildEpilogue();

    private static String buildEpilogue() {
        StringBuilder s = new StringBuilder();
        for (int n = 1; n <= 31; n++) {
            line(s, "stw %r" + n + "," + (128 + 4 * n) + "(%r30)");
        }
        String[] code = {
            // Only now, with every register saved, may ADDC overwrite one.
            "addc %r0,%r0,%r1",
            "stw %r1,256(%r30)",
            "mfctl %sar,%r1",
            "stw %r1,260(%r30)",
            // checksum: rotate left by 5, xor in the next word
            "ldo -128(%r30),%r3",
            "ldi 64,%r4",
            "ldi 0,%r5",
            "Psum: ldw 0(%r3),%r6",
            "shrpw %r5,%r5,27,%r5",
            "xor %r5,%r6,%r5",
            "addib,<> -1,%r4,Psum",
            "ldo 4(%r3),%r3",
            "stw %r5,264(%r30)",
            // format r1..r31, carry, SAR, checksum, then the buffer words
            "ldo 132(%r30),%r26",
            "ldi 34,%r25",
            "ldil L%text+4,%r24",
            "ldo R%text+4(%r24),%r24",
            "ldil L%hex,%r19",
            "b,l Pfill,%r2",
            "ldo R%hex(%r19),%r19",
            "ldo -128(%r30),%r26",
            "b,l Pfill,%r2",
            "ldi 64,%r25",
            // write(1, text, length)
            "ldi 1,%r26",
            "ldil L%text,%r25",
            "ldo R%text(%r25),%r25",
            "ldi " + 13 * NAMES.size() + ",%r24",
            "ble 0x100(%sr2,%r0)",
            "ldi 4,%r20",
            // exit(checksum & 0x7f)
            "extrw,u %r5,31,7,%r26",
            "ble 0x100(%sr2,%r0)",
            "ldi 1,%r20",
            // Pfill: r25 words from r26 as 8 hex digits each, into r24, lines 13 bytes apart
            "Pfill: ldw 0(%r26),%r22",
            "ldo 4(%r26),%r26",
            "ldi 8,%r21",
            "Pnib: extrw,u %r22,3,4,%r23",
            "ldbx %r23(%r19),%r23",
            "stb %r23,0(%r24)",
            "ldo 1(%r24),%r24",
            "addib,<> -1,%r21,Pnib",
            "depw,z %r22,27,28,%r22",
            "addib,<> -1,%r25,Pfill",
            "ldo 5(%r24),%r24",
            "bv %r0(%r2)",
            "nop",
        };
        for (String c : code) {
            int colon = c.indexOf(": ");
            if (colon > 0) {
                s.append(c, 0, colon + 1).append('\n');
                c = c.substring(colon + 2);
            }
            line(s, c);
        }
        return s.toString();
    }

    /** The printed values by name ("r01".."r31", "cry", "sar", "sum", "b00".."b3f"). */
    static Map<String, Integer> parse(String stdout) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (String l : stdout.split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                values.put(l.substring(0, eq), Integer.parseUnsignedInt(l.substring(eq + 1), 16));
            }
        }
        return values;
    }
}
