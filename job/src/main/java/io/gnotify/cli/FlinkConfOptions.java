package io.gnotify.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/** The {@code -D KEY=VALUE} option of the commands that run the job: configuration keys applied last. */
final class FlinkConfOptions {
    @Option(names = {"-D", "--flink-conf"}, paramLabel = "KEY=VALUE",
            description = "Any Flink configuration key (gnotify's too), applied last (repeatable), e.g. "
                    + "-D state.backend.rocksdb.timer-service.factory=ROCKSDB.")
    Map<String, String> values = new LinkedHashMap<>();

    /** Sets every given key in {@code conf}, over what it had. */
    void applyTo(Configuration conf) {
        values.forEach(conf::setString);
    }

    /** The same options as arguments of another {@code gnotify run}. */
    List<String> asArguments() {
        List<String> args = new ArrayList<>();
        values.forEach((k, v) -> args.addAll(List.of("-D", k + "=" + v)));
        return args;
    }
}
