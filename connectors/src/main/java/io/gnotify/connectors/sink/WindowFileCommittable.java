package io.gnotify.connectors.sink;

/** A finished, fsynced hidden file and the name it gets once its checkpoint completes. */
public record WindowFileCommittable(String inProgress, String target) {}
