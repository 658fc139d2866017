package org.hbft.spec;

import java.util.Objects;

/**
 * What a model is supposed to do under TLC: pass, or be caught violating one named property.
 * Known-bad variants and documented findings expect a violation; the protocol's own models pass;
 * a regression scenario that must reach its goal expects {@code NotWitnessed} violated, TLC's
 * way of saying that a state was reached.
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

    /** A scenario that must be followed to its end, where its goal holds. */
    public static Expectation witness() {
        return new Expectation(SpecProperty.NOT_WITNESSED.tlaName());
    }

    /** A scenario's goal, searched for without its schedule, must be found. */
    public static Expectation goalFound() {
        return new Expectation(SpecProperty.GOAL_UNREACHED.tlaName());
    }

    /**
     * Whether this is {@link #witness()} or {@link #goalFound()}: the expected violation means a
     * state was reached, not a bug caught.
     */
    public boolean expectsWitness() {
        return SpecProperty.NOT_WITNESSED.tlaName().equals(property) || SpecProperty.GOAL_UNREACHED.tlaName().equals(property);
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
        if (property == null) {
            return "pass";
        }
        return expectsWitness() ? "reaches its goal" : "violates " + property;
    }
}
