package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The collapse rules of one window, case by case. */
class WindowDiffTest {
    static final GfidKey ROOT = GfidKey.ROOT;
    HeapNamespaceStore store;

    @BeforeEach
    void empty() {
        store = new HeapNamespaceStore();
    }

    static GfidKey g(long n) {
        return new GfidKey(0x1000, n);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static VolumeEvent ev(JournalRecord r) {
        return new VolumeEvent(1, 1, 0, 0, new int[] {0}, r);
    }

    static JournalRecord.Builder entry(Fop fop, GfidKey gfid, GfidKey parent, byte[] name) {
        return JournalRecord.builder(RecordType.ENTRY, gfid.msb(), gfid.lsb()).fop(fop).entry(parent.msb(), parent.lsb(), name);
    }

    static VolumeEvent create(GfidKey gfid, GfidKey parent, String name) {
        return ev(entry(Fop.CREATE, gfid, parent, b(name)).modeOwner(0100644, 0, 0).build());
    }

    static VolumeEvent mkdir(GfidKey gfid, GfidKey parent, String name) {
        return ev(entry(Fop.MKDIR, gfid, parent, b(name)).modeOwner(040755, 0, 0).build());
    }

    static VolumeEvent rename(GfidKey gfid, GfidKey from, String a, GfidKey to, String c) {
        return ev(entry(Fop.RENAME, gfid, from, b(a)).newEntry(to.msb(), to.lsb(), b(c)).build());
    }

    static VolumeEvent unlink(GfidKey gfid, GfidKey parent, String name) {
        return ev(entry(Fop.UNLINK, gfid, parent, b(name)).deletedPath(b(name)).build());
    }

    static VolumeEvent link(GfidKey gfid, GfidKey parent, String name) {
        return ev(entry(Fop.LINK, gfid, parent, b(name)).build());
    }

    static VolumeEvent write(GfidKey gfid) {
        return ev(JournalRecord.builder(RecordType.DATA, gfid.msb(), gfid.lsb()).build());
    }

    static VolumeEvent chmod(GfidKey gfid) {
        return ev(JournalRecord.builder(RecordType.METADATA, gfid.msb(), gfid.lsb()).fop(Fop.SETATTR).build());
    }

    /** Applies {@code setup} as an earlier window, then {@code window}; returns the window's entries as text. */
    List<String> diff(List<VolumeEvent> setup, List<VolumeEvent> window) {
        WindowChanges before = new WindowChanges(store);
        setup.forEach(before::apply);
        WindowChanges changes = new WindowChanges(store);
        window.forEach(changes::apply);
        return WindowDiff.of(changes).stream().map(ManifestEntry::toString).toList();
    }

    /** {@code e} as logged by {@code brick} only. */
    static VolumeEvent on(int brick, VolumeEvent e) {
        return new VolumeEvent(1, e.journalTs(), brick, 0, new int[] {brick}, e.record());
    }

    /** {@code e} logged {@code seconds} later. */
    static VolumeEvent at(VolumeEvent e, long seconds) {
        return new VolumeEvent(1, e.journalTs() + seconds, e.brick(), 0, e.bricks(), e.record());
    }

    /**
     * A rename onto a name on one subvolume and a create of it on another, in the same second: the journals
     * cannot order them. The live volume settles it: its holder keeps the name. Without a lookup (or when the
     * volume shows neither) the journal order stands, and it is counted.
     */
    @Test
    void sameSecondNameConflictsBetweenSubvolumesAreSettledByTheLiveVolume() {
        List<VolumeEvent> setup = List.of(create(g(1), ROOT, "old"));
        List<VolumeEvent> window = List.of(on(0, rename(g(1), ROOT, "old", ROOT, "n")), on(2, create(g(2), ROOT, "n")));

        WindowChanges before = new WindowChanges(store);
        setup.forEach(before::apply);
        List<byte[]> asked = new java.util.ArrayList<>();
        WindowChanges renamedWins = new WindowChanges(store, (path, second) -> {
            asked.add(path);
            return g(1);
        });
        window.forEach(renamedWins::apply);
        assertThat(WindowDiff.of(renamedWins).stream().map(ManifestEntry::toString).toList())
                .containsExactly("RENAME old -> n (file)");
        assertThat(asked).singleElement().isEqualTo(b("n"));
        assertThat(renamedWins.conflictsResolved()).isEqualTo(1);

        empty();
        setup.forEach(new WindowChanges(store)::apply);
        WindowChanges createdWins = new WindowChanges(store, (path, second) -> g(2));
        window.forEach(createdWins::apply);
        assertThat(WindowDiff.of(createdWins).stream().map(ManifestEntry::toString).toList())
                .containsExactlyInAnyOrder("DELETE old (file)", "NEW n (file)");

        empty();
        setup.forEach(new WindowChanges(store)::apply);
        WindowChanges unknown = new WindowChanges(store, null);
        window.forEach(unknown::apply);
        assertThat(unknown.conflictsUnresolved()).isEqualTo(1);

        // In different seconds of bricks that roll over every 2 s, the two journals overlap in time: still a
        // conflict, settled by the volume; with no interval known yet (or a second further) the order stands.
        List<VolumeEvent> apart = List.of(on(0, rename(g(1), ROOT, "old", ROOT, "n")),
                at(on(2, create(g(2), ROOT, "n")), 2));
        RolloverSpacing everyTwo = new RolloverSpacing();
        everyTwo.rollover(0, 100);
        everyTwo.rollover(0, 102);
        empty();
        setup.forEach(new WindowChanges(store)::apply);
        WindowChanges overlapping = new WindowChanges(store, (path, second) -> g(1), everyTwo, AnonymousInodeDir.UNKNOWN,
                RecentNames.NONE);
        apart.forEach(overlapping::apply);
        assertThat(WindowDiff.of(overlapping).stream().map(ManifestEntry::toString).toList())
                .containsExactly("RENAME old -> n (file)");
        empty();
        setup.forEach(new WindowChanges(store)::apply);
        WindowChanges sameSecondOnly = new WindowChanges(store, (path, second) -> {
            throw new AssertionError("no lookup expected");
        });
        apart.forEach(sameSecondOnly::apply);
        assertThat(sameSecondOnly.conflictsResolved() + sameSecondOnly.conflictsUnresolved()).isZero();

        // Logged by a common brick, the two are ordered by its journal: no conflict, no lookup.
        empty();
        setup.forEach(new WindowChanges(store)::apply);
        WindowChanges ordered = new WindowChanges(store, (path, second) -> {
            throw new AssertionError("no lookup expected");
        });
        List.of(on(0, rename(g(1), ROOT, "old", ROOT, "n")), on(0, create(g(2), ROOT, "n"))).forEach(ordered::apply);
        assertThat(ordered.conflictsResolved() + ordered.conflictsUnresolved()).isZero();
    }

    /**
     * The same race across a window boundary: the rename onto "n" falls in one window and the create of "n",
     * logged by the other subvolume whose journal rolled over a second later, in the next. The names the first
     * window gave within a rollover interval of its end carry into the second (through their encoded form, as
     * a checkpoint keeps them), so the live volume settles the conflict there: the created file was replaced by
     * the renamed one, and the second window has nothing to say. Without them the create would take the name
     * and the backup would lose the renamed file.
     */
    @Test
    void aNameConflictAcrossAWindowBoundaryIsSettledByTheLiveVolume() {
        RolloverSpacing everyTwo = new RolloverSpacing();
        everyTwo.rollover(0, 100);
        everyTwo.rollover(0, 102);
        NameOwners renamedHolds = (path, second) -> g(1);
        VolumeEvent renameOnto = at(on(0, rename(g(1), ROOT, "old", ROOT, "n")), 103);
        VolumeEvent createOf = at(on(2, create(g(2), ROOT, "n")), 104);

        List<String> windows = new java.util.ArrayList<>();
        for (boolean carry : new boolean[] {true, false}) {
            empty();
            new WindowChanges(store).apply(create(g(1), ROOT, "old"));
            WindowChanges first = new WindowChanges(store, renamedHolds, everyTwo, AnonymousInodeDir.UNKNOWN,
                    RecentNames.NONE);
            first.apply(renameOnto);
            assertThat(WindowDiff.of(first).stream().map(ManifestEntry::toString).toList())
                    .containsExactly("RENAME old -> n (file)");
            RecentNames carried = carry ? RecentNames.decode(first.carry(105).encode()) : RecentNames.NONE;
            WindowChanges second = new WindowChanges(store, renamedHolds, everyTwo, AnonymousInodeDir.UNKNOWN, carried);
            second.apply(createOf);
            windows.add(String.join(", ", WindowDiff.of(second).stream().map(ManifestEntry::toString).sorted().toList())
                    + " / resolved " + second.conflictsResolved() + " across " + second.conflictsAcrossWindows());
        }
        assertThat(windows).containsExactly(" / resolved 1 across 1", "DELETE n (file), NEW n (file) / resolved 0 across 0");

        // Only names given within one rollover interval of the next window's start are carried.
        WindowChanges late = new WindowChanges(store, renamedHolds, everyTwo, AnonymousInodeDir.UNKNOWN, RecentNames.NONE);
        late.apply(at(on(0, rename(g(2), ROOT, "n", ROOT, "m")), 103));
        assertThat(late.carry(105).size()).isEqualTo(1);
        assertThat(late.carry(107).size()).isZero();
        assertThat(RecentNames.decode(late.carry(107).encode()).size()).isZero();
    }

    @Test
    void createdAndDeletedInsideTheWindowLeavesNothing() {
        assertThat(diff(List.of(), List.of(create(g(1), ROOT, "tmp"), write(g(1)), unlink(g(1), ROOT, "tmp")))).isEmpty();
    }

    @Test
    void aRenameChainIsOneRename() {
        assertThat(diff(List.of(create(g(1), ROOT, "a")),
                List.of(rename(g(1), ROOT, "a", ROOT, "b"), rename(g(1), ROOT, "b", ROOT, "c"))))
                .containsExactly("RENAME a -> c (file)");
    }

    @Test
    void aRenameBackIsNothingButAWrite() {
        List<VolumeEvent> setup = List.of(create(g(1), ROOT, "a"));
        assertThat(diff(setup, List.of(rename(g(1), ROOT, "a", ROOT, "b"), rename(g(1), ROOT, "b", ROOT, "a")))).isEmpty();
        empty();
        assertThat(diff(setup, List.of(rename(g(1), ROOT, "a", ROOT, "b"), write(g(1)), rename(g(1), ROOT, "b", ROOT, "a"))))
                .containsExactly("MODIFY a (file)");
    }

    /** gluster/glusterfs#3804: glusterfind loses the RENAME of a renamed-then-modified file. */
    @Test
    void renameAndWriteKeepsBoth() {
        assertThat(diff(List.of(create(g(1), ROOT, "a")), List.of(rename(g(1), ROOT, "a", ROOT, "b"), write(g(1)))))
                .containsExactly("RENAME a -> b (file)", "MODIFY b (file)");
    }

    /** glusterd2#593: every hard link was listed as deleted when one was removed. */
    @Test
    void hardLinksAreOneEntryPerName() {
        List<VolumeEvent> setup = List.of(create(g(1), ROOT, "a"));
        assertThat(diff(setup, List.of(link(g(1), ROOT, "a.hl")))).containsExactly("NEW a.hl (file)");
        assertThat(diff(List.of(), List.of(unlink(g(1), ROOT, "a")))).containsExactly("DELETE a (file)");
        assertThat(diff(List.of(), List.of(write(g(1))))).containsExactly("MODIFY a.hl (file)");
    }

    @Test
    void aSwapIsTwoRenames() {
        List<VolumeEvent> setup = List.of(create(g(1), ROOT, "a"), create(g(2), ROOT, "b"));
        assertThat(diff(setup, List.of(rename(g(1), ROOT, "a", ROOT, "t"), rename(g(2), ROOT, "b", ROOT, "a"),
                rename(g(1), ROOT, "t", ROOT, "b")))).containsExactly("RENAME a -> b (file)", "RENAME b -> a (file)");
    }

    @Test
    void aRenamedDirectoryIsOneRenameAndChangesInsideUseTheNewPath() {
        List<VolumeEvent> setup = List.of(mkdir(g(10), ROOT, "d"), create(g(1), g(10), "f"), create(g(2), g(10), "gone"));
        assertThat(diff(setup, List.of(rename(g(10), ROOT, "d", ROOT, "e"), create(g(3), g(10), "new"), write(g(1)),
                unlink(g(2), g(10), "gone"))))
                .containsExactly("MODIFY e/f (file)", "DELETE d/gone (file)", "NEW e/new (file)", "RENAME d -> e (dir)");
    }

    /** The inode a rename replaces gets no record of its own; its name is still deleted. */
    @Test
    void aRenameOverAnExistingNameDeletesTheReplacedInode() {
        List<VolumeEvent> setup = List.of(create(g(1), ROOT, "a"), create(g(2), ROOT, "b"));
        assertThat(diff(setup, List.of(rename(g(1), ROOT, "a", ROOT, "b"))))
                .containsExactly("RENAME a -> b (file)", "DELETE b (file)");
    }

    @Test
    void metadataOnlyIsMetaAndDataWins() {
        List<VolumeEvent> setup = List.of(create(g(1), ROOT, "a"), create(g(2), ROOT, "b"));
        assertThat(diff(setup, List.of(chmod(g(1)), chmod(g(2)), write(g(2)))))
                .containsExactly("META a (file)", "MODIFY b (file)");
    }

    @Test
    void hostileNamesStayRawBytes() {
        byte[] odd = {'n', '\n', '%', ',', (byte) 0xff, 'x'};
        WindowChanges changes = new WindowChanges(store);
        changes.apply(ev(entry(Fop.MKDIR, g(10), ROOT, b("dir with space")).modeOwner(040755, 0, 0).build()));
        changes.apply(ev(entry(Fop.CREATE, g(1), g(10), odd).modeOwner(0100644, 0, 0).build()));
        List<ManifestEntry> entries = WindowDiff.of(changes);
        assertThat(entries).extracting(ManifestEntry::op).containsExactly(ManifestEntry.Op.NEW, ManifestEntry.Op.NEW);
        assertThat(entries.get(0).path()).containsExactly(new byte[] {'d', 'i', 'r', ' ', 'w', 'i', 't', 'h', ' ', 's',
                'p', 'a', 'c', 'e', '/', 'n', '\n', '%', ',', (byte) 0xff, 'x'});
    }

    @Test
    void anUnknownParentIsKeptAsUnresolved() {
        WindowChanges changes = new WindowChanges(store);
        changes.apply(create(g(1), g(99), "orphan"));
        assertThat(WindowDiff.of(changes)).singleElement().satisfies(e -> {
            assertThat(e.op()).isEqualTo(ManifestEntry.Op.NEW);
            assertThat(e.path()).isNull();
            assertThat(e.gfid()).isEqualTo(g(1));
        });
    }

    /**
     * Self-heal on a brick that missed an rmdir and a directory rename moves the stale entries aside into AFR's
     * hidden directory (named by their own gfid), moves the renamed one back out to its new name, and removes
     * the rest: none of it is a change the manifest shows. Without the volume id the same journal leaves
     * unresolved inodes behind, which is what a lab run showed.
     */
    @Test
    void selfHealMovesThroughTheHiddenDirectoryChangeNothing() {
        String volumeId = "14f512dc-ea6c-4b43-87fd-2d48aa880b97";
        AnonymousInodeDir hidden = AnonymousInodeDir.ofVolume(volumeId);
        GfidKey anon = hidden.gfid();
        assertThat(anon.toString()).isEqualTo("15f512dc-ea6c-4b43-87fd-2d48aa880b97");
        List<VolumeEvent> setup = List.of(mkdir(g(1), ROOT, "gone"), mkdir(g(2), ROOT, "old"), create(g(3), g(2), "f"));
        // What the live replica logged while the other was down: an rmdir and a directory rename.
        List<VolumeEvent> outage = List.of(ev(entry(Fop.RMDIR, g(1), ROOT, b("gone")).build()),
                rename(g(2), ROOT, "old", ROOT, "new"));
        // What the heal logs on the returning brick, in two windows.
        List<VolumeEvent> heal = List.of(
                ev(entry(Fop.MKDIR, anon, ROOT, b(".glusterfs-anonymous-inode-" + volumeId)).modeOwner(040755, 0, 0).build()),
                rename(g(1), ROOT, "gone", anon, g(1).toString()),
                rename(g(2), ROOT, "old", anon, g(2).toString()),
                rename(g(2), anon, g(2).toString(), ROOT, "new"));
        List<VolumeEvent> cleanup = List.of(ev(entry(Fop.RMDIR, g(1), anon, b(g(1).toString())).build()));

        HeapNamespaceStore withId = new HeapNamespaceStore();
        for (List<VolumeEvent> window : List.of(setup, outage)) {
            window.forEach(new WindowChanges(withId, null, new RolloverSpacing(), hidden, RecentNames.NONE)::apply);
        }
        for (List<VolumeEvent> window : List.of(heal, cleanup)) {
            WindowChanges healed = new WindowChanges(withId, null, new RolloverSpacing(), hidden, RecentNames.NONE);
            window.forEach(healed::apply);
            assertThat(WindowDiff.of(healed)).isEmpty();
        }
        assertThat(withId.entry(new Link(ROOT, b("new")))).isEqualTo(g(2));
        assertThat(withId.inode(g(1))).isNull();
        assertThat(withId.entry(new Link(g(2), b("f")))).isEqualTo(g(3));

        List<String> withoutId = diff(java.util.stream.Stream.concat(setup.stream(), outage.stream()).toList(), heal);
        assertThat(withoutId).containsExactly("NEW <unresolved> (other)");
    }

    /**
     * A hole in the journals lost mkdir d; the journals after it create d/f (no path to give) and write it. Once the
     * directory is known (a crawl reconciles it), d/f is NEW: no earlier manifest gave it a path, so no MODIFY.
     */
    @Test
    void aNameUnderADirectoryFromAHoleIsNewOnceTheDirectoryIsKnown() {
        assertThat(diff(List.of(), List.of(create(g(2), g(1), "f")))).containsExactly("NEW <unresolved> (file)");
        WindowChanges changes = new WindowChanges(store);
        List.of(mkdir(g(1), ROOT, "d"), write(g(2))).forEach(changes::apply);
        assertThat(WindowDiff.of(changes).stream().map(ManifestEntry::toString))
                .containsExactly("NEW d (dir)", "NEW d/f (file)");
        // Untouched, a name stays as the earlier manifests have it.
        WindowChanges later = new WindowChanges(store);
        later.apply(write(g(2)));
        assertThat(WindowDiff.of(later).stream().map(ManifestEntry::toString)).containsExactly("MODIFY d/f (file)");
    }
}
