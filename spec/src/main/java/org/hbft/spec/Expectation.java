package org.hbft.spec;

import java.util.Objects;

/**
 * What a model is supposed to do under TLC: pass, or be caught violating one named property.
 * Known-bad variants and documented findings expect a violation; the protocol's own models pass.
 *
 * @param property the property that must be reported violated, or {@code null} for a model that must pass
 */
public record Expectation(String property) {

    public static Expectation pass() {
        return new Expectation(null);
    }

    public static Expectation violation(String property) {
        return new Expectation(Objects.requireNonNull(property));
    }

    public boolean expectsViolation() {
        return property != null;
    }

    /** True when the run came out as expected: a clean pass, or exactly the expected violation. */
    public boolean isMetBy(TlcResult result) {
        if (property == null) {
            return result.verdict() == Verdict.PASS;
        }
        return result.verdict() == Verdict.VIOLATION && property.equals(result.violatedProperty());
    }

    public String describe() {
        return property == null ? "pass" : "violates " + property;
    }
}
