package org.hbft.spec;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of checking one model with TLC.
 *
 * @param model            the model's name
 * @param verdict          pass, violation or error
 * @param violatedProperty for a violation: the invariant or property TLC reported, or "Deadlock"
 * @param violationKind    for a violation: "invariant", "action property", "temporal property" or "deadlock"
 * @param statesGenerated  states TLC generated (-1 if TLC never said)
 * @param distinctStates   distinct states TLC found (-1 if TLC never said)
 * @param depth            the depth of the state graph search (-1 if TLC never said, as after a
 *                         liveness violation)
 * @param elapsed          wall-clock time of the run
 * @param counterexample   the behaviour that shows the violation (empty otherwise)
 * @param loopsBackTo      for a liveness counterexample that ends in a cycle: the state number the
 *                         cycle returns to; 0 otherwise
 * @param errors           what TLC said went wrong, for {@link Verdict#ERROR} (and warnings otherwise)
 */
public record TlcResult(
        String model,
        Verdict verdict,
        String violatedProperty,
        String violationKind,
        long statesGenerated,
        long distinctStates,
        int depth,
        Duration elapsed,
        List<TraceState> counterexample,
        int loopsBackTo,
        List<String> errors) {

    public TlcResult {
        counterexample = List.copyOf(counterexample);
        errors = List.copyOf(errors);
    }
}
