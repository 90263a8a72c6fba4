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
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.User;
import dev.gannet.delivery.rules.DeliveryRules;
import dev.gannet.delivery.rules.VacationReplies;
import dev.gannet.delivery.sieve.Action;
import dev.gannet.delivery.sieve.MessageContext;
import dev.gannet.delivery.sieve.SieveResult;
import dev.gannet.delivery.spam.RspamdCheck;
import dev.gannet.delivery.spam.RspamdClient;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores one received message for every accepted recipient and answers for each in RCPT order (RFC 2033
 * §4.2). A 250 is produced only once the store has acknowledged the write, which on the durable store
 * means it is on disk; any failure that may be temporary answers 4xx so the MTA keeps the message. Each
 * user gets one copy even when named twice; the trace fields go in front of the message, and a spam
 * verdict, read from the header or asked of rspamd once per message ({@link RspamdCheck}, which never refuses or
 * holds up a delivery), files it into Junk. The user's rules ({@link DeliveryRules}: filters, their Sieve script,
 * forwarding, autoreply) decide where copies go; every store and every queued redirect or reply is durable
 * before the 250, a reject answers 550 5.7.1 for that recipient only (docs/sieve.md). A forwarded address gets one
 * FORWARD on the outbound queue with the bytes as received ({@link ForwardedDelivery}).
 */
