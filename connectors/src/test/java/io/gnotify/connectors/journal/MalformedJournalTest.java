package io.gnotify.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A malformed-journal corpus generated from real fixture journals: each corruption has an asserted
 * outcome, a typed problem naming the file and offset, and no valid record around it is lost.
 */
class MalformedJournalTest {
    /** A real ascii journal with a mix of every record kind (single-tiny, populate phase). */
    static final Path ASCII = Fixtures.journals("single-tiny", "b1").get(1);
    /** A real binary journal. */
    static final Path BINARY = Fixtures.journals(Fixtures.BINARY, "b1").get(2);

    /** Problems collected by a lenient read. */
    static final class Outcome {
        final List<JournalRecord> records = new ArrayList<>();
        final List<JournalProblem> problems = new ArrayList<>();
    }

    static Outcome readLenient(byte[] bytes) throws JournalFormatException {
        Outcome o = new Outcome();
        JournalReader r = JournalReader.of(bytes, bytes.length, "corrupt", o.problems::add);
        for (JournalRecord rec = r.next(); rec != null; rec = r.next()) {
            o.records.add(rec);
        }
        assertThat(r.position()).isEqualTo(bytes.length);
        return o;
    }

    static List<JournalRecord> without(List<JournalRecord> records, int index) {
        List<JournalRecord> out = new ArrayList<>(records);
        out.remove(index);
        return out;
    }

