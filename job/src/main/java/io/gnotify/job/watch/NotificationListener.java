package io.gnotify.job.watch;

import java.io.IOException;

/** The callback form of a tail: called on the tail's own thread, one notification at a time, in order. */
public interface NotificationListener {
    /** The next committed notification that passed the filter. */
    void onNotification(Notification notification) throws Exception;

    /** The tail stopped on an error (a broken chain, missing events, an unreadable file). */
    default void onError(IOException error) {}
}
