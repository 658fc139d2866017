package org.hbft.spec.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad line is reported with its line number; good lines still come through. */
class TraceFileTest {

    private static final String L1 =
            "{\"v\":1,\"seq\":1,\"replica\":\"primary\",\"event\":\"PrimaryIssueIO\",\"epoch\":1,\"op\":1,"
                    + "\"data\":\"aaa9402664f1a41f\",\"held\":false,\"gen\":1}";
    private static final String L2 =
            "{\"v\":1,\"seq\":2,\"replica\":\"primary\",\"event\":\"DevicePerform\",\"epoch\":1,\"op\":1,"
                    + "\"data\":\"aaa9402664f1a41f\",\"issuer\":\"primary\",\"kind\":\"console\"}";
    private static final String L3 =
            "{\"v\":1,\"seq\":3,\"replica\":\"primary\",\"event\":\"PrimarySendTme\",\"epoch\":1,\"tme\":1795331573762535,"
                    + "\"msg\":3}";
    private static final String L4 =
            "{\"v\":1,\"seq\":4,\"replica\":\"primary\",\"event\":\"PrimaryEpochEnd\",\"epoch\":1,\"tme\":1795331573762535,"
                    + "\"delivered\":[{\"kind\":\"done\",\"op\":1},{\"kind\":\"ext\",\"id\":1}],\"msg\":4,\"acked\":3}";

    @TempDir
    Path dir;

    private TraceFile read(String content) throws IOException {
        Path file = dir.resolve("trace.ndjson");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return TraceFile.read(file);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static String event(int seq, String event, String fields) {
        return "{\"v\":1,\"seq\":" + seq + ",\"replica\":\"primary\",\"event\":\"" + event + "\",\"epoch\":2"
                + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    @Test
    void aGoodFileHasItsEventsInOrderAndNoProblems() throws IOException {
        TraceFile trace = read(lines(L1, L2, L3, L4));

        assertThat(trace.problems()).isEmpty();
        assertThat(trace.isValid()).isTrue();
        assertThat(trace.events()).extracting(TraceLine::line).containsExactly(1, 2, 3, 4);
        assertThat(trace.events()).extracting(TraceLine::event)
                .containsExactly("PrimaryIssueIO", "DevicePerform", "PrimarySendTme", "PrimaryEpochEnd");
        assertThat(trace.events().get(3).json().get("delivered").get(1).get("id").asInt()).isEqualTo(1);
        assertThat(trace.source()).endsWith("trace.ndjson");
    }

    @Test
    void anEmptyFileIsAnEmptyTrace() throws IOException {
        TraceFile trace = read("");

        assertThat(trace.events()).isEmpty();
        assertThat(trace.problems()).isEmpty();
        assertThat(trace.lineCount()).isZero();
    }

    @Test
    void badJsonIsReportedWithItsLine() throws IOException {
        TraceFile trace = read(lines(L1, "{\"v\":1,\"seq\":2,,}", L3));

        assertThat(trace.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).startsWith("not valid JSON");
            assertThat(p.truncatedTail()).isFalse();
            assertThat(p.toString()).startsWith("line 2: not valid JSON");
        });
        // The lines around it are still read, and line 3 is not blamed for the seq it cannot follow.
        assertThat(trace.events()).extracting(TraceLine::line).containsExactly(1, 3);
    }

    @Test
    void textAfterTheObjectAndRepeatedFieldsAreBadJson() throws IOException {
        TraceFile trace = read(lines(L1 + " {}", "{\"v\":1,\"seq\":2,\"seq\":2}"));

        assertThat(trace.problems()).extracting(TraceProblem::line).containsExactly(1, 2);
        assertThat(trace.problems()).allSatisfy(p -> assertThat(p.message()).startsWith("not valid JSON"));
        assertThat(trace.problems().get(1).message()).contains("Duplicate field 'seq'");
    }

