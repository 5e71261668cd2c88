package io.gnotify.job.manifest;

/**
 * One brick's part in a window, for the manifest header: {@code ok}, {@code down} (no rollovers, carried
 * by a replica) or {@code gap} (journals missing), and the first and last journal read in the window
 * (0 when none).
 */
public record BrickWindowStatus(String brick, String status, long firstJournal, long lastJournal) {}