public final class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final MailStore store;
    private final LmtpOptions options;
    private final SpamVerdict spam;
    private final DeliveryMetrics metrics;
    private final ForwardedDelivery forwarded;
    private final DeliveryRules rules;
    private final VacationReplies vacations;
    private final RspamdCheck rspamd;

    /** The spam verdict on a whole message, taken once for all its recipients, and the fields that record it. */
    private record Verdict(boolean spam, String traceFields) {
    }

    /** Delivery with no rules at all: every message is kept (tests of the plain path). */
    public Deliverer(MailStore store, LmtpOptions options, DeliveryMetrics metrics) {
        this(store, options, metrics, null, null);
    }

    /** @param rules the users' rules, or null for none */
    public Deliverer(MailStore store, LmtpOptions options, DeliveryMetrics metrics, DeliveryRules rules) {
        this(store, options, metrics, rules, null);
    }

    /** @param forwarded delivery to forwarded addresses, or null to answer them 451 (tests of the plain path) */
    public Deliverer(MailStore store, LmtpOptions options, DeliveryMetrics metrics, DeliveryRules rules,
            ForwardedDelivery forwarded) {
        this(store, options, metrics, rules, forwarded, null);
    }

    /** @param rspamd the spam check at delivery, or null when {@code rspamd.enabled} is off */
    public Deliverer(MailStore store, LmtpOptions options, DeliveryMetrics metrics, DeliveryRules rules,
            ForwardedDelivery forwarded, RspamdCheck rspamd) {
        this.rspamd = rspamd;
        this.store = store;
        this.options = options;
        this.spam = new SpamVerdict(options.spamHeaders());
        this.metrics = metrics;
        this.forwarded = forwarded;
        this.rules = rules;
        this.vacations = new VacationReplies(store, options.hostname(), Clock.systemUTC());
    }

    /** One reply per recipient of {@code envelope}, in order. Never errors. */
    public Mono<List<Reply>> deliver(Envelope envelope, MessageSource body) {
        return verdict(envelope, body).flatMap(verdict -> {
            Map<UserId, Mono<Reply>> once = new HashMap<>();
            Map<String, Mono<Reply>> forwardOnce = new HashMap<>();
            List<Mono<Reply>> replies = new ArrayList<>();
            for (Recipient r : envelope.recipients()) {
                if (r.forwarded() != null) {
                    replies.add(forwardOnce.computeIfAbsent(r.forwarded().key(), k -> forwardOne(envelope, r, body).cache()));
                    continue;
                }
                replies.add(once.computeIfAbsent(r.user(), u -> deliverOne(envelope, r, body, verdict).cache()));
            }
            return Flux.concat(replies).collectList();
        });
    }

    /**
     * The header's verdict ({@code lmtp.spamHeaders}) or rspamd's, whichever says spam. rspamd is asked only when a
     * user receives the message (a forwarded address gets the bytes as received) and is told the local recipients.
     */
    private Mono<Verdict> verdict(Envelope envelope, MessageSource body) {
        return Mono.fromCallable(() -> {
            try (InputStream in = body.open()) {
                return SpamVerdict.headerFields(in.readNBytes(SpamVerdict.HEADER_LIMIT));
            }
        }).subscribeOn(Schedulers.boundedElastic()).onErrorReturn(List.of()).flatMap(fields -> {
            boolean byHeader = spam.isSpam(fields);
            List<String> local = envelope.recipients().stream().filter(r -> r.forwarded() == null)
                    .map(r -> r.address().toString()).distinct().toList();
            if (rspamd == null || local.isEmpty()) {
                return Mono.just(new Verdict(byHeader, ""));
            }
            ReceivedFrom client = ReceivedFrom.of(fields);
            RspamdClient.Request request = new RspamdClient.Request(envelope.queueId(), envelope.reversePath(), local,
                    local.size() == 1 ? local.get(0) : null, client == null ? null : client.ip(),
                    client == null ? null : client.helo(), client == null ? null : client.hostname());
            return rspamd.check(body, request).map(o -> new Verdict(byHeader || o.spam(), o.traceFields()));
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

    private Mono<Reply> deliverOne(Envelope envelope, Recipient r, MessageSource body, Verdict verdict) {
        long started = System.nanoTime();
        byte[] trace = TraceHeaders.build(envelope, r, options.hostname(), ZonedDateTime.now(), verdict.traceFields());
        return Mono.usingWhen(withTrace(trace, body),
                        source -> evaluate(envelope, r, source).flatMap(ev -> apply(envelope, r, source, verdict.spam(), ev, started)),
                        Deliverer::discard)
                // a store that neither answers nor fails must not hold the MTA forever
                .timeout(options.storeTimeout())
                .onErrorResume(e -> Mono.just(failed(envelope, r, e, started)));
    }

    /** A forwarded address: one FORWARD with the bytes as received, answered 250 once it is durable in the queue. */
    private Mono<Reply> forwardOne(Envelope envelope, Recipient r, MessageSource body) {
        long started = System.nanoTime();
        if (forwarded == null) {
            return Mono.just(failed(envelope, r, new IllegalStateException("no forwarded delivery"), started));
        }
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

    private Mono<DeliveryRules.Evaluated> evaluate(Envelope envelope, Recipient r, MessageSource source) {
        if (rules == null) {
            return Mono.just(new DeliveryRules.Evaluated(new SieveResult(List.of(new Action.Keep(java.util.Set.of())), List.of()), null));
        }
        return store.users().get(r.user())
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("user " + r.user().value())))
                .flatMap(user -> rules.evaluate(user, source,
                        new MessageContext.Envelope(envelope.reversePath(), r.address().toString())));
    }

    /** Carries out the actions in order: refusal, stores, redirects, the vacation reply; then one reply. */
    private Mono<Reply> apply(Envelope envelope, Recipient r, MessageSource source, boolean isSpam,
            DeliveryRules.Evaluated ev, long started) {
        SieveResult result = ev.result();
        var reject = result.reject();
        if (reject.isPresent()) {
            String reason = LmtpErrors.printable(reject.get().reason());
            Reply reply = Reply.of(550, "5.7.1", reason.isEmpty() ? "Message refused" : reason);
            logLine(envelope, r, reply, "rejected by rule", 0);
            metrics.record(550, "sieve_rejected", 0, Duration.ofNanos(System.nanoTime() - started));
            return Mono.just(reply);
        }
        Map<String, Action> stores = new LinkedHashMap<>();
        List<Action.Redirect> redirects = new ArrayList<>();
        Action.Vacation vacation = null;
        for (Action a : result.actions()) {
            if (a instanceof Action.Keep || a instanceof Action.FileInto) {
                stores.put(a instanceof Action.FileInto f ? f.mailbox() : "", a);
            } else if (a instanceof Action.Redirect rd) {
                redirects.add(rd);
            } else if (a instanceof Action.Vacation v && vacation == null) {
                vacation = v;
            }
        }
        Action.Vacation reply = vacation;
        boolean redirecting = !redirects.isEmpty() && !looped(ev, r);
        return mayForward(r, redirecting).flatMap(allowed -> {
            if (redirecting && !allowed && stores.isEmpty()) {
                stores.put("", new Action.Keep(Set.of())); // a redirect over the limit must not lose the message
            }
            Mono<List<String>> storedIn = Flux.fromIterable(stores.values())
                    .concatMap(a -> store(r, source, isSpam, a))
                    .collectList();
            Mono<Void> forwards = !redirecting || !allowed ? Mono.empty() : Mono.usingWhen(forwardCopy(source),
                    copy -> Flux.fromIterable(redirects).concatMap(rd -> store.outbound().enqueue(new OutboundQueue.Request(
                            r.user(), OutboundQueue.Kind.FORWARD, envelope.reversePath(), List.of(rd.address()), copy,
                            envelope.queueId()))).then(),
                    Deliverer::discard);
            Mono<Boolean> replied = reply == null || ev.context() == null ? Mono.just(false)
                    : store.addresses().byUser(r.user()).map(e -> e.address().toString()).collectList()
                            .flatMap(own -> vacations.respond(r.user(), reply, ev.context(), r.address().toString(), own,
                                    envelope.queueId()));
            int queued = redirecting && allowed ? redirects.size() : 0;
            return storedIn.flatMap(where -> forwards.then(replied).map(x -> {
                Reply ok = Reply.of(250, "2.0.0", "<" + r.path() + "> " + envelope.queueId()
                        + (where.isEmpty() ? (queued == 0 ? " Discarded" : " Forwarded") : " Saved"));
                String summary = where.isEmpty() ? "-" : String.join(",", where);
                if (queued > 0) {
                    summary += " redirect=" + queued;
                }
                logLine(envelope, r, ok, summary, where.isEmpty() ? 0 : source.size());
                metrics.record(250, "ok", where.isEmpty() ? 0 : source.size(), Duration.ofNanos(System.nanoTime() - started));
                return ok;
            }));
        });
    }

    /**
     * Whether this message's redirects may be queued: every redirect of one delivery (the user's forwarding targets,
     * a filter's or their own Sieve script's) counts once against the user's daily forward limit, before anything is
     * queued. Over the limit the redirects are dropped and logged, and the message is kept.
     */
    private Mono<Boolean> mayForward(Recipient r, boolean redirecting) {
        if (!redirecting || forwarded == null) {
            return Mono.just(true);
        }
        return forwarded.userMayForward(r.user()).doOnNext(allowed -> {
            if (!allowed) {
                log.warn("rcpt={} redirect not queued: over the daily forward limit", r.address());
            }
        });
    }

    /**
     * A message that already carried this recipient's Delivered-To before ours came around a forwarding loop
     * (as Postfix detects it): it is stored but not redirected again.
     */
    private static boolean looped(DeliveryRules.Evaluated ev, Recipient r) {
        if (ev.context() == null) {
            return false;
        }
        long seen = ev.context().header("Delivered-To").stream().filter(d -> d.trim().equalsIgnoreCase(r.path())).count();
        if (seen > 1) {
            log.warn("rcpt={} forwarding loop (Delivered-To seen before): redirect skipped", r.address());
        }
        return seen > 1;
    }

    /** The redirected copy: the delivered message with our Delivered-To and Received fields, without Return-Path. */
    private Mono<MessageSource> forwardCopy(MessageSource traced) {
        return Mono.fromCallable(() -> {
            try (InputStream in = traced.open()) {
                byte[] first = in.readNBytes(1024);
                int eol = 0;
                while (eol + 1 < first.length && !(first[eol] == '\r' && first[eol + 1] == '\n')) {
                    eol++;
                }
                return eol + 2;
            }
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(skip -> {
            if (traced instanceof MessageSource.Bytes b) {
                return Mono.just(MessageSource.of(java.util.Arrays.copyOfRange(b.bytes(), skip, b.bytes().length)));
            }
            return spool("fwd-", out -> {
                try (InputStream in = traced.open()) {
                    in.skipNBytes(skip);
                    in.transferTo(out);
                }
            });
        });
    }

    /** Appends one copy: a keep to INBOX (Junk for spam), a fileinto to its mailbox, created with :create, else INBOX. */
    private Mono<String> store(Recipient r, MessageSource source, boolean isSpam, Action a) {
        Set<String> flags = a instanceof Action.Keep k ? k.flags() : ((Action.FileInto) a).flags();
        Mono<Mailbox> box = a instanceof Action.FileInto f ? folder(r.user(), f) : target(r.user(), isSpam);
        return box.flatMap(m -> store.messages().append(new AppendRequest(r.user(), m.id(), source, flags(flags),
                        Instant.now(), AppendRequest.Origin.LMTP))
                .map(appended -> m.name().path() + " uid " + appended.uid().value()));
    }

    private Mono<Mailbox> folder(UserId user, Action.FileInto f) {
        MailboxName name;
        try {
            name = MailboxName.of(f.mailbox());
        } catch (GannetException e) {
            return target(user, false);
        }
        Mono<Mailbox> existing = store.mailboxes().get(user, name);
        Mono<Mailbox> created = !f.create() ? target(user, false)
                : store.mailboxes().create(user, name, java.util.Optional.empty())
                        // created by a racing delivery meanwhile: use it
                        .onErrorResume(GannetException.AlreadyExists.class, e -> store.mailboxes().get(user, name))
                        .onErrorResume(GannetException.Invalid.class, e -> target(user, false));
        return existing.switchIfEmpty(Mono.defer(() -> created));
    }

    /** Sieve flags as the store takes them; a flag the store refuses is left out rather than losing the message. */
    private static Flags flags(Set<String> flags) {
        if (flags.isEmpty()) {
            return Flags.NONE;
        }
        List<String> ok = new ArrayList<>();
        for (String f : flags) {
            try {
                Flags.parse(List.of(f));
                ok.add(f);
            } catch (GannetException e) {
                // \Recent and unknown system flags cannot be set
            }
        }
        return Flags.parse(ok);
    }

    private Mono<Mailbox> target(UserId user, boolean isSpam) {
        Mono<Mailbox> inbox = Mono.defer(() -> store.mailboxes().get(user, MailboxName.of("INBOX")));
        Mono<Mailbox> box = isSpam ? store.mailboxes().bySpecialUse(user, SpecialUse.JUNK).switchIfEmpty(inbox) : inbox;
        return box.switchIfEmpty(Mono.error(() -> GannetException.notFound("INBOX of " + user.value())));
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
        return spool("rcpt-", out -> {
            out.write(trace);
            try (InputStream in = body.open()) {
                in.transferTo(out);
            }
        });
    }

    /** What {@link #spool} writes into its file. */
    private interface SpoolWriter {
        void write(OutputStream out) throws IOException;
    }

    /** A spool file written by {@code writer} (removed again if writing fails), as a message source. */
    private Mono<MessageSource> spool(String prefix, SpoolWriter writer) {
        return Mono.fromCallable(() -> {
            Files.createDirectories(options.spoolDir());
            Path copy = Files.createTempFile(options.spoolDir(), prefix, ".eml");
            try (OutputStream out = Files.newOutputStream(copy)) {
                writer.write(out);
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
