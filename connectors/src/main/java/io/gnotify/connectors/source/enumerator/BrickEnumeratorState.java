package io.gnotify.connectors.source.enumerator;

import io.gnotify.connectors.source.split.BrickSplit;
import java.util.List;

/**
 * The enumerator's checkpoint: the splits not yet handed to a reader. Assigned splits live in their
 * readers' checkpoints, and come back through {@code addSplitsBack} after a failure.
 */
public record BrickEnumeratorState(List<BrickSplit> unassigned, boolean initialSplitsCreated) {}
