package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