    @Test
    void truncatedMidRecordKeepsEverythingBeforeAndReportsATornTail() throws Exception {
        byte[] bytes = Files.readAllBytes(ASCII);
        List<JournalRecord> original = Fixtures.readStrict(ASCII);
        int k = original.size() / 2;
        JournalRecord cut = original.get(k);
        int at = (int) cut.offset() + cut.length() / 2;

        Outcome o = readLenient(Arrays.copyOf(bytes, at));

        assertThat(o.records).containsExactlyElementsOf(original.subList(0, k));
        assertThat(o.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(JournalProblem.Kind.TORN_TAIL);
            assertThat(p.file()).isEqualTo("corrupt");
            assertThat(p.offset()).isEqualTo(cut.offset());
            assertThat(p.skippedBytes()).isEqualTo(at - cut.offset());
        });
    }

    @Test
    void aTruncatedLastRecordLosesOnlyThatRecord() throws Exception {
        byte[] bytes = Files.readAllBytes(ASCII);
        List<JournalRecord> original = Fixtures.readStrict(ASCII);
        Outcome o = readLenient(Arrays.copyOf(bytes, bytes.length - 1));
        assertThat(o.records).containsExactlyElementsOf(original.subList(0, original.size() - 1));
        assertThat(o.problems).extracting(JournalProblem::kind).containsExactly(JournalProblem.Kind.TORN_TAIL);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 40})
    void aBadTypeByteSkipsOnlyThatRecord(int k) throws Exception {
        byte[] bytes = Files.readAllBytes(ASCII);
        List<JournalRecord> original = Fixtures.readStrict(ASCII);
        JournalRecord bad = original.get(k);
        bytes[(int) bad.offset()] = 'X';

        Outcome o = readLenient(bytes);

        assertThat(o.records).containsExactlyElementsOf(without(original, k));
        assertThat(o.problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(JournalProblem.Kind.GARBAGE);
            assertThat(p.offset()).isEqualTo(bad.offset());
            assertThat(p.skippedBytes()).isEqualTo(bad.length());
            assertThat(p.detail()).contains("0x58");
        });
    }

    @Test
    void aMalformedGfidSkipsOnlyThatRecord() throws Exception {
        byte[] bytes = Files.readAllBytes(ASCII);
        List<JournalRecord> original = Fixtures.readStrict(ASCII);
        bytes[(int) original.get(5).offset() + 3] = 'g';
        Outcome o = readLenient(bytes);
        assertThat(o.records).containsExactlyElementsOf(without(original, 5));
        assertThat(o.problems).extracting(JournalProblem::kind).containsExactly(JournalProblem.Kind.GARBAGE);
    }

    @Test
    void splicedGarbageIsSkippedAndEveryRecordSurvives() throws Exception {
        byte[] bytes = Files.readAllBytes(ASCII);
        List<JournalRecord> original = Fixtures.readStrict(ASCII);
        int at = (int) original.get(10).offset();
        byte[] junk = "\u0000EDM garbage\u0000\u0000ffff-not-a-gfid\u0000D".getBytes(StandardCharsets.ISO_8859_1);

        Outcome o = readLenient(splice(bytes, at, junk));

        assertThat(o.records).containsExactlyElementsOf(original);
        assertThat(o.problems).isNotEmpty().allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(JournalProblem.Kind.GARBAGE);
            assertThat(p.offset()).isBetween((long) at, (long) at + junk.length);
        });
        assertThat(o.problems.stream().mapToLong(JournalProblem::skippedBytes).sum()).isEqualTo(junk.length);
    }

    @Test
    void badHeadersAreRejectedWithTheFileName() throws Exception {
        byte[] good = Files.readAllBytes(ASCII);
        String header = new String(good, 0, 51, StandardCharsets.US_ASCII);
        for (String bad : List.of(header.replace("GlusterFS", "GlusterFZ"), header.replace("v1.2", "v2.0"),
                header.replace("encoding : 2", "encoding : 3"), header.replace("v1.2", "vX"))) {
            byte[] bytes = good.clone();
            System.arraycopy(bad.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, bad.length());
            assertThatThrownBy(() -> JournalReader.of(bytes, bytes.length, "bad-header", ProblemListener.STRICT))
                    .isInstanceOfSatisfying(JournalFormatException.class, e -> {
                        assertThat(e.problem().kind()).isEqualTo(JournalProblem.Kind.BAD_HEADER);
                        assertThat(e.getMessage()).contains("bad-header").contains("offset 0");
                    });
        }
        assertThatThrownBy(() -> JournalReader.of(new byte[0], 0, "empty", ProblemListener.STRICT))
                .hasMessageContaining("empty file");
        byte[] noNewline = new byte[300];
        Arrays.fill(noNewline, (byte) 'G');
        assertThatThrownBy(() -> JournalReader.of(noNewline, 300, "long", ProblemListener.STRICT))
                .hasMessageContaining("no header line");
    }

    @Test
    void aHeaderOnlyJournalIsValidAndEmpty() throws Exception {
        byte[] header = JournalHeader.current(JournalEncoding.ASCII).toBytes();
        assertThat(header).hasSize(51);
        Outcome o = readLenient(header);
        assertThat(o.records).isEmpty();
        assertThat(o.problems).isEmpty();
        // v1.1 headers (no deleted path in UNLINK/RMDIR) are accepted too.
        byte[] v11 = new String(header, StandardCharsets.US_ASCII).replace("v1.2", "v1.1").getBytes(StandardCharsets.US_ASCII);
        assertThat(JournalReader.of(v11, v11.length, "v11", ProblemListener.STRICT).header().recordsDeletedPath()).isFalse();
    }

    @Test
    void unknownFopsAreReportedAndSkipped() throws Exception {
        List<JournalRecord> original = Fixtures.readStrict(ASCII);
        JournalRecord create = original.stream().filter(r -> r.fop() == Fop.CREATE).findFirst().orElseThrow();
        JournalRecord write = create.toBuilder().fop(Fop.WRITE).build();
        JournalRecord meta = JournalRecord.builder(RecordType.METADATA, 1, 2).fop(99).build();

        byte[] bytes = encode(JournalEncoding.ASCII, original.get(0), write, original.get(1), meta, original.get(2));
        Outcome o = readLenient(bytes);

        assertThat(o.records).containsExactly(original.get(0), original.get(1), original.get(2));
        assertThat(o.problems).extracting(JournalProblem::kind)
                .containsExactly(JournalProblem.Kind.UNKNOWN_FOP, JournalProblem.Kind.UNKNOWN_FOP);
        assertThat(o.problems.get(0).detail()).contains("WRITE");
        assertThat(o.problems.get(1).detail()).contains("99");
    }

    @Test
    void overlongNamesAndPathsAreRejected() throws Exception {
        JournalRecord ok = JournalRecord.builder(RecordType.DATA, 7, 7).build();
        byte[] name300 = new byte[300];
        Arrays.fill(name300, (byte) 'n');
        JournalRecord longName = JournalRecord.builder(RecordType.ENTRY, 1, 1).fop(Fop.CREATE)
                .modeOwner(0100644, 0, 0).entry(0, 1, name300).build();
        byte[] path5000 = new byte[5000];
        Arrays.fill(path5000, (byte) 'p');
        JournalRecord longPath = JournalRecord.builder(RecordType.ENTRY, 1, 1).fop(Fop.UNLINK)
                .entry(0, 1, "x".getBytes(StandardCharsets.US_ASCII)).deletedPath(path5000).build();
        byte[] name255 = Arrays.copyOf(name300, 255);
        JournalRecord longestLegal = longName.toBuilder().entry(0, 1, name255).build();

        for (JournalEncoding enc : JournalEncoding.values()) {
            Outcome o = readLenient(encode(enc, ok, longName, ok, longPath, ok, longestLegal));
            assertThat(o.records).containsExactly(ok, ok, ok, longestLegal);
            assertThat(o.problems).extracting(JournalProblem::kind)
                    .containsExactly(JournalProblem.Kind.RECORD_TOO_LONG, JournalProblem.Kind.RECORD_TOO_LONG);
        }
    }

    @Test
    void namesEndingInWhatLooksLikeARecordDecodeAsWritten() throws Exception {
        // In binary journals the tail of a name is probed for a record start ('D' + 16 bytes + NUL is a whole
        // D record); the probe must not disturb the record being decoded.
        List<JournalRecord> records = new ArrayList<>();
        for (String tail : List.of("D0123456789abcdef", "M0123456789abcdef", "E0123456789abcdef", "xD0123456789abcdef")) {
            byte[] name = ("name-" + tail).getBytes(StandardCharsets.US_ASCII);
            records.add(JournalRecord.builder(RecordType.ENTRY, 5, 6).fop(Fop.CREATE).modeOwner(0100644, 1000, 1000)
                    .entry(0, 1, name).build());
            records.add(JournalRecord.builder(RecordType.ENTRY, 5, 6).fop(Fop.RENAME).entry(0, 1, name)
                    .newEntry(0, 1, name).build());
            records.add(JournalRecord.builder(RecordType.ENTRY, 5, 6).fop(Fop.RENAME).entry(0, 1, "a/b".getBytes(
                    StandardCharsets.US_ASCII)).newEntry(0, 1, name).build());
        }
        for (JournalEncoding enc : JournalEncoding.values()) {
            Outcome o = readLenient(encode(enc, records.toArray(JournalRecord[]::new)));
            List<JournalRecord> valid = records.stream().filter(r -> r.name().length != 3).toList();
            assertThat(o.records).as(enc.name()).containsExactlyElementsOf(valid);
            assertThat(o.problems).as(enc.name()).extracting(JournalProblem::kind)
                    .containsOnly(JournalProblem.Kind.BAD_NAME).hasSize(records.size() - valid.size());
        }
    }

    @Test
    void textNumbersUpToTenDigitsAndThirtyTwoBitsAreRead() throws Exception {
        JournalRecord ok = JournalRecord.builder(RecordType.DATA, 7, 7).build();
        String gfid = "0000000a-0000-0000-0000-00000000000b";
        for (String[] c : new String[][] {
                {"4294967295", null}, {"0000000038", null}, {"4294967296", "GARBAGE"}, {"12345678901", "RECORD_TOO_LONG"},
                {"", "GARBAGE"}, {"3x", "GARBAGE"}}) {
            byte[] head = encode(JournalEncoding.ASCII, ok);
            byte[] mode = ("E" + gfid + "\0" + "23\0" + c[0] + "\0" + "0\0" + "0\0" + "00000000-0000-0000-0000-000000000001/f\0")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] tail = encode(JournalEncoding.ASCII, ok);
            byte[] all = concat(head, mode, Arrays.copyOfRange(tail, JournalHeader.current(JournalEncoding.ASCII).length(),
                    tail.length));
            Outcome o = readLenient(all);
            if (c[1] == null) {
                assertThat(o.problems).as(c[0]).isEmpty();
                assertThat(o.records).hasSize(3);
                assertThat(o.records.get(1).mode()).isEqualTo((int) Long.parseLong(c[0]));
            } else {
                assertThat(o.records).as(c[0]).containsExactly(ok, ok);
                assertThat(o.problems).extracting(p -> p.kind().name()).containsExactly(c[1]);
            }
            // Cut anywhere inside the number: a torn tail, and the record before it kept.
            for (int cut = 1; cut <= c[0].length() && c[1] == null; cut++) {
                int numberStart = head.length + 1 + Gfid.TEXT_LENGTH + 1 + "23\0".length();
                Outcome t = readLenient(Arrays.copyOf(all, numberStart + cut));
                assertThat(t.records).containsExactly(ok);
                assertThat(t.problems).extracting(JournalProblem::kind).containsExactly(JournalProblem.Kind.TORN_TAIL);
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** An UNLINK whose captured path is {@code path}. */
    private static JournalRecord unlinkOf(String path) {
        return JournalRecord.builder(RecordType.ENTRY, 5, path.hashCode()).fop(Fop.UNLINK).entry(0, 1, bytes("f"))
                .deletedPath(bytes(path)).build();
    }

    @Test
    void namesThatWouldLeaveTheirDirectoryAreRejectedWithTheirOffset() throws Exception {
        JournalRecord ok = JournalRecord.builder(RecordType.DATA, 7, 7).build();
        List<JournalRecord> bad = List.of(
                create(bytes("a/b")), create(bytes("..")), create(bytes(".")), create(bytes("/")),
                JournalRecord.builder(RecordType.ENTRY, 4, 4).fop(Fop.RENAME).entry(0, 1, bytes("x"))
                        .newEntry(0, 1, bytes("..")).build(),
                JournalRecord.builder(RecordType.ENTRY, 4, 5).fop(Fop.RENAME).entry(0, 1, bytes("x"))
                        .newEntry(0, 1, bytes("up/../../etc")).build(),
                JournalRecord.builder(RecordType.ENTRY, 4, 6).fop(Fop.UNLINK).entry(0, 1, bytes("f"))
                        .deletedPath(bytes("dir/../../etc/passwd")).build(),
                JournalRecord.builder(RecordType.ENTRY, 4, 7).fop(Fop.RMDIR).entry(0, 1, bytes("d"))
                        .deletedPath(bytes("./d")).build(),
                unlinkOf("a/."), unlinkOf("a/.."), unlinkOf("a/./b"), unlinkOf(".."), unlinkOf("x.y/../z"));
        // Dots inside a name are fine: "..." and ".hidden" and "a..b" are ordinary names.
        List<JournalRecord> fine = List.of(create(bytes("...")), create(bytes(".hidden")), create(bytes("a..b")),
                JournalRecord.builder(RecordType.ENTRY, 4, 8).fop(Fop.UNLINK).entry(0, 1, bytes("f"))
                        .deletedPath(bytes("dir/..x/f")).build(),
                unlinkOf("..."), unlinkOf("a/.../b"), unlinkOf(".x/y.."), unlinkOf("a./.b"), unlinkOf("f.txt"));
        List<JournalRecord> all = new ArrayList<>();
        List<JournalRecord> expected = new ArrayList<>();
        for (JournalRecord r : bad) {
            all.add(ok);
            all.add(r);
            expected.add(ok);
        }
        all.addAll(fine);
        expected.addAll(fine);
        for (JournalEncoding enc : JournalEncoding.values()) {
            byte[] bytes = encode(enc, all.toArray(new JournalRecord[0]));
            Outcome o = readLenient(bytes);
            assertThat(o.records).containsExactlyElementsOf(expected);
            assertThat(o.problems).hasSize(bad.size()).allSatisfy(p -> {
                assertThat(p.kind()).isEqualTo(JournalProblem.Kind.BAD_NAME);
                assertThat(p.file()).isEqualTo("corrupt");
            });
            // Each problem names the offset where its record starts.
            for (int i = 0; i < bad.size(); i++) {
                int before = encode(enc, all.subList(0, 2 * i + 1).toArray(new JournalRecord[0])).length;
                assertThat(o.problems.get(i).offset()).isEqualTo(before);
            }
        }
    }

    private static JournalRecord create(byte[] name) {
        return JournalRecord.builder(RecordType.ENTRY, 4, name.length).fop(Fop.CREATE).modeOwner(0100644, 0, 0)
                .entry(0, 1, name).build();
    }

    @Test
    void hostileNamesAreKeptAsRawBytes() throws Exception {
        List<byte[]> names = List.of(bytes("new\nline"), bytes("pct%41 sp"), bytes("comma,name"), bytes("tab\there"),
                bytes("back\\slash"), bytes("quote\"'"), bytes("-leading"), new byte[] {'n', (byte) 0xff, (byte) 0xfe, 'x'},
                bytes("ü-utf8-名前"));
        List<JournalRecord> records = new ArrayList<>();
        for (byte[] n : names) {
            records.add(JournalRecord.builder(RecordType.ENTRY, 3, records.size()).fop(Fop.CREATE)
                    .modeOwner(0100644, 1000, 1000).entry(0, 1, n).build());
            records.add(JournalRecord.builder(RecordType.ENTRY, 3, records.size()).fop(Fop.RMDIR)
                    .entry(0, 1, n).deletedPath(n).build());
        }
        for (JournalEncoding enc : JournalEncoding.values()) {
            Outcome o = readLenient(encode(enc, records.toArray(new JournalRecord[0])));
            assertThat(o.problems).isEmpty();
            assertThat(o.records).containsExactlyElementsOf(records);
        }
        // Processed form: only space, newline and '%' are escaped.
        assertThat(new String(ProcessedForm.render(records.get(0)), StandardCharsets.UTF_8)).endsWith("/new%0Aline");
        assertThat(new String(ProcessedForm.render(records.get(2)), StandardCharsets.UTF_8)).endsWith("/pct%2541%20sp");
        assertThat(ProcessedForm.render(records.get(14))).endsWith(new byte[] {'n', (byte) 0xff, (byte) 0xfe, 'x'});
    }

    @Test
    void anEmptyDeletedPathHasItsExtraNul() throws Exception {
        JournalRecord unlink = JournalRecord.builder(RecordType.ENTRY, 5, 5).fop(Fop.UNLINK)
                .entry(0, 1, bytes("f")).deletedPath(new byte[0]).build();
        byte[] b = encode(JournalEncoding.ASCII, unlink, unlink);
        // ... "/f" NUL (empty path) NUL (extra) NUL (terminator)
        int end = 51 + (b.length - 51) / 2 - 4;
        assertThat(Arrays.copyOfRange(b, end, end + 4)).containsExactly('f', 0, 0, 0);
        assertThat(readLenient(b).records).containsExactly(unlink, unlink);
    }

    @Test
    void corruptBinaryJournalsResyncPositionally() throws Exception {
        byte[] bytes = Files.readAllBytes(BINARY);
        List<JournalRecord> original = Fixtures.readStrict(BINARY);
        int k = original.size() / 3;
        bytes[(int) original.get(k).offset()] = 'Q';
        Outcome o = readLenient(bytes);
        assertThat(o.records).containsExactlyElementsOf(without(original, k));
        assertThat(o.problems).extracting(JournalProblem::kind).containsExactly(JournalProblem.Kind.GARBAGE);

        byte[] torn = Arrays.copyOf(Files.readAllBytes(BINARY), (int) original.get(k).offset() + 9);
        Outcome t = readLenient(torn);
        assertThat(t.records).containsExactlyElementsOf(original.subList(0, k));
        assertThat(t.problems).extracting(JournalProblem::kind).containsExactly(JournalProblem.Kind.TORN_TAIL);
    }

    /**
     * Random single-byte corruption (seeded) of ascii and binary journals: the reader never fails, and every
     * original record whose bytes were not touched is still returned at its offset.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ascii", "binary"})
    void randomCorruptionNeverLosesUntouchedRecords(String which) throws Exception {
        Path journal = which.equals("ascii") ? ASCII : BINARY;
        byte[] clean = Files.readAllBytes(journal);
        List<JournalRecord> original = Fixtures.readStrict(journal);
        Random random = new Random(42);
        int problems = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bytes = clean.clone();
            int pos = 51 + random.nextInt(clean.length - 51);
            bytes[pos] = (byte) (bytes[pos] + 1 + random.nextInt(255));
            Outcome o = readLenient(bytes);
            problems += o.problems.size();
            List<Long> offsets = o.records.stream().map(JournalRecord::offset).toList();
            for (JournalRecord r : original) {
                boolean touched = pos >= r.offset() && pos < r.offset() + r.length();
                if (!touched) {
                    assertThat(offsets).as("record at %d after corrupting %d", r.offset(), pos).contains(r.offset());
                    assertThat(o.records.get(offsets.indexOf(r.offset()))).isEqualTo(r);
                }
            }
        }
        assertThat(problems).isPositive();
    }

    @Test
    void seekResumesAtEveryRecordBoundaryAndRejectsOthers() throws Exception {
        byte[] bytes = Files.readAllBytes(ASCII);
        List<JournalRecord> original = Fixtures.readStrict(ASCII);
        for (int k = 0; k < original.size(); k += 7) {
            JournalReader r = JournalReader.of(bytes, bytes.length, "seek", ProblemListener.STRICT);
            r.seek(original.get(k).offset());
            assertThat(r.next()).isEqualTo(original.get(k));
        }
        JournalReader end = JournalReader.of(bytes, bytes.length, "seek", ProblemListener.STRICT);
        end.seek(bytes.length);
        assertThat(end.next()).isNull();
        JournalReader r = JournalReader.of(bytes, bytes.length, "seek", ProblemListener.STRICT);
        assertThatThrownBy(() -> r.seek(original.get(3).offset() + 5)).hasMessageContaining("not a record boundary");
        assertThatThrownBy(() -> r.seek(10)).hasMessageContaining("not a record boundary");
    }

    @Test
    void aJournalListedInHtimeButMissingIsAReportedGap(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path brick = tmp.resolve("b1");
        Fixtures.copyBrick("single-tiny", "b1", brick);
        List<Path> journals = Fixtures.journals("single-tiny", "b1");
        Path purged = Fixtures.copiedJournal("single-tiny", "b1", brick, 2);
        Files.delete(purged);

        List<JournalProblem> problems = new ArrayList<>();
        List<JournalRef> refs = BrickChangelog.of(brick).rollovers(problems::add);

        assertThat(refs).filteredOn(r -> r.kind() == JournalRef.Kind.MISSING).singleElement()
                .satisfies(r -> assertThat(r.file()).isEqualTo(purged));
        assertThat(refs).filteredOn(r -> r.kind() == JournalRef.Kind.JOURNAL).hasSize(journals.size() - 1);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(JournalProblem.Kind.MISSING_JOURNAL);
            assertThat(p.file()).isEqualTo(purged.toString());
            assertThat(p.detail()).contains("HTIME.1795500255");
        });
    }

    @Test
    void aTornHtimeEntryIsLeftForLaterAndBadEntriesAreReported(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path brick = tmp.resolve("b1");
        Fixtures.copyBrick("single-tiny", "b1", brick);
        BrickChangelog changelog = BrickChangelog.of(brick);
        Path htime = changelog.htimeFiles().get(0);
        int before = changelog.rollovers(ProblemListener.STRICT).size();
        byte[] partial = "/srv/gl/tiny1/b1/.glusterfs/changelogs/2026/11/24/changelog.17955".getBytes(StandardCharsets.US_ASCII);
        Files.write(htime, partial, java.nio.file.StandardOpenOption.APPEND);
        assertThat(changelog.rollovers(ProblemListener.STRICT)).hasSize(before);

        Files.write(htime, bytes("99999\0/not/a/journal\0"), java.nio.file.StandardOpenOption.APPEND);
        List<JournalProblem> problems = new ArrayList<>();
        assertThat(changelog.rollovers(problems::add)).hasSize(before + 1);
        assertThat(problems).extracting(JournalProblem::kind).containsExactly(JournalProblem.Kind.BAD_HTIME);
    }

    static byte[] encode(JournalEncoding enc, JournalRecord... records) {
        JournalEncoder e = new JournalEncoder(JournalHeader.current(enc));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.writeHeader(out);
        for (JournalRecord r : records) {
            e.write(r, out);
        }
        return out.toByteArray();
    }

    static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
