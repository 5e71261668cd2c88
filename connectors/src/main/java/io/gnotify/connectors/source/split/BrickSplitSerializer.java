package io.gnotify.connectors.source.split;

import io.gnotify.connectors.serialization.VersionedSerializer;
import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.volume.Brick;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Versioned serializer of {@link BrickSplit}s for checkpoints; fails loudly on an unknown version. */
public final class BrickSplitSerializer extends VersionedSerializer<BrickSplit> {
    public static final BrickSplitSerializer INSTANCE = new BrickSplitSerializer();

    private BrickSplitSerializer() {
        super("BrickSplit", 1);
    }

    @Override
    protected void write(BrickSplit split, DataOutputStream out) throws IOException {
        Brick b = split.brick();
        out.writeInt(b.index());
        out.writeInt(b.subvolume());
        out.writeUTF(b.host());
        out.writeUTF(b.path());
        out.writeBoolean(b.arbiter());
        out.writeUTF(split.localPath());
        out.writeByte(split.start().kind().ordinal());
        out.writeLong(split.start().epochSecond());
        out.writeBoolean(split.bounded());
        BrickCursor c = split.cursor();
        out.writeBoolean(c != null);
        if (c != null) {
            out.writeLong(c.htime());
            out.writeInt(c.entry());
            out.writeLong(c.offset());
            out.writeLong(c.lastRollover());
            out.writeLong(c.endHtime());
            out.writeInt(c.endEntry());
        }
    }

    @Override
    protected BrickSplit read(DataInputStream in) throws IOException {
        Brick brick = new Brick(in.readInt(), in.readInt(), in.readUTF(), in.readUTF(), in.readBoolean());
        String local = in.readUTF();
        StartPosition.Kind kind = StartPosition.Kind.values()[in.readByte()];
        long epoch = in.readLong();
        StartPosition start = switch (kind) {
            case EARLIEST -> StartPosition.earliest();
            case LATEST -> StartPosition.latest();
            case CRAWL -> StartPosition.crawlAt(epoch);
            default -> StartPosition.after(epoch);
        };
        boolean bounded = in.readBoolean();
        BrickCursor cursor = in.readBoolean()
                ? new BrickCursor(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readInt())
                : null;
        return new BrickSplit(brick, local, start, bounded, cursor);
    }
}
