package io.gnotify.job.analytics;

import java.io.Serializable;
import java.util.Arrays;

/** What the per-window analytics roll up: directory depths (e.g. 1 and 2) and how many busiest ones to list. */
public record AnalyticsSettings(int[] depths, int top) implements Serializable {
    /** Depths 1 and 2, ten directories each. */
    public static final AnalyticsSettings DEFAULT = new AnalyticsSettings(new int[] {1, 2}, 10);

    public AnalyticsSettings {
        depths = Arrays.stream(depths).distinct().sorted().toArray();
        if (depths.length == 0 || depths[0] < 1 || top < 1) {
            throw new IllegalArgumentException("analytics need depths >= 1 and a top of at least 1");
        }
    }
}
