package io.gnotify.job.analytics;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.job.manifest.FileType;
import io.gnotify.job.manifest.AnonymousInodeDir;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts one window's operations as they arrive, for its analytics file: by fop, created inodes by type,
 * uid and gid, operations each brick logged, and the copies merged into them. Self-heal's traffic through
 * AFR's hidden directory is left out, as in the manifests.
 */
public final class WindowStatsCollector {
    final Map<String, Long> byOp = new TreeMap<>();
    final Map<String, Long> byType = new TreeMap<>();
    final Map<Long, Long> byUid = new TreeMap<>();
    final Map<Long, Long> byGid = new TreeMap<>();
    final long[] logged;
    long merged;
    long operations;
    private final AnonymousInodeDir hidden;

    public WindowStatsCollector(int bricks, AnonymousInodeDir hidden) {
        this.logged = new long[bricks];
        this.hidden = hidden;
    }

    public void add(VolumeEvent e) {
        JournalRecord r = e.record();
        if (hidden.selfHeal(r)) {
            return;
        }
        operations++;
        byOp.merge(opName(r), 1L, Long::sum);
        for (int b : e.bricks()) {
            if (b >= 0 && b < logged.length) {
                logged[b]++;
            }
        }
        merged += e.bricks().length - 1;
        if (r.type() == RecordType.ENTRY && createsInode(r.fop())) {
            byType.merge((r.fop() == Fop.SYMLINK ? FileType.SYMLINK : FileType.ofMode(r.mode())).label(), 1L, Long::sum);
            if (r.fop() != Fop.SYMLINK) {
                byUid.merge(Integer.toUnsignedLong(r.uid()), 1L, Long::sum);
                byGid.merge(Integer.toUnsignedLong(r.gid()), 1L, Long::sum);
            }
        }
    }

    /** Entry records by fop name; data records as DATA, metadata records by their fop. */
    private static String opName(JournalRecord r) {
        if (r.type() == RecordType.DATA) {
            return "DATA";
        }
        if (r.fop() != null) {
            return r.fop().name();
        }
        return r.type() == RecordType.METADATA ? "METADATA" : "FOP_" + r.fopNumber();
    }

    private static boolean createsInode(Fop fop) {
        return fop == Fop.CREATE || fop == Fop.MKDIR || fop == Fop.MKNOD || fop == Fop.SYMLINK;
    }
}
