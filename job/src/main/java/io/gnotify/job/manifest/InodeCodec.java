package io.gnotify.job.manifest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Packs an {@link Inode} into bytes for keyed state (a built-in Flink type, no Kryo): type, then each link. */
final class InodeCodec {
    private InodeCodec() {}

    static byte[] encode(Inode inode) {
        int size = 1 + 4;
        for (Link l : inode.links()) {
            size += 16 + 2 + l.name().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) inode.type().ordinal()).putInt(inode.links().size());
        for (Link l : inode.links()) {
            b.putLong(l.parent().msb()).putLong(l.parent().lsb()).putShort((short) l.name().length).put(l.name());
        }
        return b.array();
    }

    static Inode decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        FileType type = FileType.values()[b.get()];
        int n = b.getInt();
        List<Link> links = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            GfidKey parent = new GfidKey(b.getLong(), b.getLong());
            byte[] name = new byte[b.getShort() & 0xffff];
            b.get(name);
            links.add(new Link(parent, name));
        }
        return new Inode(type, links);
    }

    static byte[] encode(GfidKey g) {
        return ByteBuffer.allocate(16).putLong(g.msb()).putLong(g.lsb()).array();
    }

    static GfidKey decodeGfid(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new GfidKey(b.getLong(), b.getLong());
    }
}
