package org.hbft.spec;

/** What a TLC run concluded. */
public enum Verdict {
    /** TLC explored every reachable state and found no violation. */
    PASS,
    /** TLC found a behaviour that violates an invariant or property, or deadlocks. */
    VIOLATION,
    /** TLC did not get to a conclusion: a parse error, an evaluation error, a crash. */
    ERROR
}
