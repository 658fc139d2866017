package org.hbft.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchmarks/table1_report.py} and {@code benchmarks/table1_plot.py} on a results file
 * whose ratios are known: each cell's NP is the median of its paired ratios, the figure draws
 * those cells beside the paper's, and a file they cannot use is refused with exit code 2.
 */
class Table1ScriptsTest {
    private static final String HEADER = "date,workload,mode,epoch,rep,attempt,iterations,status,rc_primary,"
            + "rc_backup,seconds,instructions,epochs,bytes_sent,messages_sent,bytes_per_epoch,wall_seconds,"
            + "other_cpu_pct,waited_seconds,sending_seconds,pair,warmup,guest_seconds,waited_long_seconds";

    @TempDir
    Path dir;

    /** Three pairs a cell; the replicated run takes {@code ratios[i]} times its bare run. */
    private static void pairs(List<String> rows, String workload, String mode, int epoch, double... ratios) {
        for (int i = 0; i < ratios.length; i++) {
            String pair = mode + "-" + epoch + "-" + (i + 1);
            double bare = 2.0 + i * 0.5;
            rows.add(String.format(java.util.Locale.ROOT, "d,%s,bare,0,%d,1,100,ok,0,,%.3f,1000,,,,,%.3f,1,,,%s,0,,",
                    workload, i + 1, bare, bare, pair));
            rows.add(String.format(java.util.Locale.ROOT, "d,%s,%s,%d,%d,1,100,ok,0,0,%.3f,1000,50,700,100,14.0,%.3f,1,"
                    + "0.1,0.1,%s,0,,0", workload, mode, epoch, i + 1, bare * ratios[i], bare * ratios[i], pair));
        }
    }

    private Path results() throws IOException {
        List<String> rows = new ArrayList<>(List.of(HEADER));
        pairs(rows, "cpu", "original", 1024, 10.0, 12.0, 11.0);
        pairs(rows, "cpu", "revised", 1024, 1.5, 1.25, 2.0);
        pairs(rows, "cpu", "original", 4096, 4.0, 4.0, 4.0);
        pairs(rows, "cpu", "revised", 4096, 1.125, 1.5, 1.25);
        Path csv = dir.resolve("table1-test.csv");
        Files.write(csv, rows);
        return csv;
    }

    private record Run(int exit, String out) {}

    private static Run python(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", root().resolve("benchmarks").resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static Path root() {
        return Path.of(System.getProperty("hbft.root", Path.of("").toAbsolutePath().getParent().toString()));
    }

    @Test
    void theReportGivesEachCellTheMedianOfItsPairedRatios() throws Exception {
        Run r = python("table1_report.py", results().toString());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("| 1K | 11.00 -> 1.50 |", "| 4K | 4.00 -> 1.25 |",
                "- cpu 1K revised: 1.50, 1.25, 2.00", "| 1K | 22.24 -> 11.67 |");
    }

    @Test
    void theFigureDrawsOurCellsBesideThePapersAndTheTarget() throws Exception {
        Path svg = dir.resolve("t.svg");
        Run r = python("table1_plot.py", results().toString(), "-o", svg.toString());

        assertThat(r.exit()).as(r.out()).isZero();
        String text = Files.readString(svg);
        assertThat(text).startsWith("<svg").endsWith("</svg>\n");
        assertThat(text).contains("data-series=\"hbft cpu original\"", "data-series=\"hbft cpu revised\"",
                "data-series=\"paper cpu revised\"", ">revised target<");
        // Two epoch lengths of ours, two points each; four of the paper's.
        assertThat(points(text, "hbft cpu revised")).hasSize(2);
        assertThat(points(text, "paper cpu original")).hasSize(4);
        // Revised lies below original at both epoch lengths (SVG's y grows downwards).
        List<double[]> rev = points(text, "hbft cpu revised");
        List<double[]> orig = points(text, "hbft cpu original");
        for (int i = 0; i < 2; i++) {
            assertThat(rev.get(i)[1]).isGreaterThan(orig.get(i)[1]);
        }
    }

    @Test
    void aFileTheyCannotUseIsRefusedWithExitCodeTwo() throws Exception {
        Path empty = dir.resolve("bare-only.csv");
        Files.write(empty, List.of(HEADER, "d,cpu,bare,0,1,1,100,ok,0,,2.000,1000,,,,,2.000,1,,,,0,,"));

        Path other = dir.resolve("other.csv");
        Files.write(other, List.of("a,b", "1,2"));

        Run missing = python("table1_report.py", dir.resolve("nope.csv").toString());
        Run nothing = python("table1_plot.py", empty.toString());
        Run notOurs = python("table1_plot.py", other.toString());
        Run unwritable = python("table1_plot.py", results().toString(), "-o", dir.resolve("no/such/dir.svg").toString());

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).contains("cannot read").doesNotContain("Traceback");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.out()).contains("no replicated runs").doesNotContain("Traceback");
        assertThat(notOurs.exit()).isEqualTo(2);
        assertThat(notOurs.out()).contains("not a table1.sh results file").doesNotContain("Traceback");
        assertThat(unwritable.exit()).isEqualTo(2);
        assertThat(unwritable.out()).contains("cannot write").doesNotContain("Traceback");
    }

    private static List<double[]> points(String svg, String series) {
        int at = svg.indexOf("data-series=\"" + series + "\"");
        assertThat(at).as(series).isNotNegative();
        int start = svg.indexOf("points=\"", at) + "points=\"".length();
        String list = svg.substring(start, svg.indexOf('"', start));
        List<double[]> pts = new ArrayList<>();
        for (String p : list.trim().split(" ")) {
            String[] xy = p.split(",");
            pts.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return pts;
    }
}
