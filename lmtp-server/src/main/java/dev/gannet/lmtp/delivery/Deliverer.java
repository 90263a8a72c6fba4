package dev.gannet.lmtp.delivery;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.UserId;
import dev.gannet.delivery.rules.ForwardedDelivery;
import dev.gannet.lmtp.LmtpOptions;
import dev.gannet.lmtp.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores one received message for every accepted recipient and answers for each in RCPT order (RFC 2033
 * §4.2). A 250 is produced only once the store has acknowledged the write, which on the durable store
 * means it is on disk; any failure that may be temporary answers 4xx so the MTA keeps the message. Each
 * user gets one copy even when named twice; the trace fields go in front of the message, and a spam
 * verdict in the header files it into Junk. A forwarded address gets one FORWARD on the outbound queue with the
 * bytes as received ({@link ForwardedDelivery}).
 */
public final class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final MailStore store;
    private final LmtpOptions options;
    private final SpamVerdict spam;
    private final DeliveryMetrics metrics;
    private final ForwardedDelivery forwarded;

    public Deliverer(MailStore store, LmtpOptions options, DeliveryMetrics metrics, ForwardedDelivery forwarded) {
        this.store = store;
        this.options = options;
        this.spam = new SpamVerdict(options.spamHeaders());
        this.metrics = metrics;
        this.forwarded = forwarded;
    }

    /** One reply per recipient of {@code envelope}, in order. Never errors. */
    public Mono<List<Reply>> deliver(Envelope envelope, MessageSource body) {
        return Mono.fromCallable(() -> {
            try (InputStream in = body.open()) {
                return spam.isSpam(in);
            }
        }).subscribeOn(Schedulers.boundedElastic()).onErrorReturn(false).flatMap(isSpam -> {
            Map<UserId, Mono<Reply>> once = new HashMap<>();
            Map<String, Mono<Reply>> forwardOnce = new HashMap<>();
            List<Mono<Reply>> replies = new ArrayList<>();
            for (Recipient r : envelope.recipients()) {
                if (r.forwarded() != null) {
                    replies.add(forwardOnce.computeIfAbsent(r.forwarded().key(), k -> forwardOne(envelope, r, body).cache()));
                    continue;
                }
                replies.add(once.computeIfAbsent(r.user(), u -> deliverOne(envelope, r, body, isSpam).cache()));
            }
            return Flux.concat(replies).collectList();
        });
    }

    /** Answers every recipient alike, for a message refused as a whole (too big). */
    public List<Reply> refuseAll(Envelope envelope, LmtpErrors.Outcome outcome) {
        List<Reply> replies = new ArrayList<>();
        for (Recipient r : envelope.recipients()) {
            logLine(envelope, r, outcome.reply(), "-", 0);
            metrics.record(outcome.reply().code(), outcome.reason(), 0, null);
            replies.add(outcome.reply());
        }
        return replies;
    }

    private Mono<Reply> deliverOne(Envelope envelope, Recipient r, MessageSource body, boolean isSpam) {
        long started = System.nanoTime();
        byte[] trace = TraceHeaders.build(envelope, r, options.hostname(), ZonedDateTime.now());
        return target(r.user(), isSpam)
                .flatMap(box -> Mono.usingWhen(withTrace(trace, body),
                        source -> store.messages().append(new AppendRequest(r.user(), box.id(), source, Flags.NONE,
                                Instant.now(), AppendRequest.Origin.LMTP)),
                        Deliverer::discard)
                        // a store that neither answers nor fails must not hold the MTA forever
                        .timeout(options.storeTimeout())
                        .map(appended -> stored(envelope, r, box, appended, started)))
                .onErrorResume(e -> Mono.just(failed(envelope, r, e, started)));
    }

    /** A forwarded address: one FORWARD with the bytes as received, answered 250 once it is durable in the queue. */
    private Mono<Reply> forwardOne(Envelope envelope, Recipient r, MessageSource body) {
        long started = System.nanoTime();
        return forwarded.forward(r.forwarded(), envelope.reversePath(), body, envelope.queueId())
                .timeout(options.storeTimeout())
                .map(outcome -> {
                    Reply reply = outcome == ForwardedDelivery.Outcome.GONE
                            ? Reply.of(550, "5.1.1", "<" + r.path() + "> No such user here")
                            : Reply.of(250, "2.0.0", "<" + r.path() + "> " + envelope.queueId()
                                    + (outcome == ForwardedDelivery.Outcome.QUEUED ? " Forwarded" : " Accepted"));
                    logLine(envelope, r, reply, "forward:" + outcome.name().toLowerCase(java.util.Locale.ROOT), 0);
                    metrics.record(reply.code(), outcome == ForwardedDelivery.Outcome.GONE ? "unknown_user" : "forwarded", 0,
                            Duration.ofNanos(System.nanoTime() - started));
                    return reply;
                })
                .onErrorResume(e -> Mono.just(failed(envelope, r, e, started)));
    }

    private Mono<Mailbox> target(UserId user, boolean isSpam) {
        Mono<Mailbox> inbox = Mono.defer(() -> store.mailboxes().get(user, MailboxName.of("INBOX")));
        Mono<Mailbox> box = isSpam ? store.mailboxes().bySpecialUse(user, SpecialUse.JUNK).switchIfEmpty(inbox) : inbox;
        return box.switchIfEmpty(Mono.error(() -> GannetException.notFound("INBOX of " + user.value())));
    }

    private Reply stored(Envelope envelope, Recipient r, Mailbox box, Appended appended, long started) {
        Reply reply = Reply.of(250, "2.0.0", "<" + r.path() + "> " + envelope.queueId() + " Saved");
        logLine(envelope, r, reply, box.name().path() + " uid " + appended.uid().value(), appended.size());
        metrics.record(250, "ok", appended.size(), Duration.ofNanos(System.nanoTime() - started));
        return reply;
    }

    private Reply failed(Envelope envelope, Recipient r, Throwable e, long started) {
        LmtpErrors.Outcome outcome = LmtpErrors.of(e, options.overQuotaTemporary());
        if (outcome == LmtpErrors.UNAVAILABLE) {
            log.warn("session={} queue={} rcpt={} store failure: {}", envelope.session(), envelope.queueId(),
                    r.address(), e.toString());
        }
        logLine(envelope, r, outcome.reply(), "-", 0);
        metrics.record(outcome.reply().code(), outcome.reason(), 0, Duration.ofNanos(System.nanoTime() - started));
        return outcome.reply();
    }

    private static void logLine(Envelope envelope, Recipient r, Reply reply, String where, long size) {
        log.info("delivery session={} queue={} from=<{}> rcpt=<{}> result=\"{}\" stored={} size={}", envelope.session(),
                envelope.queueId(), envelope.reversePath(), r.address(), reply.summary(), where, size);
    }

    private Mono<MessageSource> withTrace(byte[] trace, MessageSource body) {
        if (body instanceof MessageSource.Bytes b) {
            byte[] all = new byte[trace.length + b.bytes().length];
            System.arraycopy(trace, 0, all, 0, trace.length);
            System.arraycopy(b.bytes(), 0, all, trace.length, b.bytes().length);
            return Mono.just(MessageSource.of(all));
        }
        return Mono.fromCallable(() -> {
            Files.createDirectories(options.spoolDir());
            Path copy = Files.createTempFile(options.spoolDir(), "rcpt-", ".eml");
            try (OutputStream out = Files.newOutputStream(copy); InputStream in = body.open()) {
                out.write(trace);
                in.transferTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
            return (MessageSource) MessageSource.of(copy);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static Mono<Void> discard(MessageSource source) {
        if (source instanceof MessageSource.SpoolFile f) {
            return Mono.fromCallable(() -> Files.deleteIfExists(f.path())).subscribeOn(Schedulers.boundedElastic())
                    .onErrorReturn(false).then();
        }
        return Mono.empty();
    }
}
