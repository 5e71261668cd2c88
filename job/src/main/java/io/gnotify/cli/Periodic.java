package io.gnotify.cli;

import java.util.function.Consumer;

/** Runs a task every few milliseconds on a daemon thread until the thread is interrupted or the task fails. */
final class Periodic {
    /** One run of the task. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private Periodic() {}

    /** Starts {@code task} every {@code millis} (first after one period); a failure goes to {@code failed} and ends it. */
    static Thread start(String name, long millis, Task task, Consumer<Exception> failed) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(millis);
                    task.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failed.accept(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
