package io.gnotify.job.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.JobSettings;
import io.gnotify.job.VolumePipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real job run (dr22), opened in a real headless Chromium (Debian's {@code chromium}): the DOM
 * after its script ran must show every chart rendered with its marks, the console must stay silent, and the
 * page must load with the network switched off. The screenshot is kept in {@code target/report-artifacts/}.
 */
class ReportBrowserTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @Test
    void theReportRendersInChromiumWithoutErrors(@TempDir Path tmp) throws Exception {
        JobSettings s = FixtureVolumes.settings("dr22-ascii", tmp.resolve("out"));
        StreamExecutionEnvironment env = FixtureVolumes.env(2, tmp.resolve("cp"));
        VolumePipeline.build(env, s);
        env.execute("dr22");
        Path html = tmp.resolve("report.html");
        Files.writeString(html, HtmlReport.render(tmp.resolve("out"), List.of(tmp.resolve("out").resolve("dr22"))));
        String page = Files.readString(html);
        assertThat(page).as("self-contained: nothing to fetch").doesNotContainPattern("(src|href)\\s*=|@import|url\\(");

        Path artifacts = Path.of("target", "report-artifacts").toAbsolutePath();
        Files.createDirectories(artifacts);
        Files.copy(html, artifacts.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Result dom = chromium(tmp, "--dump-dom", html.toUri().toString());
        Result shot = chromium(tmp, "--screenshot=" + artifacts.resolve("report.png"), html.toUri().toString());

        assertThat(dom.out).contains("data-charts=\"5\"").contains("5 charts rendered");
        assertThat(count(dom.out, "<svg id=\"[a-z0-9-]+\" class=\"chart\"")).isEqualTo(5);
        assertThat(count(dom.out, "<circle class=\"point\"")).as("one point per window on two line charts").isEqualTo(2 * 31);
        assertThat(count(dom.out, "<rect class=\"bar\"")).isGreaterThan(20);
        assertThat(dom.out).contains("Manifest chain verified").contains("proj00");
        for (Result r : List.of(dom, shot)) {
            assertThat(r.consoleLines()).as("console messages").isEmpty();
        }
        assertThat(Files.size(artifacts.resolve("report.png"))).isGreaterThan(10_000);
    }

    /** What one headless Chromium run printed. */
    record Result(String out, String err) {
        /** The page's console messages (Chromium logs them as CONSOLE lines with --enable-logging). */
        List<String> consoleLines() {
            List<String> out = new ArrayList<>();
            for (String l : err.split("\n")) {
                if (l.contains("CONSOLE")) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    private static Result chromium(Path tmp, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1100,2600", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + tmp.resolve("chromium-profile"),
                // No network: a self-contained page must not need it.
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("chromium.out").toFile())
                    .redirectError(tmp.resolve("chromium.err").toFile()).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("this test needs Debian's chromium on the PATH (apt-get install chromium): " + e.getMessage(), e);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium exit code").isZero();
        return new Result(Files.readString(tmp.resolve("chromium.out"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("chromium.err"), StandardCharsets.UTF_8));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
