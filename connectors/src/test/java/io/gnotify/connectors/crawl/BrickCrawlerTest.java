package io.gnotify.connectors.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.Gfid;
import io.gnotify.connectors.journal.JournalProblem;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.ProcessedForm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap crawl over one brick backend laid out as GlusterFS lays it out (gfids in {@code trusted.gfid},
 * the {@code .glusterfs} tree with each file's gfid hard link, a DHT link-to file, AFR's hidden directory).
 * Needs root for {@code trusted.*} attributes, as the crawl itself does; CI runs as root.
 */
class BrickCrawlerTest {
    @Test
    void describesTheBackendAsTheRecordsThatCreatedIt(@TempDir Path brick) throws Exception {
        VolumeBackend v = new VolumeBackend(List.of(brick), 1);
        Files.createDirectories(brick.resolve(".glusterfs-anonymous-inode-1234"));
        v.dir("a");
        v.dir("a/b");
        v.file("a/b/f2", 0, "two");
        v.file("a/f1", 0, "one");
        Files.setPosixFilePermissions(brick.resolve("a/f1"), PosixFilePermissions.fromString("rw-r-----"));
        v.link("a/f1", "h1");
        v.symlink("s", 0, "a/f1");
        // A DHT link-to file (sticky, empty, with the linkto xattr) is not data on this brick.
        Files.createFile(brick.resolve("l"));
        assertThat(new ProcessBuilder("chmod", "1000", brick.resolve("l").toString()).start().waitFor()).isZero();
        v.tag("l", 0);
        Xattrs.set(brick.resolve("l").toString().getBytes(StandardCharsets.UTF_8), "trusted.glusterfs.dht.linkto",
                "dist2-client-1\0".getBytes(StandardCharsets.UTF_8));
        assertThat(new ProcessBuilder("bash", "-c", "touch $'n\\xff' && mkfifo p").directory(brick.toFile()).start()
                .waitFor()).isZero();
        byte[] odd = (brick + "/n").getBytes(StandardCharsets.UTF_8);
        odd = java.util.Arrays.copyOf(odd, odd.length + 1);
        odd[odd.length - 1] = (byte) 0xff;
        byte[] raw = new byte[16];
        Gfid.writeRaw(0x3333L, 0x4444L, raw, 0);
        Xattrs.set(odd, "trusted.gfid", raw);
        String p = v.tag("p", 0);
        Files.createFile(brick.resolve("nogfid"));

        List<JournalProblem> problems = new ArrayList<>();
        BrickCrawler crawler = new BrickCrawler(brick, problems::add);
        List<JournalRecord> got = new ArrayList<>();
        for (JournalRecord r = crawler.next(); r != null; r = crawler.next()) {
            got.add(r);
        }
        List<String> rendered = got.stream().map(r -> new String(ProcessedForm.render(r), StandardCharsets.ISO_8859_1)
                .replaceAll("[\\x00]", " ").trim()).toList();
        String root = "00000000-0000-0000-0000-000000000001";
        assertThat(rendered).containsExactly(
                "E " + g(v, "a") + " MKDIR 16877 0 0 " + root + "/a",
                "E " + g(v, "a/b") + " MKDIR 16877 0 0 " + g(v, "a") + "/b",
                "E " + g(v, "a/b/f2") + " CREATE 33188 0 0 " + g(v, "a/b") + "/f2",
                "E " + g(v, "a/f1") + " CREATE 33184 0 0 " + g(v, "a") + "/f1",
                "E " + g(v, "a/f1") + " LINK " + root + "/h1",
                "E " + Gfid.toString(0x3333L, 0x4444L) + " CREATE 33188 0 0 " + root + "/n\u00ff",
                "E " + p + " MKNOD 4516 0 0 " + root + "/p",
                "E " + g(v, "s") + " SYMLINK " + root + "/s");
        assertThat(got.get(4).fop()).isEqualTo(Fop.LINK);
        assertThat(got.get(5).name()).isEqualTo(new byte[] {'n', (byte) 0xff});
        assertThat(crawler.emitted()).isEqualTo(8);
        assertThat(problems).singleElement().satisfies(pr -> {
            assertThat(pr.kind()).isEqualTo(JournalProblem.Kind.CRAWL_ENTRY);
            assertThat(pr.file()).endsWith("/nogfid");
            assertThat(pr.detail()).contains("no trusted.gfid");
        });
    }

    static String g(VolumeBackend v, String path) {
        return v.namespace().get(path).substring(2);
    }

    /**
     * Given a second, a crawl follows each entry changed since then with what changed: data for a file
     * written since (its mtime), SETATTR for one whose attributes alone changed (ctime only); a directory's
     * own times move with its entries and add nothing. Before the second nothing is reported.
     */
    @Test
    void entriesChangedSinceASecondAreFollowedByTheirChange(@TempDir Path brick) throws Exception {
        VolumeBackend v = new VolumeBackend(List.of(brick), 1);
        v.dir("d");
        v.file("d/written", 0, "new data");
        v.file("d/chmodded", 0, "old data");
        Files.setLastModifiedTime(brick.resolve("d/chmodded"), java.nio.file.attribute.FileTime.fromMillis(946_684_800_000L));
        long now = System.currentTimeMillis() / 1000;

        assertThat(changes(brick, now - 60)).containsExactly("MKDIR d", "CREATE chmodded", "M SETATTR chmodded",
                "CREATE written", "D written");
        assertThat(changes(brick, now + 3600)).containsExactly("MKDIR d", "CREATE chmodded", "CREATE written");
    }

    /** The crawl's records as fop and name; a change record names the entry before it. */
    private static List<String> changes(Path brick, long since) throws Exception {
        BrickCrawler crawler = new BrickCrawler(brick, p -> { }, GfidSource.BRICK, since);
        List<String> out = new ArrayList<>();
        String last = null;
        for (JournalRecord r = crawler.next(); r != null; r = crawler.next()) {
            if (r.type() == io.gnotify.connectors.journal.RecordType.ENTRY) {
                last = new String(r.name(), StandardCharsets.UTF_8);
                out.add(r.fop() + " " + last);
            } else {
                out.add((r.type() == io.gnotify.connectors.journal.RecordType.DATA ? "D" : "M " + r.fop()) + " " + last);
            }
        }
        return out;
    }
}
