package dev.gannet.delivery.spam;

import dev.gannet.core.store.MessageSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spam check at delivery: asks rspamd once per message and turns its action into a Junk verdict. It never
 * fails a delivery: a message over {@code rspamd.maxScanSize} is skipped, and when rspamd is down, slow or answers
 * no verdict the message is bypassed (delivered unchecked), counted by reason and logged at WARN at most once a
 * minute with the number of bypasses since (no message content, never the password). Meters:
 * {@code gannet.rspamd.checked}, {@code .spam}, {@code .bypassed{reason=down|timeout|error}}, {@code .skipped},
 * and the {@code gannet.rspamd.latency} timer.
 */
public final class RspamdCheck {

    private static final Logger log = LoggerFactory.getLogger(RspamdCheck.class);
    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    /** What the check decided; {@code verdict} is null when rspamd was not asked or did not answer. */
    public record Outcome(boolean spam, RspamdClient.Verdict verdict) {
        public static final Outcome UNCHECKED = new Outcome(false, null);

        /**
         * The fields delivery puts in front of the message after its trace fields when rspamd answered, in the form
         * SpamAssassin made common ({@code X-Spam-Status: Yes, score=7.10 required=15.00}) and rspamd's action.
         */
        public String traceFields() {
            if (verdict == null) {
                return "";
            }
            return String.format(Locale.ROOT, "X-Spam-Status: %s, score=%.2f required=%.2f\r\nX-Rspamd-Action: %s\r\n",
                    spam ? "Yes" : "No", verdict.score(), verdict.requiredScore(), printable(verdict.action()));
        }
    }

    private final RspamdOptions options;
    private final RspamdClient client;
    private final Counter checked;
    private final Counter spam;
    private final Counter skipped;
    private final Map<String, Counter> bypassed;
    private final Timer latency;
    private final AtomicLong nextWarn = new AtomicLong(System.nanoTime());
    private final AtomicLong unwarned = new AtomicLong();

    public RspamdCheck(RspamdOptions options, MeterRegistry registry) {
        this.options = options;
        this.client = new RspamdClient(options);
        this.checked = Counter.builder("gannet.rspamd.checked").description("messages rspamd gave a verdict on")
                .register(registry);
        this.spam = Counter.builder("gannet.rspamd.spam").description("messages filed into Junk on rspamd's verdict")
                .register(registry);
        this.skipped = Counter.builder("gannet.rspamd.skipped")
                .description("messages over rspamd.maxScanSize, delivered unchecked").register(registry);
        this.bypassed = Map.of("down", bypassCounter(registry, "down"), "timeout", bypassCounter(registry, "timeout"),
                "error", bypassCounter(registry, "error"));
        this.latency = Timer.builder("gannet.rspamd.latency").description("time rspamd took to answer").register(registry);
    }

    private static Counter bypassCounter(MeterRegistry registry, String reason) {
        return Counter.builder("gannet.rspamd.bypassed").tag("reason", reason)
                .description("messages delivered unchecked because rspamd was down, slow or failed").register(registry);
    }

    /** The verdict on {@code message}; never errors, an unchecked message is {@link Outcome#UNCHECKED}. */
    public Mono<Outcome> check(MessageSource message, RspamdClient.Request request) {
        return Mono.defer(() -> {
            if (message.size() > options.maxScanSize()) {
                skipped.increment();
                log.debug("queue={} not sent to rspamd: {} bytes over rspamd.maxScanSize", request.queueId(), message.size());
                return Mono.just(Outcome.UNCHECKED);
            }
            long started = System.nanoTime();
            return client.check(message, request)
                    // the client's own timeout covers the answer's head; this one the whole exchange
                    .timeout(options.timeout())
                    .map(v -> {
                        latency.record(Duration.ofNanos(System.nanoTime() - started));
                        checked.increment();
                        boolean isSpam = options.spamActions().contains(v.action());
                        if (isSpam) {
                            spam.increment();
                        }
                        log.debug("queue={} rspamd action=\"{}\" score={} required={} symbols={}", request.queueId(),
                                v.action(), v.score(), v.requiredScore(), v.symbols());
                        return new Outcome(isSpam, v);
                    });
        }).onErrorResume(e -> {
            bypass(request.queueId(), e);
            return Mono.just(Outcome.UNCHECKED);
        });
    }

    private void bypass(String queueId, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String reason = reason(cause);
        bypassed.get(reason).increment();
        long count = unwarned.incrementAndGet();
        long now = System.nanoTime();
        long due = nextWarn.get();
        if (now - due >= 0 && nextWarn.compareAndSet(due, now + WARN_EVERY.toNanos())) {
            count = unwarned.getAndSet(0);
            log.warn("rspamd {} ({}): {} message(s) delivered unchecked since the last warning, the latest queue={}; "
                    + "next warning in {} at the earliest", reason, describe(reason, cause), count, queueId, WARN_EVERY);
        } else {
            log.debug("queue={} delivered unchecked: rspamd {} ({})", queueId, reason, describe(reason, cause));
        }
    }

    static String reason(Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "down";
        }
        return "error";
    }

    /** The exception's kind and first words: transport messages name hosts and states, never message content. */
    private String describe(String reason, Throwable cause) {
        if (reason.equals("timeout")) {
            return "no answer within " + options.timeout().toMillis() + " ms";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + printable(cause.getMessage()));
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && sb.length() < 64; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
