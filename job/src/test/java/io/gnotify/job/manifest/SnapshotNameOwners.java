package io.gnotify.job.manifest;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.Gfid;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fixture's stand-in for the live volume: who holds a name is read from the mount snapshot taken at the
 * end of the phase the journal second belongs to ({@code truth/namespace-after-<phase>.tsv.gz}).
 */
final class SnapshotNameOwners implements NameOwners {
    private static final long serialVersionUID = 1L;

    private final String fixture;
    private transient TreeMap<Long, String> phaseByStart;
    private transient Map<String, Map<String, String>> snapshots;

    SnapshotNameOwners(String fixture) {
        this.fixture = fixture;
    }

    @Override
    public synchronized GfidKey ownerOf(byte[] path, long journalSecond) {
        try {
            if (phaseByStart == null) {
                phaseByStart = new TreeMap<>();
                NamespaceReplayFixtureTest.phaseStarts(fixture).forEach((phase, start) -> phaseByStart.put(start, phase));
                snapshots = new HashMap<>();
            }
            var phase = phaseByStart.floorEntry(journalSecond);
            if (phase == null) {
                return null;
            }
            Map<String, String> names = snapshots.get(phase.getValue());
            if (names == null) {
                names = NamespaceSnapshot.read(Fixtures.fixture(fixture).resolve("truth/namespace-after-" + phase.getValue() + ".tsv.gz"));
                snapshots.put(phase.getValue(), names);
            }
            String holder = names.get(new String(path, StandardCharsets.UTF_8));
            if (holder == null) {
                return null;
            }
            long[] g = Gfid.parse(holder.substring(2));
            return new GfidKey(g[0], g[1]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
