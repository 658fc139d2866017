package org.hbft.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.hbft.spec.SpecSource;
import org.hbft.spec.trace.TraceFile;
import org.hbft.spec.trace.TraceLine;
import org.hbft.spec.trace.TraceValidator;

/** Reads a one-file trace, checks its lines, and asks TLC for the verdict. */
final class Validation {
    private Validation() {
    }

    static TraceValidator.Result validate(Path file, String mode) throws Exception {
        TraceFile f = TraceFile.read(file);
        if (!f.isValid()) {
            throw new AssertionError(file + " has malformed lines: " + f.problems());
        }
        List<JsonNode> events = new ArrayList<>();
        for (TraceLine t : f.events()) {
            events.add(t.json());
        }
        return new TraceValidator(SpecSource.directory(Scenarios.root().resolve("spec/tla"))).validate(events, mode);
    }
}
