package io.gnotify.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.util.FileUtils;

/** The embedded cluster's working directory under a run's state directory, emptied of earlier runs' leftovers. */
final class EmbeddedWorkDir {
    /** The directory under {@code --state-dir}; each run's Flink puts a {@code minicluster_<id>} and temporary files in it. */
    static final String NAME = "work";

    private EmbeddedWorkDir() {}

    /**
     * Creates {@code <stateDir>/work} and deletes what earlier runs left in it (one run uses a state directory at a
     * time, so none of it is in use). Returns its absolute path.
     */
    static Path clean(Path stateDir) throws IOException {
        Path work = Files.createDirectories(stateDir.toAbsolutePath().resolve(NAME));
        List<Path> left;
        try (Stream<Path> s = Files.list(work)) {
            left = s.toList();
        }
        for (Path p : left) {
            if (Files.isDirectory(p)) {
                FileUtils.deleteDirectory(p.toFile());
            } else {
                Files.delete(p);
            }
        }
        return work;
    }

    /** Flink's temporary directory ({@code io.tmp.dirs}) inside {@code work}, created. */
    static Path tmp(Path work) throws IOException {
        return Files.createDirectories(work.resolve("tmp"));
    }
}
