package io.gnotify.cli;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;

/** Parses durations such as {@code 60s}, {@code 5 min}, {@code 500ms} (Flink's syntax). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (e.g. 60s, 5min, 500ms)");
        }
    }
}
