package dev.gannet.core.coord;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Subscribes to a Flux and keeps what it emits, so tests can wait for items with a generous bound
 * instead of sleeping a guessed time (the build machine is a loaded 2-core box).
 */
final class Recorder<T> {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<T> items = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Disposable subscription;

    private Recorder(Flux<T> flux) {
        subscription = flux.subscribe(items::add, e -> done.countDown(), done::countDown);
    }

    static <T> Recorder<T> of(Flux<T> flux) {
        return new Recorder<>(flux);
    }

    List<T> items() {
        return List.copyOf(items);
    }

    List<T> awaitItems(int count) {
        eventually(() -> items.size() >= count, "at least " + count + " items, got " + items);
        return items();
    }

    boolean awaitDone() {
        try {
            return done.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void cancel() {
        subscription.dispose();
    }

    /** Polls {@code condition} every 20 ms for up to {@link #PATIENCE}; fails with {@code what} if it never holds. */
    static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + PATIENCE + " waiting for " + what);
            }
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
