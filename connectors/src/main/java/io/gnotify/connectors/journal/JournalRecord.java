package io.gnotify.connectors.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One changelog record, decoded. Gfids are two longs; names and paths are raw bytes (never assumed to be
 * UTF-8). Equality is by content; the record's place in its journal ({@link #offset()}, {@link #length()})
 * is carried along but not compared.
 */
public final class JournalRecord {
    private static final byte[] NO_BYTES = new byte[0];

    private final RecordType type;
    private final long gfidMsb;
    private final long gfidLsb;
    private final int fop;
    private final int mode;
    private final int uid;
    private final int gid;
    private final long pgfidMsb;
    private final long pgfidLsb;
    private final byte[] name;
    private final long newPgfidMsb;
    private final long newPgfidLsb;
    private final byte[] newName;
    private final byte[] deletedPath;
    private final long offset;
    private final int length;

    private JournalRecord(Builder b) {
        this(b.type, b.gfidMsb, b.gfidLsb, b.fop, b.mode, b.uid, b.gid, b.pgfidMsb, b.pgfidLsb, b.name, b.newPgfidMsb,
                b.newPgfidLsb, b.newName, b.deletedPath, b.offset, b.length);
    }

    /** A record without an entry (D, M): the decoders' short path, which needs no builder. */
    JournalRecord(RecordType type, long gfidMsb, long gfidLsb, int fop, long offset, int length) {
        this(type, gfidMsb, gfidLsb, fop, 0, 0, 0, 0, 0, null, 0, 0, null, null, offset, length);
    }

    /** The one place every field is set. */
    private JournalRecord(RecordType type, long gfidMsb, long gfidLsb, int fop, int mode, int uid, int gid,
            long pgfidMsb, long pgfidLsb, byte[] name, long newPgfidMsb, long newPgfidLsb, byte[] newName,
            byte[] deletedPath, long offset, int length) {
        this.type = Objects.requireNonNull(type, "type");
        this.gfidMsb = gfidMsb;
        this.gfidLsb = gfidLsb;
        this.fop = fop;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.pgfidMsb = pgfidMsb;
        this.pgfidLsb = pgfidLsb;
        this.name = name;
        this.newPgfidMsb = newPgfidMsb;
        this.newPgfidLsb = newPgfidLsb;
        this.newName = newName;
        this.deletedPath = deletedPath;
        this.offset = offset;
        this.length = length;
    }

    /** A fresh builder for a record of {@code type} on inode {@code (msb, lsb)}. */
    public static Builder builder(RecordType type, long gfidMsb, long gfidLsb) {
        return new Builder(type, gfidMsb, gfidLsb);
    }

    public RecordType type() {
        return type;
    }

    public long gfidMsb() {
        return gfidMsb;
    }

    public long gfidLsb() {
        return gfidLsb;
    }

    /** The fop number, or -1 for {@code D} records (which carry none). */
    public int fopNumber() {
        return fop;
    }

    /** The fop, or {@code null} for {@code D} records. */
    public Fop fop() {
        return fop < 0 ? null : Fop.ofNumber(fop);
    }

    /** Requested mode with type bits (CREATE, MKNOD, MKDIR only; 0 otherwise). */
    public int mode() {
        return mode;
    }

    /** Caller uid as an unsigned 32-bit value (CREATE, MKNOD, MKDIR only). */
    public int uid() {
        return uid;
    }

    /** Caller gid as an unsigned 32-bit value (CREATE, MKNOD, MKDIR only). */
    public int gid() {
        return gid;
    }

    /** True for E records, which name a parent and a basename. */
    public boolean hasEntry() {
        return name != null;
    }

    /** Parent gfid of the entry (for RENAME: the old parent). */
    public long pgfidMsb() {
        return pgfidMsb;
    }

    public long pgfidLsb() {
        return pgfidLsb;
    }

    /** Basename of the entry (for RENAME: the old name); {@code null} unless {@link #hasEntry()}. */
    public byte[] name() {
        return name;
    }

    /** RENAME only: the new parent gfid. */
    public long newPgfidMsb() {
        return newPgfidMsb;
    }

    public long newPgfidLsb() {
        return newPgfidLsb;
    }

    /** RENAME only: the new basename; {@code null} otherwise. */
    public byte[] newName() {
        return newName;
    }

    /**
     * UNLINK/RMDIR only: the volume-relative path captured at delete time. Empty when GlusterFS could not
     * resolve it; {@code null} for format v1.1 (which does not record it) and for every other fop.
     */
    public byte[] deletedPath() {
        return deletedPath;
    }

