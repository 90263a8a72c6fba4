package dev.gannet.server;

import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;

/**
 * Waits for SIGTERM or SIGINT. The JVM's default reaction to SIGTERM is to run shutdown hooks and exit
 * with status 143; a mail server that stops cleanly on request should exit 0, so the launcher takes the
 * signal itself, shuts down in order, and exits with 0.
 */
final class Signals {

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String received = "";

    Signals() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    received = "SIG" + s.getName();
                    stop.countDown();
                });
            } catch (IllegalArgumentException e) {
                // The signal is not available on this platform; shutdown hooks still apply.
            }
        }
    }

    /** Blocks until a stop signal arrives and returns its name. */
    String await() throws InterruptedException {
        stop.await();
        return received;
    }
}
