package dev.gannet.imap.command.idle;

import dev.gannet.imap.codec.RawCommand;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * IDLE (RFC 2177): after the continuation request, every change to the selected mailbox is read from the
 * journal and sent at once (EXPUNGE included, as §3 allows), and an untagged OK every
 * {@code imap.idleKeepalive} keeps NAT mappings alive; the client's DONE ends it. Changes that ring while a
 * sync runs are coalesced into one more sync. Autologout still applies, since keep-alives are not input,
 * and an idling connection does not hold up a graceful shutdown.
 */
public final class IdleHandler {

    private static final int SYNC = 0;
    private static final int KEEPALIVE = 1;

    private IdleHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Idle c, ImapSession s) {
        Mono<RawCommand> done = s.readContinuation().cache();
        s.out().continuation("idling");
        // an idling client is not in the middle of a command: shutdown must not wait for it
        var connection = s.connection();
        if (connection != null) {
            connection.endCommand();
        }
        SelectedMailbox sel = s.selected();
        // NOTIFY (RFC 5465 §3) events flow while idling; when NOTIFY covers the selected mailbox its worker
        // reports it, so IDLE must not sync the same view at the same time
        var notifications = s.notifications();
        notifications.unlock();
        Flux<Integer> rings = Flux.create(sink -> {
            s.onSelectedChange(() -> sink.next(SYNC));
            sink.onDispose(() -> s.onSelectedChange(null));
        }, FluxSink.OverflowStrategy.LATEST);
        Flux<Integer> keepalive = Flux.interval(s.server().options().idleKeepalive()).map(i -> KEEPALIVE);
        Flux<Void> work = Flux.merge(Flux.just(SYNC), rings, keepalive)
                .onBackpressureLatest()
                .takeUntilOther(done)
                .concatMap(t -> {
                    if (t == KEEPALIVE) {
                        s.out().flush("* OK Still here");
                        return Mono.<Void>empty();
                    }
                    if (sel == null || notifications.coversSelected()) {
                        return Mono.<Void>empty();
                    }
                    return sel.sync(s.store(), s.out(), true, false, s.condstore())
                            .then(Mono.fromRunnable(() -> s.out().flush()));
                }, 1);
        return work.then(done)
                .flatMap(raw -> notifications.lock().thenReturn(raw))
                .onErrorResume(e -> notifications.lock().then(Mono.error(e)))
                .doFinally(signal -> {
            if (connection != null) {
                connection.beginCommand();
            }
        }).map(raw -> {
            try {
                if (raw.hasLiterals() || !raw.firstLine().equalsIgnoreCase("DONE")) {
                    return Tagged.bad("Expected DONE");
                }
                return Tagged.ok("IDLE terminated");
            } finally {
                raw.release();
            }
        });
    }
}
