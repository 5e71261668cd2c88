package io.gnotify.connectors.sink;

/** An open window file at a checkpoint: which file, when its window closes, and how many bytes are valid. */
public record WindowFileWriterState(String file, long windowEnd, long length) {}
