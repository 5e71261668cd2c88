package io.gnotify.connectors.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.connectors.source.BrickRecord;
import io.gnotify.connectors.source.BrickRecordSerializer;
import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.source.enumerator.BrickEnumeratorState;
import io.gnotify.connectors.source.enumerator.BrickEnumeratorStateSerializer;
import io.gnotify.connectors.volume.Brick;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Versioned split and enumerator-state serializers, and the record serializer, round-trip exactly. */
class SerializersTest {
    static final Brick BRICK = new Brick(3, 1, "node-ü", "/bricks/b4", true);

    @Test
    void splitsRoundTripWithAndWithoutCursor() throws Exception {
        for (BrickSplit s : List.of(
                new BrickSplit(BRICK, "/mnt/b4", StartPosition.after(1795500000L), false, null),
                new BrickSplit(BRICK, "/mnt/b4", StartPosition.latest(), true,
                        new BrickCursor(1795500255L, 41, 9731, 1795500300L, 1795500255L, 97)),
                new BrickSplit(BRICK, "/mnt/b4", StartPosition.earliest(), false,
                        new BrickCursor(1L, 0, 0, BrickCursor.NO_ROLLOVER, 1L, BrickCursor.UNBOUNDED)))) {
            byte[] b = BrickSplitSerializer.INSTANCE.serialize(s);
            assertThat(BrickSplitSerializer.INSTANCE.deserialize(BrickSplitSerializer.INSTANCE.getVersion(), b)).isEqualTo(s);
        }
        assertThatThrownBy(() -> BrickSplitSerializer.INSTANCE.deserialize(99, new byte[0]))
                .hasMessageContaining("unknown BrickSplit serialization version 99");
    }

    @Test
    void enumeratorStateRoundTrips() throws Exception {
        BrickEnumeratorStateSerializer ser = new BrickEnumeratorStateSerializer();
        BrickEnumeratorState state = new BrickEnumeratorState(List.of(
                new BrickSplit(BRICK, "/x", StartPosition.earliest(), false, null)), true);
        assertThat(ser.deserialize(ser.getVersion(), ser.serialize(state))).isEqualTo(state);
        assertThatThrownBy(() -> ser.deserialize(7, new byte[0])).hasMessageContaining("version 7");
    }

    @Test
    void recordsOfEveryFixtureRoundTripThroughTheFlinkSerializer() throws Exception {
        for (Path j : Fixtures.journals("single-tiny", "b1")) {
            for (JournalRecord r : Fixtures.readStrict(j)) {
                roundTrip(new BrickRecord(2, 1, 1795500272L, r.offset(), r));
            }
        }
        byte[] hostile = {'a', '\n', (byte) 0xff, '%', ',', '\t'};
        roundTrip(new BrickRecord(0, 0, 1, 2, JournalRecord.builder(RecordType.ENTRY, -1, 1).fop(Fop.RENAME)
                .entry(5, 6, hostile).newEntry(-7, 8, new byte[255]).build()));
        roundTrip(new BrickRecord(0, 0, 1, 2, JournalRecord.builder(RecordType.ENTRY, 1, 1).fop(Fop.UNLINK)
                .entry(5, 6, hostile).deletedPath(new byte[0]).build()));
        roundTrip(new BrickRecord(0, 0, 1, 2, JournalRecord.builder(RecordType.ENTRY, 1, 1).fop(Fop.MKNOD)
                .modeOwner(0020600, -2, 65534).entry(5, 6, hostile).build()));
        for (io.gnotify.connectors.source.RolloverKind k : io.gnotify.connectors.source.RolloverKind.values()) {
            roundTrip(BrickRecord.rollover(3, 1, 1795500272L, k));
        }
    }

    @Test
    void volumeEventsAndMarkersRoundTrip() throws Exception {
        JournalRecord r = Fixtures.readStrict(Fixtures.journals("single-tiny", "b1").get(0)).get(0);
        var events = new java.util.ArrayList<io.gnotify.connectors.event.VolumeEvent>();
        events.add(new io.gnotify.connectors.event.VolumeEvent(7, 1795500272L, 2, r.offset(), new int[] {2, 3}, r));
        for (io.gnotify.connectors.source.RolloverKind k : io.gnotify.connectors.source.RolloverKind.values()) {
            events.add(io.gnotify.connectors.event.VolumeEvent.rollover(1795500272L, 3, k));
        }
        for (var e : events) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            io.gnotify.connectors.event.VolumeEventSerializer.INSTANCE.serialize(e, out);
            assertThat(io.gnotify.connectors.event.VolumeEventSerializer.INSTANCE.deserialize(
                    new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(e);
        }
    }

    private static void roundTrip(BrickRecord r) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        BrickRecordSerializer.INSTANCE.serialize(r, out);
        BrickRecord back = BrickRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(r);
    }
}
