package io.gnotify.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's metrics reach Prometheus by configuration alone: a continuous job on dr22 with Flink's
 * Prometheus reporter switched on by its two keys (as in conf/config.yaml) serves, on its scrape endpoint, the
 * per-brick records per second, lag and status, the dedup ratio, the windows closed and the manifest entries.
 */
class PrometheusMetricsTest {
    @Test
    void theMetricsAreScrapedFromThePrometheusEndpoint(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration conf = new Configuration();
        conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", String.valueOf(port));
        conf.setString("metrics.reporter.prom.interval", "1 s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        env.enableCheckpointing(200);
        JobSettings bounded = FixtureVolumes.settings("dr22-ascii", tmp.resolve("out"));
        JobSettings s = new JobSettings(bounded.volume(), bounded.brickMap(), bounded.output(), bounded.windows(), false,
                bounded.start(), bounded.dedupHorizon(), false, bounded.pollInterval(), bounded.brickDownTimeout(),
                bounded.maxBrickDrift(), null);
        VolumePipeline.build(env, s);
        JobClient job = env.executeAsync("dr22 continuous");
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build();
            String[] scraped = new String[1];
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                scraped[0] = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
                assertThat(value(scraped[0], "manifestsWritten")).isGreaterThan(20);
            });
            String body = scraped[0];
            for (String brick : new String[] {"b1", "b2", "b3", "b4"}) {
                for (String metric : new String[] {"recordsPerSecond", "recordsRead", "eventTimeLagMillis", "status"}) {
                    assertThat(body).as("%s of %s", metric, brick)
                            .containsPattern("(?m)^flink_\\w*_brick_" + metric + "\\{[^}]*brick=\"vm:_srv_gl_dr22_" + brick + "\"");
                }
            }
            assertThat(value(body, "dedupRatio")).isBetween(0.3, 0.7);
            assertThat(value(body, "manifestEntries")).isGreaterThan(1000);
        } finally {
            job.cancel().get();
        }
    }

    /** The largest sample of a metric whose name ends with {@code name}. */
    private static double value(String body, String name) {
        double max = -1;
        for (String line : body.split("\n")) {
            if (!line.startsWith("#") && line.matches("flink_\\w*_" + name + "(\\{.*\\})? .*")) {
                max = Math.max(max, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return max;
    }
}
