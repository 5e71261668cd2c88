package io.gnotify.job.report;

import io.gnotify.job.manifest.ChainStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The self-contained HTML report of one output directory: per volume, the manifest chain's status and charts
 * of changes over time by op, net growth, pipeline lag and the busiest directories, all inline (no network,
 * no external files). A short inline script only marks the page as rendered with its chart count.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** Renders the report for the volumes under {@code out} (each {@code <volume>/analytics} and its manifests). */
    public static String render(Path out, Iterable<Path> volumeDirs) throws IOException {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gnotify report</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:22px}h2{font-size:18px;margin-top:28px}")
                .append("h3{font-size:15px}.ok{color:#2e7d32}.bad{color:#c62828}svg text{font-size:11px;fill:#333}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}")
                .append("</style></head><body>\n<h1>gnotify report: ").append(Html.escape(out.toString())).append("</h1>\n");
        for (Path v : volumeDirs) {
            volume(b, v);
        }
        b.append("<p id=\"status\">rendering…</p>\n<script>\n(function(){var n=document.querySelectorAll('svg.chart').length;")
                .append("var s=document.getElementById('status');s.textContent=n+' charts rendered';")
                .append("document.body.setAttribute('data-charts',String(n));})();\n</script>\n</body></html>\n");
        return b.toString();
    }

    private static void volume(StringBuilder b, Path v) throws IOException {
        String name = v.getFileName().toString();
        AnalyticsSeries s = AnalyticsSeries.read(v);
        ChainStatus chain = ChainStatus.of(v.resolve(io.gnotify.job.manifest.ManifestFormat.DIRECTORY));
        b.append("<h2>Volume ").append(Html.escape(name)).append("</h2>\n<p>");
        if (chain.verified()) {
            b.append("<span class=\"ok\">Manifest chain verified</span>: ");
        } else {
            b.append("<span class=\"bad\">Manifest chain has ").append(chain.problems().size()).append(" problems</span>: ");
        }
        b.append(chain.manifests()).append(" manifests, seq ").append(chain.firstSeq()).append('–').append(chain.lastSeq())
                .append("; bricks down in ").append(chain.brickTrouble().getOrDefault("down", java.util.List.of()).size())
                .append(" brick-windows, journal gaps in ").append(chain.brickTrouble().getOrDefault("gap", java.util.List.of()).size())
                .append(".</p>\n");
        if (!chain.verified()) {
            b.append("<ul class=\"problems\">");
            chain.problems().forEach(p -> b.append("<li>").append(Html.escape(p)).append("</li>"));
            b.append("</ul>\n");
        }
        b.append("<p>").append(s.windows.size()).append(" windows; ").append(String.format("%,d", s.total("operations")))
                .append(" operations, ").append(String.format("%,d", s.total("copies_merged")))
                .append(" replica and subvolume copies merged.</p>\n");
        if (s.windows.isEmpty()) {
            b.append("<p>No analytics files.</p>\n");
            return;
        }
        b.append("<h3>Changes per window by op (manifest entries)</h3>\n")
                .append(SvgCharts.stackedBars("changes-" + name, s.labels(), s.entriesByOp())).append('\n');
        b.append("<h3>Net growth (names created minus deleted, cumulative)</h3>\n")
                .append(SvgCharts.line("growth-" + name, s.labels(), s.cumulativeGrowth(), "names")).append('\n');
        b.append("<h3>Pipeline lag at window close (seconds after the window's end)</h3>\n")
                .append(SvgCharts.line("lag-" + name, s.labels(), s.lagSeconds(), "s")).append('\n');
        for (int depth = 1; depth <= 2; depth++) {
            b.append("<h3>Busiest directories, ").append(depth).append(depth == 1 ? " level" : " levels")
                    .append(" deep (changes summed over each window's busiest list)</h3>\n")
                    .append(SvgCharts.ranking("busiest-" + depth + "-" + name, s.busiest(depth, 15))).append('\n');
        }
        b.append("<h3>Operations by fop</h3>\n<table><tr><th>fop</th><th>operations</th></tr>");
        for (Map.Entry<String, Long> e : s.operationsByFop().entrySet()) {
            b.append("<tr><td>").append(Html.escape(e.getKey())).append("</td><td>").append(String.format("%,d", e.getValue()))
                    .append("</td></tr>");
        }
        b.append("</table>\n");
    }
}
