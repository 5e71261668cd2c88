package io.gnotify.connectors.source.event;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Enumerator to reader: a brick went down (no rollover within the down timeout) or came back. A down
 * brick is {@code carried} when a live replica covers its subvolume, and {@code uncovered} when no brick of
 * its subvolume is up and the subvolume gap timeout has passed; in both cases it stops holding the volume
 * watermark (an uncovered brick's windows are published marked {@code gap}).
 */
public record BrickStatusEvent(String brick, boolean down, boolean carried, boolean uncovered) implements SourceEvent {
    private static final long serialVersionUID = 2L;

    /** A verdict that is not uncovered. */
    public BrickStatusEvent(String brick, boolean down, boolean carried) {
        this(brick, down, carried, false);
    }
}
