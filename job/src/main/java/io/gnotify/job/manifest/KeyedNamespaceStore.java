package io.gnotify.job.manifest;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The namespace in Flink keyed state (RocksDB in production), for a keyed operator that can switch its
 * current key: each inode under its gfid, and each directory's entries (name to gfid) under the
 * directory's gfid. Only the inodes and directories a window touches are read, so the namespace can be
 * far larger than the heap.
 */
public final class KeyedNamespaceStore implements NamespaceStore {
    private final Consumer<GfidKey> setCurrentKey;
    private final ValueState<byte[]> inodes;
    private final MapState<String, byte[]> entries;

    /** {@code setCurrentKey}: the owning operator's key switch (keys are gfids). */
    public KeyedNamespaceStore(RuntimeContext context, Consumer<GfidKey> setCurrentKey) {
        this.setCurrentKey = setCurrentKey;
        this.inodes = context.getState(new ValueStateDescriptor<>("inode", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        this.entries = context.getMapState(new MapStateDescriptor<>("entries", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public Inode inode(GfidKey gfid) {
        at(gfid);
        try {
            byte[] b = inodes.value();
            return b == null ? null : InodeCodec.decode(b);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read inode " + gfid, e);
        }
    }

    @Override
    public void put(GfidKey gfid, Inode inode) {
        at(gfid);
        try {
            if (Inode.linkedOrNull(inode) == null) {
                inodes.clear();
            } else {
                inodes.update(InodeCodec.encode(inode));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write inode " + gfid, e);
        }
    }

    @Override
    public GfidKey entry(Link link) {
        at(link.parent());
        try {
            byte[] g = entries.get(key(link));
            return g == null ? null : InodeCodec.decodeGfid(g);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read entry " + link, e);
        }
    }

    @Override
    public void entry(Link link, GfidKey gfid) {
        at(link.parent());
        try {
            if (gfid == null) {
                entries.remove(key(link));
            } else {
                entries.put(key(link), InodeCodec.encode(gfid));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write entry " + link, e);
        }
    }

    private void at(GfidKey g) {
        setCurrentKey.accept(g);
    }

    /** Names are raw bytes; ISO-8859-1 maps each byte to one char, so the map key is exact. */
    private static String key(Link link) {
        return new String(link.name(), StandardCharsets.ISO_8859_1);
    }
}
