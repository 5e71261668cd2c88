package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.sink.FileChunks;
import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.connectors.volume.VolumeInfo;
import io.gnotify.job.WindowGrid;
import io.gnotify.job.analytics.AnalyticsSettings;
import io.gnotify.job.analytics.WindowAnalyticsTap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the ordered event stream into one backup manifest per window (a single keyed subtask, see
 * {@link NamespaceKey}). The open window's operations are applied to the namespace as they arrive
 * ({@link OpenWindow}: through a write-back cache over keyed state, logged compactly in operator state for
 * checkpoints); when the watermark passes the window's end the window is flushed, diffed, and the manifest with its
 * glusterfind and paths0 side files goes out as window-file lines. Windows are contiguous from the first
 * operation or rollover on, so an empty window gets its manifest too, and each header chains to the previous
 * trailer's hash. A bootstrapping job (a crawl before the journals) first publishes a full manifest: every
 * crawled name as NEW, {@code "full": true}, covering {@code [0, start of the crawl's window)}. Each close
 * also hands the window's statistics and directory counts to the analytics.
 */
public final class ManifestWindowOperator extends AbstractStreamOperator<WindowFileLine>
        implements OneInputStreamOperator<VolumeEvent, WindowFileLine> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ManifestWindowOperator.class);
    private static final long NONE = Long.MIN_VALUE;

    private final VolumeInfo volume;
    private final WindowGrid grid;
    private final boolean bootstrap;
    private final NameOwners nameOwners;
    private final AnalyticsSettings analytics;
    private final int namespaceCacheEntries;
    private final int unplacedNamesCapacity;
    private transient NamespaceStore namespace;
    /** What the open window reads through: the closing window's changes (while it closes) over {@link #namespace}. */
    private transient ClosingOverlay openOverlay;
    /** A window whose close was pending at the checkpoint restored: its operations and its header. */
    private transient List<byte[]> restoredClosingLog;
    private transient List<byte[]> restoredClosingHeader;
    private transient ListState<byte[]> closingLogState;
    private transient ListState<byte[]> closingHeaderState;
    /** The open window is the bootstrap's full manifest; it holds the crawl second's operations. */
    /** Volatile: the catch-up run reads it (gauge {@code fullManifestPending}) from the metric reporter's thread. */
    private transient volatile boolean fullOpen;
    /** Volatile for the same gauge. */
    private transient volatile long crawlSecond;
    private transient OpenWindow open;
    private transient List<byte[]> restoredLog;
    /** Open-window operations from a checkpoint of an earlier version, which kept them as objects. */
    private transient List<VolumeEvent> restoredEvents;
    private transient long openStart;
    /** The newest watermark fully handled (every window it closes published), for the catch-up run; NONE before the first. */
    private transient volatile long watermarkDone;
    private transient long nextSeq;
    private transient String prevSha256;
    private transient BrickWindowTracker bricks;
    /** Learnt from the markers, and checkpointed, so a restored job settles conflicts as an uninterrupted one. */
    private transient RolloverSpacing spacing;
    private transient GapRecovery gaps;
    /** Names published without a path, until a window can place them. */
    private transient UnplacedNames unplaced;
    private transient ListState<long[]> unplacedState;
    private transient AnonymousInodeDir hiddenDir;
    /** The window being closed is the last (end of a bounded run). */
    private transient boolean finishing;
    /** Keys the last window cached, to size the next window's cache. */
    private transient int lastCacheSize;
    /** The last closed window's close, still being worked on between operations, and the watermarks behind it. */
    private transient CloseSteps closes;
    private transient ListState<byte[]> openLogState;
    private transient ListState<long[]> positionState;
    private transient ListState<String> chainState;
    private transient ListState<long[]> bricksState;
    private transient ListState<long[]> spacingState;
    /** The recent names the oldest window not yet closed started with, then (during a close) the open window's. */
    private transient ListState<byte[]> recentNamesState;
    /** The names given lately before the newest window: what its name conflicts are checked against. */
    private transient RecentNames carried;
    /** Restored: the recent names the closing window started with, then the open window's. */
    private transient List<RecentNames> restoredRecentNames;
    private transient Counter manifests;
    private transient Counter entriesWritten;
    private transient Counter unresolved;
    private transient Counter conflictsResolved;
    private transient Counter conflictsUnresolved;
    private transient Counter conflictsAcrossWindows;
    private transient Counter reconciliations;
    private transient WindowCloseTimes closeTimes;

    /**
     * {@code bootstrap}: the source crawls the bricks first, so a fresh start opens with a full manifest;
     * {@code nameOwners}: the live lookup for name conflicts, or {@code null}; {@code analytics}: what the
     * per-window statistics (side outputs of {@link WindowAnalyticsTap}) roll up.
     */
    public ManifestWindowOperator(VolumeInfo volume, WindowGrid grid, boolean bootstrap, NameOwners nameOwners,
            AnalyticsSettings analytics) {
        this(volume, grid, bootstrap, nameOwners, analytics, ManifestOptions.NAMESPACE_CACHE_ENTRIES.defaultValue(),
                ManifestOptions.UNPLACED_NAMES.defaultValue());
    }

    /**
     * As above; {@code namespaceCacheEntries}: see {@link ManifestOptions#NAMESPACE_CACHE_ENTRIES};
     * {@code unplacedNames}: see {@link ManifestOptions#UNPLACED_NAMES}.
     */
    public ManifestWindowOperator(VolumeInfo volume, WindowGrid grid, boolean bootstrap, NameOwners nameOwners,
            AnalyticsSettings analytics, int namespaceCacheEntries, int unplacedNames) {
        this.namespaceCacheEntries = namespaceCacheEntries;
        this.unplacedNamesCapacity = unplacedNames;
        this.volume = volume;
        this.grid = grid;
        this.bootstrap = bootstrap;
        this.nameOwners = nameOwners;
        this.analytics = analytics;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        var store = context.getOperatorStateStore();
        openLogState = store.getListState(new ListStateDescriptor<>("open-window-log",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        positionState = store.getListState(new ListStateDescriptor<>("window-position",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        chainState = store.getListState(new ListStateDescriptor<>("prev-sha256", Types.STRING));
        bricksState = store.getListState(new ListStateDescriptor<>("brick-window",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        spacingState = store.getListState(new ListStateDescriptor<>("rollover-spacing",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        restoredLog = new ArrayList<>();
        openLogState.get().forEach(restoredLog::add);
        closingLogState = store.getListState(new ListStateDescriptor<>("closing-window-log",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        closingHeaderState = store.getListState(new ListStateDescriptor<>("closing-window-header",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        restoredClosingLog = new ArrayList<>();
        closingLogState.get().forEach(restoredClosingLog::add);
        restoredClosingHeader = new ArrayList<>();
        closingHeaderState.get().forEach(restoredClosingHeader::add);
        ListState<VolumeEvent> earlier = store.getListState(new ListStateDescriptor<>("open-window-events",
                io.gnotify.connectors.event.VolumeEventSerializer.TYPE));
        restoredEvents = new ArrayList<>();
        earlier.get().forEach(restoredEvents::add);
        earlier.clear();
        openStart = NONE;
        nextSeq = 1;
        fullOpen = false;
        crawlSecond = NONE;
        gaps = new GapRecovery(nameOwners instanceof MountNameOwners m ? m.mount() : null);
        boolean restored = false;
        for (long[] p : positionState.get()) {
            openStart = p[0];
            nextSeq = p[1];
            fullOpen = p[2] == 1;
            crawlSecond = p[3];
            gaps.restore(p.length > 4 ? p[4] : GapRecovery.NONE);
            restored = true;
        }
        if (!restored && bootstrap) {
            openStart = 0;
            fullOpen = true;
        }
        prevSha256 = null;
        for (String sha : chainState.get()) {
            prevSha256 = sha;
        }
        bricks = new BrickWindowTracker(volume.bricks());
        for (long[] b : bricksState.get()) {
            bricks.restore(b);
        }
        spacing = new RolloverSpacing();
        for (long[] sp : spacingState.get()) {
            spacing = RolloverSpacing.restore(sp);
        }
        unplaced = new UnplacedNames(unplacedNamesCapacity);
        unplacedState = store.getListState(new ListStateDescriptor<>("unplaced-names",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        unplacedState.get().forEach(unplaced::restore);
        recentNamesState = store.getListState(new ListStateDescriptor<>("recent-names",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        restoredRecentNames = new ArrayList<>();
        recentNamesState.get().forEach(b -> restoredRecentNames.add(RecentNames.decode(b)));
    }

    @Override
    public void open() throws Exception {
        super.open();
        NamespaceStore store = new KeyedNamespaceStore(getRuntimeContext(), this::setCurrentKey);
        namespace = namespaceCacheEntries > 0 ? new RecentNamespaceCache(store, namespaceCacheEntries) : store;
        hiddenDir = AnonymousInodeDir.ofVolume(volume.id());
        manifests = getMetricGroup().counter("manifestsWritten");
        entriesWritten = getMetricGroup().counter("manifestEntries");
        unresolved = getMetricGroup().counter("unresolvedPaths");
        conflictsResolved = getMetricGroup().counter("conflictsResolved");
        conflictsUnresolved = getMetricGroup().counter("conflictsUnresolved");
        conflictsAcrossWindows = getMetricGroup().counter("conflictsAcrossWindows");
        reconciliations = getMetricGroup().counter("reconciliations");
        closeTimes = new WindowCloseTimes(getMetricGroup());
        closes = new CloseSteps(getProcessingTimeService(), closeTimes, this::publish, this::forward);
        getMetricGroup().gauge("openWindowOperations", () -> open.operations());
        watermarkDone = NONE;
        getMetricGroup().gauge("manifestWatermark", () -> watermarkDone == NONE ? -1L : watermarkDone);
        getMetricGroup().gauge("fullManifestPending", () -> fullManifestPending() ? 1 : 0);
        getMetricGroup().gauge("unplacedNames", () -> unplaced.size());
        getMetricGroup().gauge("unplacedNamesUntracked", () -> unplaced.untracked());
        // A checkpoint older than the recent names has none: conflicts across the next boundary go unchecked once.
        carried = restoredRecentNames.isEmpty() ? RecentNames.NONE : restoredRecentNames.get(0);
        for (byte[] header : restoredClosingHeader) {
            // The close was under way at the checkpoint: the store holds the window's start, so it closes again.
            ClosingWindowCodec.Closing c = ClosingWindowCodec.decode(header);
            OpenWindow closing = new OpenWindow(namespace, nameOwners, spacing, hiddenDir, volume.bricks().size(), 0,
                    carried);
            closing.replay(restoredClosingLog);
            unplaced.onRestoredClose(closing.changes);
            closes.start(new PendingClose(c.window(), c.commitAt(), stem(c.window()), closing));
            carried = restoredRecentNames.size() > 1 ? restoredRecentNames.get(1) : RecentNames.NONE;
        }
        open = newWindow();
        restoredEvents.forEach(open::add);
        open.replay(restoredLog);
        restoredLog = null;
        restoredEvents = null;
        restoredClosingLog = null;
        restoredClosingHeader = null;
        restoredRecentNames = null;
    }

    /**
     * True until the bootstrap's full manifest is published and the watermark that commits it has gone on to the
     * sink. Its window stops being open when its close begins, which runs in steps; a catch-up run that stopped
     * then would take its savepoint before the manifest was out.
     */
    boolean fullManifestPending() {
        long crawl = crawlSecond;
        return fullOpen || (crawl != NONE && watermarkDone < crawl * 1000 + 999);
    }

    /** Where a window's files go, without their suffix. */
    private String stem(ManifestWindow w) {
        return volume.name() + "/" + ManifestFormat.DIRECTORY + "/" + WindowGrid.name(w.windowStart(), w.windowEnd());
    }

    @Override
    public void processElement(StreamRecord<VolumeEvent> element) throws Exception {
        VolumeEvent e = element.getValue();
        if (fullOpen) {
            // The crawl's records and markers all carry the crawl second, and every journal comes after it.
            if (crawlSecond == NONE) {
                crawlSecond = e.journalTs();
            }
            if (e.journalTs() <= crawlSecond) {
                add(e);
                return;
            }
            closeWindow();
        }
        long start = grid.start(e.journalTs());
        if (openStart == NONE) {
            openStart = start;
        }
        if (start < openStart) {
            if (e.isOperation()) {
                // The sequencer never releases behind the watermark; if it ever did, keep the operation.
                LOG.warn("operation {} arrived after its window was published; it goes into the open window", e);
                open.add(e);
            } else {
                bricks.onLateMarker(e);
            }
            return;
        }
        while (openStart < start) {
            closeWindow();
        }
        add(e);
    }

    private void add(VolumeEvent e) {
        if (e.isOperation()) {
            open.add(e);
        } else {
            bricks.onMarker(e);
            if (!e.rollover().isAway()) {
                spacing.rollover(e.brick(), e.journalTs());
            }
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (fullOpen && crawlSecond != NONE && mark.getTimestamp() >= crawlSecond * 1000 + 999) {
            closeWindow();
        }
        if (openStart != NONE && !fullOpen) {
            if (mark.getTimestamp() == Long.MAX_VALUE) {
                // End of a bounded run: publish the last window as far as the journals go, and no more.
                finishing = true;
                closeWindow();
                openStart = NONE;
            } else {
                while (grid.end(openStart) * 1000 - 1 <= mark.getTimestamp()) {
                    closeWindow();
                }
            }
        }
        // The closed window's files go out first; the watermark follows them.
        closes.watermark(mark);
    }

    private void forward(Watermark mark) throws Exception {
        watermarkDone = mark.getTimestamp();
        super.processWatermark(mark);
    }

    /** Emits a completed close's files and analytics (the watermarks held behind them follow). */
    private void publish(PendingClose p) {
        openOverlay.closed();
        List<ManifestEntry> entries = p.entries();
        Consumer<WindowFileLine> files = line -> output.collect(new StreamRecord<>(line));
        FileChunks.lines(p.commitAt, p.stem + ManifestFormat.MANIFEST_SUFFIX, p.manifest().chunks(), files);
        FileChunks.lines(p.commitAt, p.stem + ManifestFormat.GLUSTERFIND_SUFFIX, p.glusterfind(), files);
        FileChunks.lines(p.commitAt, p.stem + ManifestFormat.PATHS0_SUFFIX, p.paths0(), files);
        WindowAnalyticsTap.emit(output, analytics, p.window, p.commitAt, p.stats(), entries);
        manifests.inc();
        entriesWritten.inc(entries.size());
        unresolved.inc(entries.stream().filter(ManifestEntry::unresolved).count());
        unplaced.published(entries, namespace::inode);
        prevSha256 = p.manifest().sha256();
    }

    @Override
    public void finish() throws Exception {
        closes.complete();
        super.finish();
    }

    /**
     * Closes the open window ({@link #publishWindow()}), timed for the {@link WindowCloseTimes} metrics. The window
     * closed before is completed first, so windows publish in order and each header chains to the one before.
     */
    private void closeWindow() throws Exception {
        closes.complete();
        closeTimes.start();
        boolean reconciled = publishWindow();
        closeTimes.stop();
        if (finishing || reconciled) {
            // The last window of a bounded run goes out at once; so does a reconciled one, whose crawl is not in its log.
            closes.complete();
        }
    }

    /**
     * Settles the open window's header (reconciling a hole by a crawl first if one ends here) and opens the next
     * window; the diff, the replay order, the three files, the analytics and the write to the store follow as the
     * pending close ({@link CloseSteps}). Returns whether the window was reconciled.
     */
    private boolean publishWindow() {
        long reconciledFrom = gaps.onClose(grid.name(openStart), openStart, bricks.statuses(), Math.max(1, spacing.span()),
                finishing);
        if (reconciledFrom != GapRecovery.NONE && !reconcile(reconciledFrom)) {
            reconciledFrom = GapRecovery.NONE;
        }
        CachedNamespaceStore cache = open.cache;
        WindowChanges changes = open.changes;
        unplaced.onClose(changes);
        conflictsResolved.inc(changes.conflictsResolved());
        conflictsUnresolved.inc(changes.conflictsUnresolved());
        conflictsAcrossWindows.inc(changes.conflictsAcrossWindows());
        if (changes.conflictsResolved() > 0) {
            LOG.info("window {}: {} name conflicts between subvolumes settled by the live volume ({} of all {} with a "
                    + "name given in the window before)", grid.name(openStart), changes.conflictsResolved(),
                    changes.conflictsAcrossWindows(), changes.conflictsResolved() + changes.conflictsUnresolved());
        }
        if (changes.conflictsUnresolved() > 0) {
            LOG.warn("window {}: {} same-second name conflicts between subvolumes kept in journal order{}",
                    grid.name(openStart), changes.conflictsUnresolved(),
                    nameOwners == null ? " (run with --lookup-mount to settle them)" : " (the volume no longer shows either)");
        }
        lastCacheSize = cache.size();
        // The full manifest ends where the crawl's window starts; its files commit once the crawl is released.
        long end = fullOpen ? grid.start(crawlSecond + 1) : grid.end(openStart);
        long commitAt = fullOpen ? crawlSecond + 1 : end;
        ManifestWindow w = new ManifestWindow(volume.name(), volume.id(), openStart, end, nextSeq, fullOpen, prevSha256,
                bricks.statuses(), reconciledFrom == GapRecovery.NONE ? null : reconciledFrom);
        closes.start(new PendingClose(w, commitAt, stem(w), open));
        // A crawl's names are not operations that race with the journals'.
        carried = fullOpen ? RecentNames.NONE : changes.carry(end);
        fullOpen = false;
        nextSeq++;
        openStart = end;
        open = newWindow();
        bricks.nextWindow();
        return reconciledFrom != GapRecovery.NONE;
    }

    /**
     * Brings the namespace to the volume's content by a crawl of the mount ({@link GapRecovery}); false, with
     * the error logged, if the crawl failed. A failed crawl changes nothing: the window is rebuilt from its own
     * operations (as a restore would), so it keeps its gap marks and none of a half-done reconciliation.
     */
    private boolean reconcile(long from) {
        long t0 = System.nanoTime();
        try {
            // Every inode the namespace holds: the store's (as at the window's start) and those the window created.
            List<GfidKey> known = new ArrayList<>();
            try (java.util.stream.Stream<Object> keys = getKeyedStateBackend().getKeys("inode", VoidNamespace.INSTANCE)) {
                keys.forEach(k -> known.add((GfidKey) k));
            }
            open.cache.changedInodes().stream().filter(g -> namespace.inode(g) == null).sorted().forEach(known::add);
            GapRecovery.Outcome o = gaps.reconcile(open.changes, open.cache, known, from, grid.end(openStart) - 1);
            reconciliations.inc();
            LOG.info("window {}: the journals' hole since {} reconciled by a crawl of the volume in {} ms: {} entries "
                    + "walked, {} created or moved, {} placed under a directory the hole created, {} names removed, {} files "
                    + "changed since", grid.name(openStart), from, (System.nanoTime() - t0) / 1_000_000, o.walked(), o.added(),
                    o.placed(), o.removed(), o.changed());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("window {}: the crawl to reconcile the journals' hole since {} failed; nothing of it is applied "
                    + "and the window keeps its gap marks", grid.name(openStart), from, e);
            open = open.rebuilt(newWindow());
            return false;
        }
    }

    /**
     * A fresh open window, its cache sized like the last window's, reading through the pending close's changes
     * until they are in the store.
     */
    private OpenWindow newWindow() {
        openOverlay = new ClosingOverlay(namespace);
        if (closes.pending() != null) {
            openOverlay.closing(closes.pending().cache());
        }
        return new OpenWindow(openOverlay, nameOwners, spacing, hiddenDir,
                volume.bricks().size(), lastCacheSize, carried);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        openLogState.update(open.snapshot());
        positionState.update(List.of(new long[] {openStart, nextSeq, fullOpen ? 1 : 0, crawlSecond, gaps.pendingSince()}));
        chainState.update(prevSha256 == null ? List.of() : List.of(prevSha256));
        bricksState.update(List.of(bricks.snapshot()));
        spacingState.update(List.of(spacing.snapshot()));
        PendingClose pending = closes.pending();
        closingLogState.update(pending == null ? List.of() : pending.log());
        closingHeaderState.update(pending == null ? List.of()
                : List.of(ClosingWindowCodec.encode(pending.window, pending.commitAt)));
        unplacedState.update(unplaced.snapshot());
        recentNamesState.update(pending == null ? List.of(open.earlier.encode())
                : List.of(pending.earlier().encode(), open.earlier.encode()));
    }
}
