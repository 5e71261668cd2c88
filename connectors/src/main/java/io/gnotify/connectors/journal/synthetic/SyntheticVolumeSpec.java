package io.gnotify.connectors.journal.synthetic;

import io.gnotify.connectors.journal.JournalEncoding;

/** What a synthetic volume looks like: layout, encoding, clock, size and randomness. Immutable. */
public final class SyntheticVolumeSpec {
    final String volumeName;
    final int distributeCount;
    final int replicaCount;
    final JournalEncoding encoding;
    final long seed;
    final long targetRecords;
    final long startEpoch;
    final int rolloverSeconds;
    final int opsPerSecond;
    final double lateReplicaProbability;
    final int maxLiveFiles;
    final int idleRolloversAtEnd;

    private SyntheticVolumeSpec(Builder b) {
        this.volumeName = b.volumeName;
        this.distributeCount = b.distributeCount;
        this.replicaCount = b.replicaCount;
        this.encoding = b.encoding;
        this.seed = b.seed;
        this.targetRecords = b.targetRecords;
        this.startEpoch = b.startEpoch;
        this.rolloverSeconds = b.rolloverSeconds;
        this.opsPerSecond = b.opsPerSecond;
        this.lateReplicaProbability = b.lateReplicaProbability;
        this.maxLiveFiles = b.maxLiveFiles;
        this.idleRolloversAtEnd = b.idleRolloversAtEnd;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of bricks: distribute count times replica count. */
    public int brickCount() {
        return distributeCount * replicaCount;
    }

    public String volumeName() {
        return volumeName;
    }

    public int distributeCount() {
        return distributeCount;
    }

    public int replicaCount() {
        return replicaCount;
    }

    /** The brick path GlusterFS would have recorded, e.g. {@code /srv/gl/syn/b3} (1-based). */
    public String originalBrickPath(int brickIndex) {
        return "/srv/gl/" + volumeName + "/b" + (brickIndex + 1);
    }

    /** Sets the spec's fields; defaults give a small 2x2 ascii volume. */
    public static final class Builder {
        private String volumeName = "syn";
        private int distributeCount = 2;
        private int replicaCount = 2;
        private JournalEncoding encoding = JournalEncoding.ASCII;
        private long seed = 42;
        private long targetRecords = 10_000;
        private long startEpoch = 1_795_600_000L;
        private int rolloverSeconds = 15;
        private int opsPerSecond = 500;
        private double lateReplicaProbability = 0.2;
        private int maxLiveFiles = 100_000;
        private int idleRolloversAtEnd = 2;

        public Builder volumeName(String v) {
            this.volumeName = v;
            return this;
        }

        /** DHT subvolumes and bricks per replica set. */
        public Builder layout(int distribute, int replica) {
            if (distribute < 1 || replica < 1) {
                throw new IllegalArgumentException("layout needs at least one subvolume and one replica");
            }
            this.distributeCount = distribute;
            this.replicaCount = replica;
            return this;
        }

        public Builder encoding(JournalEncoding v) {
            this.encoding = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** Stop once this many records were written over all bricks (replica copies included). */
        public Builder targetRecords(long v) {
            this.targetRecords = v;
            return this;
        }

        public Builder startEpoch(long v) {
            this.startEpoch = v;
            return this;
        }

        /** changelog.rollover-time. */
        public Builder rolloverSeconds(int v) {
            this.rolloverSeconds = v;
            return this;
        }

        /** Workload rate; with the rollover period it sets how many records a journal holds. */
        public Builder opsPerSecond(int v) {
            this.opsPerSecond = v;
            return this;
        }

        /**
         * Chance that a record logged in the last tenth of a window lands in the next journal on a second
         * replica, as AFR bricks do around rollovers.
         */
        public Builder lateReplicaProbability(double v) {
            this.lateReplicaProbability = v;
            return this;
        }

        /** Bound on the live namespace: deletes win over creates above it, so memory stays flat. */
        public Builder maxLiveFiles(int v) {
            this.maxLiveFiles = v;
            return this;
        }

        /** Empty rollovers written after the workload, so watermarks can pass the last journal. */
        public Builder idleRolloversAtEnd(int v) {
            this.idleRolloversAtEnd = v;
            return this;
        }

        public SyntheticVolumeSpec build() {
            return new SyntheticVolumeSpec(this);
        }
    }
}
