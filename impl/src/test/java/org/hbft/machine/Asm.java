package org.hbft.machine;

/**
 * Builds the text of a generated program body. Every body record gets a label in front of it
 * ({@code .Lb<i>}) and the end of the body gets {@code .Lb<n>}, so a forward branch "skipping k
 * records" always has a target, whatever records shrinking has removed.
 */
final class Asm {
    private final StringBuilder text = new StringBuilder();
    private final int records;
    private int current;
    private int fresh;

    Asm(int records) {
        this.records = records;
    }

    /** Starts record {@code i}: places its label. */
    void beginRecord(int i) {
        current = i;
        label(recordLabel(i));
    }

    /** The label after the last record, where the epilogue starts. */
    String endLabel() {
        return recordLabel(records);
    }

    static String recordLabel(int i) {
        return ".Lb" + i;
    }

    /** The start of the record {@code skip} records after the next one, or the end of the body. */
    String target(int skip) {
        return recordLabel(Math.min(current + 1 + skip, records));
    }

    /** A new label private to the current record. */
    String fresh() {
        return ".Lx" + fresh++;
    }

    void emit(String instruction) {
        text.append("        ").append(instruction).append('\n');
    }

    void label(String name) {
        text.append(name).append(":\n");
    }

    String text() {
        return text.toString();
    }

    static String r(int n) {
        return "%r" + n;
    }
}