    @Test
    void invalidUtf8IsBadJson() throws IOException {
        Path file = dir.resolve("latin1.ndjson");
        String line = event(1, "DevicePerform", "\"op\":1,\"data\":\"ab\",\"issuer\":\"primary\",\"kind\":\"\u00e9\"");
        Files.write(file, (line + "\n").getBytes(StandardCharsets.ISO_8859_1));

        TraceFile trace = TraceFile.read(file);

        assertThat(trace.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).startsWith("not valid JSON").containsIgnoringCase("UTF-8");
        });
    }

    @Test
    void anArrayIsNotAnEvent() throws IOException {
        TraceFile trace = read(lines(L1, "[1,2,3]", "\"PrimaryIssueIO\""));

        assertThat(trace.problems()).extracting(TraceProblem::toString)
                .containsExactly("line 2: not a JSON object: found an array", "line 3: not a JSON object: found a string");
        assertThat(trace.events()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} without {2}")
    @CsvSource(delimiter = '|', textBlock = """
            PrimaryEpochEnd   | "delivered":[],"msg":4,"acked":3                          | tme
            PrimaryEpochEnd   | "tme":5,"msg":4,"acked":3                                 | delivered
            PrimaryIssueIO    | "op":1,"data":"ab","gen":1                                | held
            PrimaryRelease    | "op":1,"data":"ab","gen":1                                | acked
            PrimaryInterrupt  | "msg":3                                                   | interrupt
            BackupReceive     | "msg":3,"msgEpoch":2,"value":7                            | type
            BackupReceive     | "msg":3,"type":"val","msgEpoch":2                         | value
            BackupReceive     | "msg":3,"type":"int","msgEpoch":2                         | interrupt
            BackupReadClock   | "value":7                                                 | source
            BackupFailover    | "tme":5,"delivered":[]                                    | failoverEpoch
            BackupFailoverEnd | "tme":5,"delivered":[],"promoted":true,"gen":2            | uncertain
            DevicePerform     | "op":1,"data":"ab"                                        | issuer
            ExternalInterrupt | "op":1                                                    | id
            PrimaryCrash      | ""                                                        | lost
            EpochDigest       | "insns":100                                               | digest
            PrimaryEpochEnd   | "tme":5,"delivered":[{"kind":"done"}]                     | delivered[0].op
            PrimaryInterrupt  | "interrupt":{"kind":"ext","op":4}                         | interrupt.id
            PrimaryInterrupt  | "interrupt":{"op":4}                                      | interrupt.kind
            """)
    void aMissingRequiredFieldIsNamed(String event, String fields, String missing) throws IOException {
        String body = fields.equals("\"\"") ? "" : fields;
        TraceFile trace = read(lines(L1, event(2, event, body)));

        assertThat(trace.problems()).extracting(TraceProblem::toString)
                .contains("line 2: " + event + ": required field \"" + missing + "\" missing");
        assertThat(trace.problems()).allSatisfy(p -> assertThat(p.line()).isEqualTo(2));
        assertThat(trace.events()).hasSize(1);
    }

    @ParameterizedTest(name = "common field {0}")
    @CsvSource({"v", "seq", "replica", "event", "epoch"})
    void aMissingCommonFieldIsNamed(String field) throws IOException {
        TraceFile trace = read(lines(L1, without(L2, field)));

        assertThat(trace.problems()).extracting(TraceProblem::line).contains(2);
        assertThat(trace.problems()).extracting(TraceProblem::message)
                .anySatisfy(m -> assertThat(m).endsWith("required field \"" + field + "\" missing"));
    }

    @Test
    void linkFieldsComeInPairs() throws IOException {
        TraceFile trace = read(lines(event(1, "PrimaryEpochEnd", "\"tme\":5,\"delivered\":[],\"msg\":4")));

        assertThat(trace.problems()).extracting(TraceProblem::toString)
                .containsExactly("line 1: PrimaryEpochEnd: field \"acked\" is required when \"msg\" is present");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PrimaryEpochEnd   | "tme":"5","delivered":[]                                  | field "tme" must be an integer, found string "5"
            PrimaryEpochEnd   | "tme":5,"delivered":{}                                    | field "delivered" must be an array, found object
            PrimaryEpochEnd   | "tme":5.5,"delivered":[]                                  | field "tme" must be an integer, found number 5.5
            PrimaryEpochEnd   | "tme":-1,"delivered":[]                                   | field "tme" must be >= 0, found -1
            PrimaryEpochEnd   | "tme":5,"delivered":[{"kind":"done","op":"4"}]            | field "delivered[0].op" must be an integer, found string "4"
            PrimaryEpochEnd   | "tme":5,"delivered":[{"kind":"timer","op":4}]             | field "delivered[0].kind" must be one of ["done","unc","ext"], found "timer"
            PrimaryEpochEnd   | "tme":5,"delivered":[{"kind":"done","op":4},{"kind":"done","op":4}] | field "delivered" is a set: it lists an item twice
            PrimaryIssueIO    | "op":1,"data":"ab","held":"false","gen":1                 | field "held" must be a boolean, found string "false"
            PrimaryIssueIO    | "op":1,"data":"AB","held":false,"gen":1                   | field "data" must be lowercase hex, found "AB"
            PrimaryIssueIO    | "op":0,"data":"ab","held":false,"gen":1                   | field "op" must be >= 1, found 0
            BackupReceive     | "msg":3,"type":"clock","msgEpoch":2,"value":7             | field "type" must be one of ["val","int","tme","end"], found "clock"
            BackupReadClock   | "value":7,"source":"disk"                                 | field "source" must be one of ["primary","own"], found "disk"
            BackupFailoverEnd | "tme":5,"delivered":[],"uncertain":[1,"2"],"promoted":true,"gen":2 | field "uncertain[1]" must be an integer, found string "2"
            DevicePerform     | "op":1,"data":"ab","issuer":"disk"                        | field "issuer" must be one of ["primary","backup"], found "disk"
            EpochDigest       | "digest":"ab","insns":18446744073709551616                | field "insns" must be <= 9223372036854775807, found 18446744073709551616
            PrimaryGoSolo     | "won":1                                                   | field "won" must be a boolean, found integer 1
            """)
    void aFieldOfTheWrongTypeIsNamed(String event, String fields, String message) throws IOException {
        TraceFile trace = read(lines(L1, event(2, event, fields)));

        assertThat(trace.problems()).extracting(TraceProblem::toString).containsExactly("line 2: " + event + ": " + message);
        assertThat(trace.events()).hasSize(1);
    }

    @Test
    void wrongCommonFieldsAreNamed() throws IOException {
        String line = "{\"v\":2,\"seq\":2,\"replica\":\"disk\",\"event\":\"DevicePerform\",\"epoch\":0,\"op\":1,"
                + "\"data\":\"ab\",\"issuer\":\"primary\",\"t\":\"now\"}";
        TraceFile trace = read(lines(L1, line));

        assertThat(trace.problems()).extracting(TraceProblem::toString).containsExactlyInAnyOrder(
                "line 2: DevicePerform: field \"v\" must be 1, found 2",
                "line 2: DevicePerform: field \"replica\" must be one of [\"primary\",\"backup\"], found \"disk\"",
                "line 2: DevicePerform: field \"epoch\" must be >= 1, found 0",
                "line 2: DevicePerform: field \"t\" must be an integer, found string \"now\"");
    }

    @Test
    void anUnknownEventIsNamed() throws IOException {
        TraceFile trace = read(lines(L1, event(2, "PrimaryLateRelay", "\"msg\":3"), event(3, "", "")));

        assertThat(trace.problems()).extracting(TraceProblem::toString)
                .containsExactly("line 2: unknown event \"PrimaryLateRelay\"", "line 3: unknown event \"\"");
    }

    @Test
    void extraFieldsAreAllowed() throws IOException {
        TraceFile trace = read(lines(event(1, "PrimaryCrash", "\"lost\":0,\"cause\":\"test\",\"nested\":{\"a\":[1]}")));

        assertThat(trace.problems()).isEmpty();
        assertThat(trace.events()).hasSize(1);
    }

    @Test
    void aSeqGapIsReportedAtTheLineAfterIt() throws IOException {
        TraceFile trace = read(lines(L1, L2, L4));

        assertThat(trace.problems()).extracting(TraceProblem::toString)
                .containsExactly("line 3: seq 4 does not follow seq 2 of line 2 (expected 3)");
        // The event itself is well-formed: it is still returned.
        assertThat(trace.events()).hasSize(3);
    }

    @Test
    void aRepeatedSeqIsReported() throws IOException {
        TraceFile trace = read(lines(L1, L2, L2, L3));

        // Line 4 follows line 3 again: one problem, not two.
        assertThat(trace.problems()).extracting(TraceProblem::toString)
                .containsExactly("line 3: seq 2 does not follow seq 2 of line 2 (expected 3)");
    }

    @Test
    void theFirstSeqMayBeAnyNumberSoThatExcerptsCanBeRead() throws IOException {
        TraceFile trace = read(lines(L3, L4));

        assertThat(trace.problems()).isEmpty();
    }

    @Test
    void blankLinesAreReportedAndDoNotBreakTheSeqCheck() throws IOException {
        TraceFile trace = read(L1 + "\n\n" + L2 + "\n   \n" + L3 + "\n\n");

        assertThat(trace.problems()).extracting(TraceProblem::toString)
                .containsExactly("line 2: blank line", "line 4: blank line", "line 6: blank line");
        assertThat(trace.events()).extracting(TraceLine::line).containsExactly(1, 3, 5);
        assertThat(trace.truncatedTail()).isFalse();
    }

    @Test
    void crlfLineEndsAreReported() throws IOException {
        TraceFile trace = read(L1 + "\r\n" + L2 + "\n");

        assertThat(trace.problems()).extracting(TraceProblem::line).containsExactly(1);
        assertThat(trace.problems().get(0).message()).contains("\\r\\n");
        assertThat(trace.events()).hasSize(2);
    }

    @Test
    void severalProblemsOfOneLineAreAllReported() throws IOException {
        TraceFile trace = read(lines(L1, event(5, "PrimaryIssueIO", "\"op\":\"1\",\"held\":false")));

        assertThat(trace.problems()).extracting(TraceProblem::toString).containsExactlyInAnyOrder(
                "line 2: PrimaryIssueIO: field \"op\" must be an integer, found string \"1\"",
                "line 2: PrimaryIssueIO: required field \"data\" missing",
                "line 2: PrimaryIssueIO: required field \"gen\" missing",
                "line 2: seq 5 does not follow seq 1 of line 1 (expected 2)");
    }

    // ------------------------------------------------------------------ the incomplete last line

    @Test
    void aLastLineCutOffByAKilledWriterIsATruncatedTail() throws IOException {
        String cut = L4.substring(0, 60);
        TraceFile trace = read(lines(L1, L2, L3) + cut);

        assertThat(trace.truncatedTail()).isTrue();
        assertThat(trace.isValid()).isFalse();
        assertThat(trace.isValidExceptTruncatedTail()).isTrue();
        assertThat(trace.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.truncatedTail()).isTrue();
            assertThat(p.message()).startsWith("incomplete last line");
        });
        assertThat(trace.events()).extracting(TraceLine::line).containsExactly(1, 2, 3);
        assertThat(trace.lineCount()).isEqualTo(4);
    }

    @Test
    void aCutInsideAMultiByteCharacterIsATruncatedTailToo() throws IOException {
        Path file = dir.resolve("cut.ndjson");
        byte[] full = event(2, "DevicePerform", "\"op\":1,\"data\":\"ab\",\"issuer\":\"primary\",\"kind\":\"\u00e9t\u00e9\"")
                .getBytes(StandardCharsets.UTF_8);
        int cut = indexOf(full, (byte) 0xC3) + 1; // after the first byte of the two of é
        byte[] content = new byte[L1.length() + 1 + cut];
        System.arraycopy((L1 + "\n").getBytes(StandardCharsets.UTF_8), 0, content, 0, L1.length() + 1);
        System.arraycopy(full, 0, content, L1.length() + 1, cut);
        Files.write(file, content);

        TraceFile trace = TraceFile.read(file);

        assertThat(trace.truncatedTail()).as("%s", trace.problems()).isTrue();
        assertThat(trace.events()).hasSize(1);
    }

    @Test
    void aCutLineIsNotATruncatedTailWhenItEndsWithALineEnd() throws IOException {
        TraceFile trace = read(lines(L1, L2, L4.substring(0, 60)));

        assertThat(trace.truncatedTail()).isFalse();
        assertThat(trace.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.truncatedTail()).isFalse();
            assertThat(p.message()).startsWith("not valid JSON");
        });
    }

    @Test
    void aCutLastLineIsNotATruncatedTailWhenOtherLinesAreBad() throws IOException {
        TraceFile trace = read(lines(L1, "[]", L3) + L4.substring(0, 60));

        assertThat(trace.truncatedTail()).isFalse();
        assertThat(trace.isValidExceptTruncatedTail()).isFalse();
        assertThat(trace.problems()).extracting(TraceProblem::line).containsExactly(2, 4);
        assertThat(trace.problems()).noneMatch(TraceProblem::truncatedTail);
    }

    @Test
    void aCompleteButInvalidLastLineWithoutLineEndIsNotATruncatedTail() throws IOException {
        // A writer cut off in the middle of a line never leaves a whole object behind.
        TraceFile trace = read(lines(L1) + event(2, "PrimarySendTme", ""));

        assertThat(trace.truncatedTail()).isFalse();
        assertThat(trace.problems()).extracting(TraceProblem::toString)
                .containsExactly("line 2: PrimarySendTme: required field \"tme\" missing");
    }

    @Test
    void aCompleteValidLastLineWithoutLineEndIsAnEvent() throws IOException {
        TraceFile trace = read(lines(L1, L2, L3) + L4);

        assertThat(trace.problems()).isEmpty();
        assertThat(trace.events()).hasSize(4);
    }

    // ------------------------------------------------------------------ files that cannot be read

    @Test
    void aMissingFileIsAnIoExceptionNamingIt() {
        Path missing = dir.resolve("no-such-trace.ndjson");

        assertThatThrownBy(() -> TraceFile.read(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("trace file not found");
    }

    @Test
    void aDirectoryIsAnIoExceptionNamingIt() {
        assertThatThrownBy(() -> TraceFile.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("is a directory");
    }

    @Test
    void aStreamIsReadLikeAFile() throws IOException {
        TraceFile trace = TraceFile.read(new ByteArrayInputStream(lines(L1, L2).getBytes(StandardCharsets.UTF_8)), "stdin");

        assertThat(trace.source()).isEqualTo("stdin");
        assertThat(trace.events()).hasSize(2);
        assertThat(trace.problems()).isEmpty();
    }

    @Test
    void longLinesAreRead() throws IOException {
        StringBuilder delivered = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            delivered.append(i == 1 ? "" : ",").append("{\"kind\":\"done\",\"op\":").append(i).append('}');
        }
        TraceFile trace = read(lines(event(1, "BackupEpochEnd", "\"tme\":5,\"delivered\":[" + delivered + "]")));

        assertThat(trace.problems()).isEmpty();
        assertThat(trace.events().get(0).json().get("delivered")).hasSize(5000);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("byte not found");
    }

    private static String without(String json, String field) throws IOException {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(json);
        node.remove(field);
        return node.toString();
    }
}
