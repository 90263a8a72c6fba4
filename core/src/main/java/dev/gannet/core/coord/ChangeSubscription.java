package dev.gannet.core.coord;

import reactor.core.publisher.Flux;

/**
 * A live subscription to the change bell, handed out only once it is live on the bus, so that a
 * reader can subscribe first, then read the journal, and know that any change committed after that
 * read rings here. Changes that arrive before {@link #changes()} is subscribed are buffered (a bounded
 * buffer: on overflow the newest are dropped, which a bell may do). Closing it ends {@link #changes()}.
 */
public interface ChangeSubscription extends AutoCloseable {

    /**
     * The changes, hot and single-subscriber; completes when this subscription or its notifier closes.
     * They are signalled on the publisher's thread (in-JVM) or the Redis I/O thread: use
     * {@code publishOn} before any work that may block.
     */
    Flux<MailboxChange> changes();

    /** Stops listening; idempotent. */
    @Override
    void close();
}
