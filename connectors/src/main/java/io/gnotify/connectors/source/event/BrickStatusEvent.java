package io.gnotify.connectors.source.event;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Enumerator to reader: a brick went down (no rollover within the down timeout) or came back. A down
 * brick is {@code carried} when a live replica covers its subvolume; only then may it stop holding the
 * volume watermark.
 */
public record BrickStatusEvent(String brick, boolean down, boolean carried) implements SourceEvent {
    private static final long serialVersionUID = 1L;
}
