package io.gnotify.connectors.source.event;

import org.apache.flink.api.connector.source.SourceEvent;

/** Reader to enumerator: a brick has read its rollovers up to {@code lastRollover} (epoch seconds). */
public record BrickProgressEvent(String brick, long lastRollover) implements SourceEvent {
    private static final long serialVersionUID = 1L;
}
