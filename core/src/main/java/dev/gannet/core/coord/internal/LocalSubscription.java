package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.ChangeSubscription;
import dev.gannet.core.coord.MailboxChange;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One listener's end of the bell: a unicast sink with a bounded buffer, so a reader that stops reading
 * costs at most {@link #BUFFER} changes of memory and never slows the bus or other listeners. A full
 * buffer drops new changes, which the journal makes harmless.
 */
final class LocalSubscription implements ChangeSubscription {

    static final int BUFFER = 1024;
    private static final Logger log = LoggerFactory.getLogger(LocalSubscription.class);

    private final Sinks.Many<MailboxChange> sink =
            Sinks.many().unicast().onBackpressureBuffer(Queues.<MailboxChange>get(BUFFER).get());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onClose;
    private boolean warnedOverflow;

    LocalSubscription(Runnable onClose) {
        this.onClose = onClose;
    }

    /** Publishers on several threads may deliver at once; a unicast sink wants one at a time. */
    synchronized void offer(MailboxChange change) {
        Sinks.EmitResult result = sink.tryEmitNext(change);
        if (result == Sinks.EmitResult.FAIL_OVERFLOW && !warnedOverflow) {
            warnedOverflow = true;
            log.warn("change listener for user {} is not reading; dropping changes", change.userId());
        }
    }

    @Override
    public Flux<MailboxChange> changes() {
        return sink.asFlux().doOnCancel(this::close);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
            synchronized (this) {
                sink.tryEmitComplete();
            }
        }
    }
}
