package org.hbft.spec;

/** How expensive a model is, and so when it is checked. */
public enum Tier {
    /** Small constants: checked by every {@code mvn test} and by plain {@code hbft spec check}. */
    CI,
    /** Larger constants: checked under {@code -Pthorough} and by {@code hbft spec check --thorough}. */
    THOROUGH;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
