package io.gnotify.job.report;

import java.util.List;
import java.util.Map;

/**
 * Small inline SVG charts for the report (no scripts, no network): stacked bars over windows, a line over
 * windows, and horizontal bars for a ranking. Every mark has a {@code <title>} so hovering shows its value.
 */
final class SvgCharts {
    private static final int WIDTH = 960;
    private static final int HEIGHT = 260;
    private static final int LEFT = 60;
    private static final int BOTTOM = 30;
    private static final String[] COLORS = {"#2e7d32", "#c62828", "#1565c0", "#f9a825", "#6a1b9a", "#00838f", "#5d4037"};

    private SvgCharts() {}

    /** One bar per window, stacked by series (in the map's order), with a legend. */
    static String stackedBars(String id, List<String> windows, Map<String, long[]> series) {
        long max = 1;
        for (int i = 0; i < windows.size(); i++) {
            long sum = 0;
            for (long[] v : series.values()) {
                sum += v[i];
            }
            max = Math.max(max, sum);
        }
        StringBuilder b = open(id, HEIGHT + 30);
        axis(b, max);
        double slot = (WIDTH - LEFT - 10) / (double) Math.max(1, windows.size());
        for (int i = 0; i < windows.size(); i++) {
            double y = HEIGHT - BOTTOM;
            int c = 0;
            for (Map.Entry<String, long[]> s : series.entrySet()) {
                long v = s.getValue()[i];
                double h = (HEIGHT - BOTTOM - 10) * v / (double) max;
                if (v > 0) {
                    b.append(String.format("<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%s %s: %d</title></rect>", LEFT + i * slot, y - h, Math.max(1, slot * 0.8), h,
                            COLORS[c % COLORS.length], Html.escape(windows.get(i)), Html.escape(s.getKey()), v));
                }
                y -= h;
                c++;
            }
        }
        int c = 0;
        for (String name : series.keySet()) {
            b.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
                    LEFT + c * 110, HEIGHT + 8, COLORS[c % COLORS.length], LEFT + c * 110 + 16, HEIGHT + 19, Html.escape(name)));
            c++;
        }
        return b.append("</svg>").toString();
    }

    /** A line of one value per window. */
    static String line(String id, List<String> windows, double[] values, String unit) {
        double max = 1e-9;
        double min = 0;
        for (double v : values) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        StringBuilder b = open(id, HEIGHT);
        axis(b, max);
        double slot = (WIDTH - LEFT - 10) / (double) Math.max(1, windows.size() - 1);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            double x = LEFT + i * slot;
            double y = HEIGHT - BOTTOM - (HEIGHT - BOTTOM - 10) * (values[i] - min) / (max - min);
            points.append(String.format("%.1f,%.1f ", x, y));
            b.append(String.format("<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%s: %.1f %s</title></circle>",
                    x, y, Html.escape(windows.get(i)), values[i], Html.escape(unit)));
        }
        b.append("<polyline class=\"series\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\" points=\"")
                .append(points.toString().trim()).append("\"/>");
        return b.append("</svg>").toString();
    }

    /** Horizontal bars, one per labelled value, longest first as given. */
    static String ranking(String id, List<Map.Entry<String, Long>> items) {
        long max = 1;
        for (Map.Entry<String, Long> e : items) {
            max = Math.max(max, e.getValue());
        }
        int rowHeight = 22;
        StringBuilder b = open(id, Math.max(40, items.size() * rowHeight + 10));
        int y = 5;
        for (Map.Entry<String, Long> e : items) {
            double w = (WIDTH - 330) * e.getValue() / (double) max;
            b.append(String.format("<text x=\"0\" y=\"%d\">%s</text><rect class=\"bar\" x=\"250\" y=\"%d\" width=\"%.1f\" "
                            + "height=\"16\" fill=\"#2e7d32\"><title>%s: %d</title></rect><text x=\"%.1f\" y=\"%d\">%d</text>",
                    y + 13, Html.escape(shorten(e.getKey())), y, Math.max(1, w), Html.escape(e.getKey()), e.getValue(),
                    255 + w, y + 13, e.getValue()));
            y += rowHeight;
        }
        return b.append("</svg>").toString();
    }

    private static StringBuilder open(String id, int height) {
        return new StringBuilder(String.format("<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">", id, WIDTH, height, WIDTH, height));
    }

    private static void axis(StringBuilder b, double max) {
        int y0 = HEIGHT - BOTTOM;
        b.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", LEFT, y0, WIDTH - 10, y0));
        b.append(String.format("<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", LEFT, LEFT, y0));
        b.append(String.format("<text x=\"4\" y=\"16\">%s</text><text x=\"4\" y=\"%d\">0</text>", format(max), y0));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.format("%,d", (long) v) : String.format("%,.1f", v);
    }

    private static String shorten(String s) {
        return s.length() <= 36 ? s : "…" + s.substring(s.length() - 35);
    }
}
