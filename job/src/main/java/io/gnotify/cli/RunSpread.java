package io.gnotify.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The least, middle and greatest of one figure over repeated bench runs (the median of an even count is the lower middle). */
record RunSpread(double min, double median, double max) {
    static RunSpread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new RunSpread(sorted.get(0), sorted.get((sorted.size() - 1) / 2), sorted.get(sorted.size() - 1));
    }

    /** {@code min-max (median m)} with {@code format} for each figure. */
    String format(String format) {
        return String.format(format, min) + "-" + String.format(format, max) + " (median " + String.format(format, median) + ")";
    }
}
