package io.gnotify.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTIME reader on every fixture brick: re-based paths, counts, and entries versus files on disk. */
class HtimeIndexTest {
    private static final Pattern XATTR_COUNT = Pattern.compile("trusted\\.glusterfs\\.htime=\"(\\d+):(\\d+)\"");

    static Stream<Arguments> bricks() {
        List<String> all = new ArrayList<>(Fixtures.ASCII);
        all.add(Fixtures.BINARY);
        return Fixtures.brickPairs(all).stream().map(fb -> Arguments.of(fb[0], fb[1]));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("bricks")
    void entriesMatchTheFileSizeTheXattrAndTheDisk(String fixture, String brick) throws Exception {
        BrickChangelog changelog = BrickChangelog.of(Fixtures.brick(fixture, brick));
        List<Path> htimes = changelog.htimeFiles();
        assertThat(htimes).hasSize(1);
        byte[] bytes = Files.readAllBytes(htimes.get(0));
        int entryLength = Fixtures.indexOf(bytes, (byte) 0);

        List<JournalRef> refs = changelog.rollovers(ProblemListener.STRICT);

        // entry count = file size / (entry length + 1) = the count GlusterFS keeps in the xattr.
        assertThat(bytes.length % (entryLength + 1)).isZero();
        assertThat(refs).hasSize(bytes.length / (entryLength + 1));
        Matcher m = XATTR_COUNT.matcher(Files.readString(Fixtures.meta(fixture, brick).resolve("htime-xattrs.txt")));
        assertThat(m.find()).isTrue();
        assertThat(refs).hasSize(Integer.parseInt(m.group(2)));
        assertThat(refs.get(refs.size() - 1).timestamp()).isEqualTo(Long.parseLong(m.group(1)));

        // Upper-case entries are exactly the journals on disk; lower-case ones have no file.
        List<Path> listed = refs.stream().filter(r -> r.kind() == JournalRef.Kind.JOURNAL)
                .map(JournalRef::file).collect(Collectors.toList());
        assertThat(listed).containsExactlyElementsOf(Fixtures.journals(fixture, brick));
        assertThat(refs).noneMatch(r -> r.kind() == JournalRef.Kind.MISSING);
        assertThat(refs).filteredOn(r -> r.kind() == JournalRef.Kind.EMPTY).allMatch(r -> !Files.exists(r.file()));
        for (int i = 1; i < refs.size(); i++) {
            assertThat(refs.get(i).timestamp()).isGreaterThanOrEqualTo(refs.get(i - 1).timestamp());
        }
        // The live journal is never listed.
        assertThat(refs).noneMatch(r -> r.file().getFileName().toString().equals("CHANGELOG"));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("bricks")
    void recordCountsMatchTheReferenceParser(String fixture, String brick) throws Exception {
        List<JournalRecord> all = new ArrayList<>();
        for (Path journal : Fixtures.journals(fixture, brick)) {
            all.addAll(Fixtures.readStrict(journal));
        }
        assertThat(JournalCounts.count(all))
                .isEqualTo(JournalCounts.parseStats(Fixtures.meta(fixture, brick).resolve("stats.txt")));
    }

}
