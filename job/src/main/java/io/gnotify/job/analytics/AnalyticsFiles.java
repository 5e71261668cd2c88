package io.gnotify.job.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.connectors.sink.WindowFileLineSerializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Completes each window's analytics file: waits for the window's statistics (from the manifest stage) and the
 * partial rankings of busiest directories, merges the rankings into the top N per depth, and sends
 * {@code <volume>/analytics/<start>-<end>.json} to the exactly-once file sink once the watermark shows that
 * everything of the window has arrived.
 */
public final class AnalyticsFiles extends AbstractStreamOperator<WindowFileLine>
        implements TwoInputStreamOperator<WindowFileLine, DirectoryCount, WindowFileLine> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnalyticsSettings settings;
    private transient TreeMap<Long, WindowFileLine> stats;
    private transient TopDirectories tops;
    private transient ListState<WindowFileLine> statsState;
    private transient ListState<DirectoryCount> topsState;

    public AnalyticsFiles(AnalyticsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        var store = context.getOperatorStateStore();
        statsState = store.getListState(new ListStateDescriptor<>("window-stats", WindowFileLineSerializer.TYPE));
        topsState = store.getListState(new ListStateDescriptor<>("window-top-directories", DirectoryTopOperator.TYPE));
        stats = new TreeMap<>();
        statsState.get().forEach(l -> stats.put(l.windowEnd(), l));
        tops = new TopDirectories(settings.top());
        topsState.get().forEach(tops::add);
    }

    @Override
    public void processElement1(StreamRecord<WindowFileLine> element) {
        stats.put(element.getValue().windowEnd(), element.getValue());
    }

    @Override
    public void processElement2(StreamRecord<DirectoryCount> element) {
        tops.add(element.getValue());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        TreeMap<Long, List<DirectoryCount>> ranked = tops.takeUpTo(mark.getTimestamp());
        while (!stats.isEmpty() && stats.firstKey() * 1000 - 1 <= mark.getTimestamp()) {
            WindowFileLine s = stats.pollFirstEntry().getValue();
            output.collect(new StreamRecord<>(new WindowFileLine(s.windowEnd(), s.file(),
                    complete(s.bytes(), ranked.getOrDefault(s.windowEnd(), List.of())))));
        }
        super.processWatermark(mark);
    }

    /** The statistics with {@code top_directories} added: per depth, the busiest first. */
    private byte[] complete(byte[] statsJson, List<DirectoryCount> ranked) throws java.io.IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(statsJson);
        JsonNode pipeline = root.remove("pipeline");
        ObjectNode byDepth = root.putObject("top_directories");
        Map<Integer, ArrayNode> lists = new TreeMap<>();
        for (int d : settings.depths()) {
            lists.put(d, byDepth.putArray(String.valueOf(d)));
        }
        for (DirectoryCount c : ranked) {
            ArrayNode list = lists.get(c.depth);
            if (list != null) {
                ObjectNode o = list.addObject();
                String text = io.gnotify.connectors.event.RawBytesJson.utf8(c.dir);
                if (text != null) {
                    o.put("dir", text);
                } else {
                    o.put("dir_b64", Base64.getEncoder().encodeToString(c.dir));
                }
                o.put("changes", c.count);
            }
        }
        root.set("pipeline", pipeline);
        return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        statsState.update(new ArrayList<>(stats.values()));
        topsState.update(tops.all());
    }
}
