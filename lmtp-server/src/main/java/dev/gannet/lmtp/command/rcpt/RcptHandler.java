package dev.gannet.lmtp.command.rcpt;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.QuotaUsage;
import dev.gannet.core.store.Resolution;
import dev.gannet.core.store.User;
import dev.gannet.lmtp.delivery.DeliveryMetrics;
import dev.gannet.lmtp.delivery.LmtpErrors;
import dev.gannet.lmtp.delivery.Recipient;
import dev.gannet.lmtp.protocol.LmtpCommand;
import dev.gannet.lmtp.protocol.Reply;
import dev.gannet.delivery.outbound.Srs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * RCPT TO (RFC 5321 §4.1.1.3, RFC 2033 §4.2): resolves the address through the store (exact address,
 * sub-address, {@code *@domain} wildcard; an alias is simply another user's address; a forwarded address is
 * accepted for forwarding) and answers at once
 * for what is already known: unknown 550 5.1.1, disabled 550 5.2.1, a full mailbox 552 5.2.2 (or 452
 * 4.2.2 when configured), the store unreachable 451 4.3.0. Whether the message fits is checked again
 * when it is stored. A valid SRS0 address of {@code outbound.srsDomain} (a bounce of mail we forwarded) is
 * resolved as the original sender it names, which must be local; a forged or expired one is 550 5.1.1.
 */
public final class RcptHandler {

    private static final Logger log = LoggerFactory.getLogger(RcptHandler.class);

    /** The reply, and the recipient when it was accepted. */
    public record Result(Reply reply, Recipient accepted) {
    }

    private final MailStore store;
    private final boolean overQuotaTemporary;
    private final Duration timeout;
    private final DeliveryMetrics metrics;
    private final Srs srs;

    public RcptHandler(MailStore store, boolean overQuotaTemporary, Duration timeout, DeliveryMetrics metrics) {
        this(store, overQuotaTemporary, timeout, metrics, null);
    }

    /** With {@code srs} (may be null), a bounce to one of our SRS0 addresses goes to the original local sender. */
    public RcptHandler(MailStore store, boolean overQuotaTemporary, Duration timeout, DeliveryMetrics metrics, Srs srs) {
        this.store = store;
        this.overQuotaTemporary = overQuotaTemporary;
        this.timeout = timeout;
        this.metrics = metrics;
        this.srs = srs;
    }

    /** Never errors: failures become the reply. {@code declaredSize} is MAIL's SIZE, or -1. */
    public Mono<Result> handle(LmtpCommand.Rcpt command, long declaredSize) {
        if (srs != null) {
            Srs.Reversed reversed = srs.reverse(command.address().toString());
            if (reversed instanceof Srs.Reversed.Invalid invalid) {
                return Mono.just(refused(command, Reply.of(550, "5.1.1", "<" + command.path() + "> "
                        + invalid.reason()), "bad_srs"));
            }
            if (reversed instanceof Srs.Reversed.Valid valid) {
                EmailAddress original;
                try {
                    original = EmailAddress.parse(valid.original());
                } catch (RuntimeException e) {
                    return Mono.just(refused(command, Reply.of(550, "5.1.1", "<" + command.path()
                            + "> malformed SRS0 address"), "bad_srs"));
                }
                // the bounce goes back only to a sender of ours; anyone else's is not ours to relay
                LmtpCommand.Rcpt back = new LmtpCommand.Rcpt(command.path(), original);
                return resolve(back, declaredSize);
            }
        }
        return resolve(command, declaredSize);
    }

    private Mono<Result> resolve(LmtpCommand.Rcpt command, long declaredSize) {
        return store.addresses().resolve(command.address())
                .flatMap(resolution -> resolution.kind() == Resolution.Kind.FORWARDED ? forwarded(command, resolution)
                        : store.users().get(resolution.user()).flatMap(user -> check(command, user, declaredSize)))
                .switchIfEmpty(Mono.fromSupplier(() -> refused(command,
                        Reply.of(550, "5.1.1", "<" + command.path() + "> No such user here"), "unknown_user")))
                .timeout(timeout)
                .onErrorResume(e -> {
                    LmtpErrors.Outcome outcome = LmtpErrors.of(e, overQuotaTemporary);
                    if (outcome == LmtpErrors.UNAVAILABLE) {
                        log.warn("rcpt={} lookup failed: {}", command.address(), e.toString());
                    }
                    return Mono.just(refused(command, outcome.reply(), outcome.reason()));
                });
    }

    /** A forwarded address: accepted unless forwarding is disabled on it; delivery queues the forward. */
    private Mono<Result> forwarded(LmtpCommand.Rcpt command, Resolution resolution) {
        return store.forwarding().byAddress(resolution.matched()).map(a -> a.forwardedDisabled()
                ? refused(command, Reply.of(550, "5.2.1", "<" + command.path() + "> Mailbox disabled"), "disabled")
                : new Result(Reply.of(250, "2.1.5", "<" + command.path() + "> Recipient OK"),
                        new Recipient(command.path(), command.address(), null, resolution.matched())));
    }

    private Mono<Result> check(LmtpCommand.Rcpt command, User user, long declaredSize) {
        if (user.disabled()) {
            return Mono.just(refused(command, Reply.of(550, "5.2.1", "<" + command.path() + "> Mailbox disabled"),
                    "disabled"));
        }
        // the user document just read carries usage and limit: no second read for the quota check
        long bytes = Math.max(0, declaredSize);
        QuotaUsage quota = new QuotaUsage(user.storageUsed(), user.quotaLimit());
        if (quota.exceededBy(bytes)) {
            GannetException.OverQuota e = new GannetException.OverQuota(quota.used(), quota.limit(), bytes);
            return Mono.just(refused(command, LmtpErrors.of(e, overQuotaTemporary).reply(), "over_quota"));
        }
        return Mono.just(new Result(Reply.of(250, "2.1.5", "<" + command.path() + "> Recipient OK"),
                new Recipient(command.path(), command.address(), user.id())));
    }

    private Result refused(LmtpCommand.Rcpt command, Reply reply, String reason) {
        log.info("rcpt=<{}> refused: {} ({})", command.address(), reply.summary(), reason);
        metrics.record(reply.code(), reason, 0, null);
        return new Result(reply, null);
    }
}