    /** Byte offset of the record's first byte in its journal file. */
    public long offset() {
        return offset;
    }

    /** Encoded length in bytes. */
    public int length() {
        return length;
    }

    /** A builder holding this record's content. */
    public Builder toBuilder() {
        Builder b = new Builder(type, gfidMsb, gfidLsb);
        b.fop = fop;
        b.mode = mode;
        b.uid = uid;
        b.gid = gid;
        b.pgfidMsb = pgfidMsb;
        b.pgfidLsb = pgfidLsb;
        b.name = name;
        b.newPgfidMsb = newPgfidMsb;
        b.newPgfidLsb = newPgfidLsb;
        b.newName = newName;
        b.deletedPath = deletedPath;
        b.offset = offset;
        b.length = length;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JournalRecord)) {
            return false;
        }
        JournalRecord r = (JournalRecord) o;
        return type == r.type && gfidMsb == r.gfidMsb && gfidLsb == r.gfidLsb && fop == r.fop
                && mode == r.mode && uid == r.uid && gid == r.gid
                && pgfidMsb == r.pgfidMsb && pgfidLsb == r.pgfidLsb && Arrays.equals(name, r.name)
                && newPgfidMsb == r.newPgfidMsb && newPgfidLsb == r.newPgfidLsb
                && Arrays.equals(newName, r.newName) && Arrays.equals(deletedPath, r.deletedPath);
    }

    @Override
    public int hashCode() {
        int h = type.hashCode();
        h = 31 * h + Long.hashCode(gfidMsb);
        h = 31 * h + Long.hashCode(gfidLsb);
        h = 31 * h + fop;
        h = 31 * h + mode;
        h = 31 * h + Long.hashCode(pgfidLsb);
        h = 31 * h + Arrays.hashCode(name);
        h = 31 * h + Long.hashCode(newPgfidLsb);
        h = 31 * h + Arrays.hashCode(newName);
        return 31 * h + Arrays.hashCode(deletedPath);
    }

    /** The libgfchangelog processed form, for humans (see {@link ProcessedForm} for the exact bytes). */
    @Override
    public String toString() {
        return new String(ProcessedForm.render(this), StandardCharsets.UTF_8) + " @" + offset;
    }

    /** Assembles records; used by the decoders (one reused builder each), the journal writer and tests. */
    public static final class Builder {
        private RecordType type;
        private long gfidMsb;
        private long gfidLsb;
        private int fop = -1;
        private int mode;
        private int uid;
        private int gid;
        private long pgfidMsb;
        private long pgfidLsb;
        private byte[] name;
        private long newPgfidMsb;
        private long newPgfidLsb;
        private byte[] newName;
        private byte[] deletedPath;
        private long offset;
        private int length;

        private Builder(RecordType type, long gfidMsb, long gfidLsb) {
            restart(type, gfidMsb, gfidLsb);
        }

        /** Forgets everything set so far and starts a record of {@code type} on inode {@code (msb, lsb)}. */
        Builder restart(RecordType newType, long msb, long lsb) {
            this.type = newType;
            this.gfidMsb = msb;
            this.gfidLsb = lsb;
            fop = -1;
            mode = 0;
            uid = 0;
            gid = 0;
            pgfidMsb = 0;
            pgfidLsb = 0;
            name = null;
            newPgfidMsb = 0;
            newPgfidLsb = 0;
            newName = null;
            deletedPath = null;
            offset = 0;
            length = 0;
            return this;
        }

        public Builder fop(int number) {
            this.fop = number;
            return this;
        }

        public Builder fop(Fop f) {
            return fop(f.number());
        }

        public Builder modeOwner(int newMode, int newUid, int newGid) {
            this.mode = newMode;
            this.uid = newUid;
            this.gid = newGid;
            return this;
        }

        public Builder entry(long parentMsb, long parentLsb, byte[] basename) {
            this.pgfidMsb = parentMsb;
            this.pgfidLsb = parentLsb;
            this.name = basename;
            return this;
        }

        public Builder newEntry(long parentMsb, long parentLsb, byte[] basename) {
            this.newPgfidMsb = parentMsb;
            this.newPgfidLsb = parentLsb;
            this.newName = basename;
            return this;
        }

        /** The captured deleted path; {@code null} means "not recorded" (v1.1). */
        public Builder deletedPath(byte[] path) {
            this.deletedPath = path == null ? null : path.length == 0 ? NO_BYTES : path;
            return this;
        }

        public Builder position(long recordOffset, int recordLength) {
            this.offset = recordOffset;
            this.length = recordLength;
            return this;
        }

        public JournalRecord build() {
            return new JournalRecord(this);
        }
    }
}
