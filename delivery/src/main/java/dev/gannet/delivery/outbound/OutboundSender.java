package dev.gannet.delivery.outbound;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.OutboundQueue.Claimed;
import dev.gannet.core.store.OutboundQueue.Kind;
import dev.gannet.core.store.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the outbound queue through the relay (docs/outbound.md). Each poll claims the messages that are due
 * (a lease per message, so several nodes never send one twice while alive), makes one SMTP attempt per
 * message and acts on each recipient's result: delivered recipients are done, temporary failures (4xx, no
 * connection) are retried with exponential back-off until {@code outbound.maxQueueTime}, permanent ones (5xx)
 * and the expired get one DSN to the sender (never for the null sender or a bounce). Every attempt is one log
 * line. FORWARD mail leaves with its envelope sender in SRS0 form when SRS is configured.
 */
public final class OutboundSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);

    /** Sends one message; {@link SmtpRelay} in production. */
    @FunctionalInterface
    public interface Transport {
        List<SmtpRelay.Reply> send(String envelopeFrom, List<String> recipients, byte[] message);
    }

    /** How the sender paces itself ({@code outbound.*}). */
    public record Pacing(Duration pollInterval, Duration lease, int concurrency, Duration retryInitial,
            Duration retryMax, Duration maxQueueTime) {
        public static Pacing from(GannetConfig c) {
            return new Pacing(c.get(Settings.OUTBOUND_POLL_INTERVAL), c.get(Settings.OUTBOUND_LEASE),
                    c.get(Settings.OUTBOUND_CONCURRENCY), c.get(Settings.OUTBOUND_RETRY_INITIAL),
                    c.get(Settings.OUTBOUND_RETRY_MAX), c.get(Settings.OUTBOUND_MAX_QUEUE_TIME));
        }
    }

    private final MailStore store;
    private final OutboundQueue queue;
    private final Transport transport;
    private final String relayName;
    private final OutboundSigner signer;
    private final Srs srs;
    private final Pacing pacing;
    private final String owner;
    private final String reportingMta;
    private final Clock clock;
    private final Scheduler scheduler = Schedulers.newSingle("gannet-outbound", true);
    private volatile Disposable running;

    public OutboundSender(MailStore store, Transport transport, String relayName, OutboundSigner signer,
            Optional<Srs> srs, Pacing pacing, String owner, String reportingMta, Clock clock) {
        this.store = store;
        this.queue = store.outbound();
        this.transport = transport;
        this.relayName = relayName;
        this.signer = signer;
        this.srs = srs.orElse(null);
        this.pacing = pacing;
        this.owner = owner;
        this.reportingMta = reportingMta;
        this.clock = clock;
    }

    /** Polls every {@code pollInterval}, and at once when this node queues a message. */
    public void start() {
        Flux<Object> ticks = Flux.merge(Flux.interval(Duration.ZERO, pacing.pollInterval(), scheduler),
                queue.arrivals().sample(Duration.ofMillis(50)));
        running = ticks.onBackpressureDrop()
                .concatMap(t -> runOnce().onErrorResume(e -> {
                    log.warn("outbound queue poll failed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
        log.info("outbound sender started: relay {}, polling every {}", relayName, pacing.pollInterval());
    }

    /** Claims what is due and makes one attempt for each; emits how many messages were attempted. */
    public Mono<Integer> runOnce() {
        int batch = Math.max(pacing.concurrency() * 4, 16);
        return queue.claim(owner, clock.instant(), pacing.lease(), batch)
                .flatMap(this::attempt, pacing.concurrency())
                .count()
                .map(Long::intValue);
    }

    private Mono<Void> attempt(Claimed c) {
        return queue.content(c.id())
                .map(OutboundSender::bytes)
                .flatMap(bytes -> Mono.fromCallable(() -> send(c, bytes))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(replies -> settle(c, bytes, replies))
                        .thenReturn(true))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    log.info("outbound id={} gone before it was sent", c.id());
                    return false;
                }))
                .onErrorResume(e -> {
                    log.warn("outbound id={} attempt failed: {}", c.id(), e.toString());
                    return Mono.empty();
                })
                .then();
    }

    private List<SmtpRelay.Reply> send(Claimed c, byte[] bytes) {
        String from = c.kind() == Kind.FORWARD && srs != null ? srs.forward(c.envelopeFrom()) : c.envelopeFrom();
        byte[] signed = signer.sign(bytes, c.envelopeFrom());
        return transport.send(from, c.recipients(), signed);
    }

    private Mono<Void> settle(Claimed c, byte[] bytes, List<SmtpRelay.Reply> replies) {
        Instant now = clock.instant();
        Instant expiry = c.queued().plus(pacing.maxQueueTime());
        boolean expired = !now.isBefore(expiry);
        List<String> remaining = new ArrayList<>();
        List<Dsn.Failure> failures = new ArrayList<>();
        for (SmtpRelay.Reply r : replies) {
            switch (r.outcome()) {
                case SENT -> { }
                case PERMANENT -> failures.add(new Dsn.Failure(r.recipient(), r.code(), r.text(), false));
                case TEMPORARY -> {
                    if (expired) {
                        failures.add(new Dsn.Failure(r.recipient(), r.code(), r.text(), true));
                    } else {
                        remaining.add(r.recipient());
                    }
                }
            }
        }
        Instant next = null;
        if (!remaining.isEmpty()) {
            next = now.plus(backoff(c.attempts()));
            if (next.isAfter(expiry)) {
                next = expiry;
            }
        }
        String result = failures.isEmpty() ? remaining.isEmpty() ? "sent" : "deferred"
                : remaining.isEmpty() && failures.size() == replies.size() ? "failed" : "partial";
        String from = c.kind() == Kind.FORWARD && srs != null ? srs.forward(c.envelopeFrom()) : c.envelopeFrom();
        log.info("outbound id={} kind={} attempt={} from=<{}> relay={} to={} result={}{}", c.id(), c.kind(), c.attempts(),
                from, relayName, replies.stream().map(r -> "<" + r.recipient() + "> \"" + r.summary() + "\"")
                        .collect(Collectors.joining(", ")),
                result, next == null ? "" : " next=" + next);
        String last = replies.stream().filter(r -> r.outcome() == SmtpRelay.Outcome.TEMPORARY).findFirst()
                .map(SmtpRelay.Reply::summary).orElse(null);
        Mono<Void> bounce = failures.isEmpty() ? Mono.empty() : bounce(c, bytes, failures, now);
        Mono<Boolean> done = remaining.isEmpty() ? queue.finish(c) : queue.retry(c, remaining, next, last);
        return bounce.then(done).doOnNext(held -> {
            if (!held) {
                log.warn("outbound id={} lease ended before the attempt finished; another node has it", c.id());
            }
        }).then();
    }

    Duration backoff(int attempts) {
        Duration d = pacing.retryInitial();
        for (int i = 1; i < attempts && d.compareTo(pacing.retryMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(pacing.retryMax()) > 0 ? pacing.retryMax() : d;
    }

    /** The DSN: into a local sender's INBOX, else queued with the null sender; never for the null sender or a bounce. */
    private Mono<Void> bounce(Claimed c, byte[] original, List<Dsn.Failure> failures, Instant now) {
        if (c.envelopeFrom().isEmpty() || c.kind() == Kind.BOUNCE) {
            log.info("outbound id={} no DSN for {} ({})", c.id(), failures.stream().map(Dsn.Failure::recipient).toList(),
                    c.kind() == Kind.BOUNCE ? "a bounce" : "null sender");
            return Mono.empty();
        }
        byte[] dsn = Dsn.build(reportingMta, c.envelopeFrom(), c.id(), c.queued(), failures, original, now);
        Mono<UserId> local = c.kind() == Kind.SUBMISSION && c.user() != null ? Mono.just(c.user()) : localUser(c.envelopeFrom());
        return local.flatMap(user -> store.mailboxes().get(user, MailboxName.of("INBOX"))
                        .flatMap(inbox -> store.messages().append(new AppendRequest(user, inbox.id(),
                                MessageSource.of(dsn), Flags.NONE, now, AppendRequest.Origin.INTERNAL)))
                        .doOnNext(a -> log.info("outbound id={} DSN stored in the INBOX of user {}", c.id(), user.value()))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> queue.enqueue(new OutboundQueue.Request(null, Kind.BOUNCE, "",
                                List.of(c.envelopeFrom()), MessageSource.of(dsn), c.id()))
                        .doOnNext(id -> log.info("outbound id={} DSN to <{}> queued as {}", c.id(), c.envelopeFrom(), id))
                        .thenReturn(true)))
                .then();
    }

    private Mono<UserId> localUser(String address) {
        EmailAddress parsed;
        try {
            parsed = EmailAddress.parse(address);
        } catch (RuntimeException e) {
            return Mono.empty();
        }
        return store.addresses().resolve(parsed).map(r -> r.user());
    }

    private static byte[] bytes(MessageSource s) {
        try (InputStream in = s.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
        }
        scheduler.dispose();
    }
}
