package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.event.VolumeEventSerializer;
import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.connectors.volume.VolumeInfo;
import io.gnotify.job.WindowGrid;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the ordered event stream into one backup manifest per window (a single keyed subtask, see
 * {@link NamespaceKey}). The open window's operations wait in operator state; when the watermark passes the
 * window's end they are applied to the namespace in keyed state, diffed, and the manifest with its
 * glusterfind and paths0 side files goes out as window-file lines. Windows are contiguous from the first
 * operation or rollover on, so an empty window gets its manifest too, and each header chains to the previous
 * trailer's hash.
 */
public final class ManifestWindowOperator extends AbstractStreamOperator<WindowFileLine>
        implements OneInputStreamOperator<VolumeEvent, WindowFileLine> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ManifestWindowOperator.class);
    private static final long NONE = Long.MIN_VALUE;

    private final VolumeInfo volume;
    private final WindowGrid grid;
    private transient NamespaceStore namespace;
    private transient List<VolumeEvent> openEvents;
    private transient long openStart;
    private transient long nextSeq;
    private transient String prevSha256;
    private transient BrickWindowTracker bricks;
    private transient ListState<VolumeEvent> openEventsState;
    private transient ListState<long[]> positionState;
    private transient ListState<String> chainState;
    private transient ListState<long[]> bricksState;
    private transient Counter manifests;
    private transient Counter entriesWritten;
    private transient Counter unresolved;

    public ManifestWindowOperator(VolumeInfo volume, WindowGrid grid) {
        this.volume = volume;
        this.grid = grid;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        var store = context.getOperatorStateStore();
        openEventsState = store.getListState(new ListStateDescriptor<>("open-window-events", VolumeEventSerializer.TYPE));
        positionState = store.getListState(new ListStateDescriptor<>("window-position",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        chainState = store.getListState(new ListStateDescriptor<>("prev-sha256", Types.STRING));
        bricksState = store.getListState(new ListStateDescriptor<>("brick-window",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        openEvents = new ArrayList<>();
        openEventsState.get().forEach(openEvents::add);
        openStart = NONE;
        nextSeq = 1;
        for (long[] p : positionState.get()) {
            openStart = p[0];
            nextSeq = p[1];
        }
        prevSha256 = null;
        for (String sha : chainState.get()) {
            prevSha256 = sha;
        }
        bricks = new BrickWindowTracker(volume.bricks());
        for (long[] b : bricksState.get()) {
            bricks.restore(b);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        namespace = new KeyedNamespaceStore(getRuntimeContext(), this::setCurrentKey);
        manifests = getMetricGroup().counter("manifestsWritten");
        entriesWritten = getMetricGroup().counter("manifestEntries");
        unresolved = getMetricGroup().counter("unresolvedPaths");
        getMetricGroup().gauge("openWindowOperations", () -> openEvents.size());
    }

    @Override
    public void processElement(StreamRecord<VolumeEvent> element) {
        VolumeEvent e = element.getValue();
        long start = grid.start(e.journalTs());
        if (openStart == NONE) {
            openStart = start;
        }
        if (start < openStart) {
            if (e.isOperation()) {
                // The sequencer never releases behind the watermark; if it ever did, keep the operation.
                LOG.warn("operation {} arrived after its window was published; it goes into the open window", e);
                openEvents.add(e);
            } else {
                bricks.onLateMarker(e);
            }
            return;
        }
        while (openStart < start) {
            closeWindow();
        }
        if (e.isOperation()) {
            openEvents.add(e);
        } else {
            bricks.onMarker(e);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (openStart != NONE) {
            if (mark.getTimestamp() == Long.MAX_VALUE) {
                // End of a bounded run: publish the last window as far as the journals go, and no more.
                closeWindow();
                openStart = NONE;
            } else {
                while (grid.end(openStart) * 1000 - 1 <= mark.getTimestamp()) {
                    closeWindow();
                }
            }
        }
        super.processWatermark(mark);
    }

    /** Applies, diffs and renders the open window, emits its three files, and opens the next window. */
    private void closeWindow() {
        WindowChanges changes = new WindowChanges(namespace);
        openEvents.forEach(changes::apply);
        List<ManifestEntry> entries = ReplayPlan.entryOrder(WindowDiff.of(changes));
        long end = grid.end(openStart);
        ManifestWindow w = new ManifestWindow(volume.name(), volume.id(), openStart, end, nextSeq, false, prevSha256,
                bricks.statuses());
        ManifestFormat.Rendered rendered = ManifestFormat.manifest(w, entries);
        String stem = volume.name() + "/" + ManifestFormat.DIRECTORY + "/" + grid.name(openStart);
        output.collect(new StreamRecord<>(new WindowFileLine(end, stem + ManifestFormat.MANIFEST_SUFFIX, rendered.bytes())));
        output.collect(new StreamRecord<>(new WindowFileLine(end, stem + ManifestFormat.GLUSTERFIND_SUFFIX,
                ManifestFormat.glusterfind(entries))));
        output.collect(new StreamRecord<>(new WindowFileLine(end, stem + ManifestFormat.PATHS0_SUFFIX,
                ManifestFormat.paths0(entries))));
        manifests.inc();
        entriesWritten.inc(entries.size());
        unresolved.inc(entries.stream().filter(ManifestEntry::unresolved).count());
        prevSha256 = rendered.sha256();
        nextSeq++;
        openStart = end;
        openEvents.clear();
        bricks.nextWindow();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        openEventsState.update(openEvents);
        positionState.update(List.of(new long[] {openStart, nextSeq}));
        chainState.update(prevSha256 == null ? List.of() : List.of(prevSha256));
        bricksState.update(List.of(bricks.snapshot()));
    }
}
