package org.hbft.spec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser against real {@code tlc2.TLC -tool} output captured from TLC 2.18. */
class ToolOutputParserTest {

    private static ToolOutputParser parse(String sample, List<ToolOutputParser.Progress> progress) throws IOException {
        ToolOutputParser parser = new ToolOutputParser(progress::add);
        try (InputStream in = ToolOutputParserTest.class.getResourceAsStream(sample)) {
            assertThat(in).as(sample).isNotNull();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(parser::accept);
        }
        return parser;
    }

    private static ToolOutputParser parse(String sample) throws IOException {
        return parse(sample, new ArrayList<>());
    }

    @Test
    void aCleanRunIsASuccessWithItsStatistics() throws IOException {
        List<ToolOutputParser.Progress> progress = new ArrayList<>();
        ToolOutputParser p = parse("tool-pass.txt", progress);

        assertThat(p.succeeded()).isTrue();
        assertThat(p.violationKind()).isNull();
        assertThat(p.generated()).isEqualTo(329);
        assertThat(p.distinct()).isEqualTo(201);
        assertThat(p.depth()).isEqualTo(14);
        assertThat(p.trace()).isEmpty();
        assertThat(p.errors()).isEmpty();
        assertThat(progress).containsExactly(new ToolOutputParser.Progress(329, 201, 0));
    }

    @Test
    void anInvariantViolationNamesTheInvariantAndGivesTheBehaviour() throws IOException {
        ToolOutputParser p = parse("tool-invariant.txt");

        assertThat(p.succeeded()).isFalse();
        assertThat(p.violationKind()).isEqualTo("invariant");
        assertThat(p.invariant()).isEqualTo("BackupSilentBeforePromotion");
        assertThat(p.distinct()).isEqualTo(40);
        assertThat(p.depth()).isEqualTo(5);
        assertThat(p.errors()).isEmpty();
        assertThat(p.trace()).extracting(TraceState::action).containsExactly(
                "Init", "PrimaryCrash", "BackupFailover", "BackupReadClock", "BackupIssueIO");
        assertThat(p.trace()).extracting(TraceState::number).containsExactly(1, 2, 3, 4, 5);

        TraceState first = p.trace().get(0);
        assertThat(first.location()).isEmpty();
        assertThat(first.variables()).containsEntry("role", "[b |-> \"backup\", p |-> \"primary\"]");
        assertThat(first.variables()).hasSize(28);
        assertThat(p.trace().get(1).location()).startsWith("line ").endsWith("of module HBFT");
    }

    @Test
    void aValueTlcBreaksOverSeveralLinesIsKeptWhole() throws IOException {
        TraceState first = parse("tool-invariant.txt").trace().get(0);

        assertThat(first.variables().get("drv"))
                .isEqualTo("[ b |-> [n |-> 0, d |-> <<>>, st |-> \"idle\"], p |-> [n |-> 0, d |-> <<>>, st |-> \"idle\"] ]");
    }

    @Test
    void anActionPropertyViolationIsRecognised() throws IOException {
        ToolOutputParser p = parse("tool-action.txt");

        assertThat(p.violationKind()).isEqualTo("action property");
        assertThat(p.violationText()).contains("module SingleMachine is violated");
        assertThat(p.trace()).hasSize(8);
        assertThat(p.errors()).isEmpty();
    }

    @Test
    void aTemporalViolationEndsInStuttering() throws IOException {
        ToolOutputParser p = parse("tool-temporal.txt");

        assertThat(p.violationKind()).isEqualTo("temporal property");
        assertThat(p.trace()).hasSize(13);
        assertThat(p.trace().get(12).action()).isEqualTo("Stuttering");
        assertThat(p.trace().get(12).variables()).isEmpty();
        assertThat(p.backTo()).isZero();
        assertThat(p.errors()).isEmpty();
    }

    @Test
    void aDeadlockIsAViolationAndASingleVariableIsParsed() throws IOException {
        ToolOutputParser p = parse("tool-deadlock.txt");

        assertThat(p.violationKind()).isEqualTo("deadlock");
        assertThat(p.trace()).extracting(s -> s.variables().get("x")).containsExactly("0", "1", "2");
        assertThat(p.trace()).extracting(TraceState::action).containsExactly("Init", "Next", "Next");
    }

    @Test
    void aConfigurationErrorIsReportedAsAnError() throws IOException {
        ToolOutputParser p = parse("tool-error.txt");

        assertThat(p.succeeded()).isFalse();
        assertThat(p.violationKind()).isNull();
        assertThat(p.errors()).singleElement().asString()
                .contains("CrashLosesMessages is not assigned a value");
    }

    @Test
    void aLassoIsRecognised() {
        ToolOutputParser p = new ToolOutputParser();
        for (String line : List.of(
                "@!@!@STARTMSG 2116:1 @!@!@", "Temporal properties were violated.", "@!@!@ENDMSG 2116 @!@!@",
                "@!@!@STARTMSG 2217:4 @!@!@", "1: <Initial predicate>", "x = 0", "@!@!@ENDMSG 2217 @!@!@",
                "@!@!@STARTMSG 2217:4 @!@!@", "2: <Next line 5, col 9 to line 5, col 27 of module M>", "x = 1",
                "@!@!@ENDMSG 2217 @!@!@",
                "@!@!@STARTMSG 2122:4 @!@!@", "Back to state 1: <Next line 5, col 9 to line 5, col 27 of module M>",
                "@!@!@ENDMSG 2122 @!@!@")) {
            p.accept(line);
        }

        assertThat(p.violationKind()).isEqualTo("temporal property");
        assertThat(p.trace()).hasSize(2);
        assertThat(p.backTo()).isEqualTo(1);
    }
}
