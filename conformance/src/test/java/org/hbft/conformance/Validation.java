package org.hbft.conformance;

import java.nio.file.Path;
import java.util.List;

import org.hbft.spec.SpecSource;
import org.hbft.spec.trace.TraceCheck;
import org.hbft.spec.trace.TraceValidator;

/** Checks a one-file trace the way {@code hbft conform} does; malformed lines fail the test. */
final class Validation {
    private Validation() {
    }

    static TraceValidator.Result validate(Path file, String mode) throws Exception {
        TraceCheck.Outcome o = TraceCheck.check(List.of(file), mode, false,
                SpecSource.directory(Scenarios.root().resolve("spec/tla")));
        if (!o.problems().isEmpty()) {
            throw new AssertionError(file + " has malformed lines: " + o.problems());
        }
        return o.result();
    }
}
