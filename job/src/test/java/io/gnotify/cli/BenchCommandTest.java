package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench's job command line: options meant for the job JVMs reach them, with the run's size filled in. */
class BenchCommandTest {
    private static BenchCommand parse(String... args) {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs(args);
        return bench;
    }

    @Test
    void jobJvmOptionsGoBeforeTheMainClassWithTheSizeFilledIn() {
        BenchCommand bench = parse("--job-jvm-option=-agentpath:/p/lib.so=file=/tmp/cpu{size}.txt",
                "--job-jvm-option=-XX:-UsePerfData", "-D", "a.b=c");
        List<String> cmd = bench.jobCommand(Path.of("/v"), 1_000_000, Path.of("/r"), Path.of("/r/summary.json"));
        int agent = cmd.indexOf("-agentpath:/p/lib.so=file=/tmp/cpu1000000.txt");
        int main = cmd.indexOf(GnotifyCommand.class.getName());
        assertThat(agent).isPositive().isLessThan(main);
        assertThat(cmd.indexOf("-XX:-UsePerfData")).isEqualTo(agent + 1);
        assertThat(cmd.subList(main, cmd.size())).startsWith(GnotifyCommand.class.getName(), "run", "--bounded")
                .contains("--summary-json", "/r/summary.json");
        assertThat(String.join(" ", cmd.subList(main, cmd.size()))).contains("a.b=c");
    }

    @Test
    void withoutJobJvmOptionsTheCommandHasNone() {
        List<String> cmd = parse().jobCommand(Path.of("/v"), 5, Path.of("/r"), Path.of("/r/s.json"));
        assertThat(cmd).noneMatch(a -> a.startsWith("-agentpath")).contains("--parallelism", "2");
    }

    @Test
    void theBenchJvmsAgentsAndRecordingsStayWithIt() {
        assertThat(BenchCommand.inherited(List.of("-Xmx2g", "-agentpath:/p/lib.so=start,file=/tmp/b.txt",
                "-agentlib:jdwp=transport=dt_socket", "-javaagent:/p/agent.jar", "-XX:StartFlightRecording=filename=b.jfr",
                "-XX:+UseParallelGC"))).containsExactly("-Xmx2g", "-XX:+UseParallelGC");
    }

    @Test
    void repeatedRunsEndWithTheirSpread() {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> runs = List.of(summary(json, 80.0, 150.0, 2_600e6), summary(json, 50.0, 100.0, 2_500e6),
                summary(json, 62.5, 120.0, 2_700e6));
        StringWriter text = new StringWriter();
        BenchCommand.reportSpread(10_000_000, runs, new PrintWriter(text, true));
        assertThat(text.toString().trim()).isEqualTo("10,000,000 records over 3 runs: job 50.0-80.0 (median 62.5) s = "
                + "125,000-200,000 (median 160,000) records/s; process CPU 100.0-150.0 (median 120.0) s; "
                + "peak RSS 2500.0-2700.0 (median 2600.0) MB");
    }

    @Test
    void noRunsIsAUsageError(@org.junit.jupiter.api.io.TempDir Path tmp) {
        StringWriter err = new StringWriter();
        int rc = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err, true))
                .execute("--runs", "0", "--work", tmp.resolve("w").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--runs must be at least 1, not 0");
        assertThat(tmp.resolve("w")).doesNotExist();
    }

    @Test
    void theMedianOfAnEvenCountIsTheLowerMiddle() {
        assertThat(RunSpread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new RunSpread(1.0, 2.0, 4.0));
        assertThat(RunSpread.of(List.of(7.0))).isEqualTo(new RunSpread(7.0, 7.0, 7.0));
    }

    private static JsonNode summary(ObjectMapper json, double seconds, double cpu, double rss) {
        return json.createObjectNode().put("records_read", 10_000_000L).put("job_seconds", seconds)
                .put("process_cpu_seconds", cpu).put("peak_rss_bytes", (long) rss);
    }
}
