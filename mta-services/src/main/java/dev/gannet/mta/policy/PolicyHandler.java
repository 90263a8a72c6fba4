package dev.gannet.mta.policy;

import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.QuotaUsage;
import dev.gannet.core.store.User;
import dev.gannet.mta.Recipients;
import dev.gannet.mta.net.Answer;
import dev.gannet.mta.net.SerialHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * One policy delegation connection (Postfix SMTPD_POLICY_README): each request is answered {@code action=...}
 * and an empty line. At {@code protocol_state=RCPT}, a recipient that resolves to a Gannet user (as LMTP's RCPT
 * resolves it) is refused when the user is disabled ({@code 550 5.2.1}) or the mailbox is full, counting the
 * {@code size} MAIL FROM declared: {@code 552 5.2.2} as Dovecot's quota-status service answers by default, or
 * {@code 452 4.2.2} with {@code lmtp.overQuotaTemporary}, the code LMTP would give. Everything else is
 * {@code DUNNO}: unknown recipients are the socketmap's {@code mailboxes} map's to refuse. A store failure or a
 * broken limit is {@code DEFER_IF_PERMIT}, a temporary 450 that never lets mail through that would be refused.
 */
public final class PolicyHandler extends SerialHandler<PolicyRequest> {

    private static final Logger log = LoggerFactory.getLogger(PolicyHandler.class);

    static final String DUNNO = "DUNNO";
    static final String DISABLED = "550 5.2.1 Mailbox disabled";
    static final String FULL = "552 5.2.2 Mailbox full";
    static final String FULL_TEMPORARY = "452 4.2.2 Mailbox full";
    static final String UNAVAILABLE = "DEFER_IF_PERMIT Service temporarily unavailable";

    private final Recipients recipients;
    private final PolicyConfig config;

    public PolicyHandler(NodeContext context, PolicyConfig config) {
        super("policy", context.metrics(), PolicyRequest.class);
        this.recipients = new Recipients(context.store());
        this.config = config;
    }

    /** One reply: the action line and the empty line that ends it. */
    public static String reply(String action) {
        return "action=" + action + "\n\n";
    }

    /** The SMTP states Postfix names in {@code protocol_state}; the command a request is timed under, so a bounded set. */
    private static final java.util.Set<String> STATES = java.util.Set.of("connect", "helo", "ehlo", "mail", "rcpt",
            "data", "end-of-message", "vrfy", "etrn");

    @Override
    protected String command(PolicyRequest request) {
        if (request instanceof PolicyRequest.Attributes a) {
            String state = a.get("protocol_state").toLowerCase(Locale.ROOT);
            return STATES.contains(state) ? state : "other";
        }
        return "malformed";
    }

    @Override
    protected Answer failure() {
        return Answer.of(reply(UNAVAILABLE));
    }

    @Override
    protected Mono<Answer> answer(PolicyRequest request) {
        if (request instanceof PolicyRequest.Malformed m) {
            log.info("policy request refused: {}", m.reason());
            return Mono.just(Answer.closing(reply("DEFER_IF_PERMIT Malformed policy request: " + m.reason())));
        }
        PolicyRequest.Attributes a = (PolicyRequest.Attributes) request;
        if (!a.get("protocol_state").equalsIgnoreCase("RCPT")) {
            return Mono.just(Answer.of(reply(DUNNO)));
        }
        long size = size(a.get("size"));
        return Recipients.parse(a.get("recipient"))
                .map(rcpt -> recipients.user(rcpt).map(user -> verdict(user, size)).defaultIfEmpty(DUNNO))
                .orElse(Mono.just(DUNNO))
                .timeout(config.lookupTimeout())
                .onErrorResume(e -> {
                    log.warn("policy lookup failed: {}", e instanceof TimeoutException
                            ? "no answer within " + config.lookupTimeout() : e.toString());
                    return Mono.just(UNAVAILABLE);
                })
                .map(action -> Answer.of(reply(action)));
    }

    private String verdict(User user, long size) {
        if (user.disabled()) {
            return DISABLED;
        }
        // the same test LMTP's RCPT makes with MAIL's SIZE: over the limit once this message is added
        if (new QuotaUsage(user.storageUsed(), user.quotaLimit()).exceededBy(size)) {
            return config.overQuotaTemporary() ? FULL_TEMPORARY : FULL;
        }
        return DUNNO;
    }

    private static long size(String value) {
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
