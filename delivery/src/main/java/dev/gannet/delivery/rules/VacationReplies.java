package dev.gannet.delivery.rules;

import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.UserId;
import dev.gannet.delivery.sieve.Action;
import dev.gannet.delivery.sieve.MailContext;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Sends the reply a {@code vacation} action asks for, when RFC 5230 §4.5 and RFC 3834 §2 allow it: never to
 * the null sender, to list or bulk mail (List-Id, List-*, Precedence bulk/list/junk), to automatic mail
 * (Auto-Submitted other than "no"), to a system address (MAILER-DAEMON, owner-*, *-request, ...), to the user's own
 * addresses, nor to a message that names none of the user's addresses in To/Cc/Bcc/Resent-*; and only once per
 * sender and handle per period, through {@link dev.gannet.core.store.VacationLog#claim}. The reply goes to the
 * envelope sender with the null envelope sender, {@code Auto-Submitted: auto-replied}, In-Reply-To and References.
 */
public final class VacationReplies {

    private static final Logger log = LoggerFactory.getLogger(VacationReplies.class);
    private static final List<String> RECIPIENT_FIELDS = List.of("to", "cc", "bcc", "resent-to", "resent-cc", "resent-bcc");
    private static final Set<String> SYSTEM_LOCALS = Set.of("mailer-daemon", "listserv", "majordomo", "postmaster",
            "noreply", "no-reply", "do-not-reply", "donotreply");

    private final MailStore store;
    private final String hostname;
    private final Clock clock;

    public VacationReplies(MailStore store, String hostname, Clock clock) {
        this.store = store;
        this.hostname = hostname;
        this.clock = clock;
    }

    /**
     * Queues the reply if it is due; emits whether it was queued. Fails only when the store fails (the claim
     * is given back when queueing fails, so the next message gets the reply).
     *
     * @param recipient the address the message was delivered to
     * @param own every address of the user
     */
    public Mono<Boolean> respond(UserId user, Action.Vacation v, MailContext ctx, String recipient, List<String> own,
            String origin) {
        String sender = ctx.envelopeFrom().orElse("");
        String why = refusal(v, ctx, sender, recipient, own);
        if (why != null) {
            log.info("vacation user={} no reply: {}", user.value(), why);
            return Mono.just(false);
        }
        Instant now = clock.instant();
        Instant until = now.plus(v.period());
        return store.vacations().claim(user, sender, v.handle(), now, until).flatMap(won -> {
            if (!won) {
                log.info("vacation user={} no reply: already replied within the period", user.value());
                return Mono.just(false);
            }
            byte[] reply = build(v, ctx, sender, recipient);
            return store.outbound().enqueue(new OutboundQueue.Request(user, OutboundQueue.Kind.AUTOREPLY, "",
                            List.of(sender), MessageSource.of(reply), origin))
                    .map(id -> {
                        log.info("vacation user={} reply queued id={}", user.value(), id);
                        return true;
                    })
                    .onErrorResume(e -> store.vacations().release(user, sender, v.handle(), until).onErrorResume(x -> Mono.empty())
                            .then(Mono.error(e)));
        });
    }

    /** Why no reply is sent, or null when one may be. */
    static String refusal(Action.Vacation v, MailContext ctx, String sender, String recipient, List<String> own) {
        if (sender.isEmpty() || !sender.contains("@")) {
            return "null or bad envelope sender";
        }
        String local = sender.substring(0, sender.lastIndexOf('@')).toLowerCase(Locale.ROOT);
        if (SYSTEM_LOCALS.contains(local) || local.startsWith("owner-") || local.endsWith("-request")
                || local.startsWith("bounce") || local.endsWith("-bounces")) {
            return "system sender";
        }
        List<String> auto = ctx.header("auto-submitted");
        if (auto.stream().anyMatch(a -> !a.trim().toLowerCase(Locale.ROOT).startsWith("no"))) {
            return "automatic message";
        }
        if (ctx.header("precedence").stream().anyMatch(p -> p.trim().toLowerCase(Locale.ROOT).matches("bulk|list|junk"))) {
            return "bulk or list precedence";
        }
        for (String h : List.of("list-id", "list-unsubscribe", "list-post", "list-help", "x-list", "mailing-list")) {
            if (!ctx.header(h).isEmpty()) {
                return "list message";
            }
        }
        Set<String> mine = new java.util.HashSet<>();
        mine.add(recipient.toLowerCase(Locale.ROOT));
        own.forEach(a -> mine.add(a.toLowerCase(Locale.ROOT)));
        v.addresses().forEach(a -> mine.add(a.toLowerCase(Locale.ROOT)));
        if (v.from() != null) {
            mine.add(bare(v.from()).toLowerCase(Locale.ROOT));
        }
        if (mine.contains(sender.toLowerCase(Locale.ROOT))) {
            return "sender is the user";
        }
        Set<String> mineBase = mine.stream().map(VacationReplies::withoutDetail).collect(Collectors.toSet());
        for (String field : RECIPIENT_FIELDS) {
            for (String value : ctx.header(field)) {
                for (String a : addresses(value)) {
                    String l = a.toLowerCase(Locale.ROOT);
                    if (mine.contains(l) || mineBase.contains(withoutDetail(l))) {
                        return null;
                    }
                }
            }
        }
        return "none of the user's addresses in the recipient fields";
    }

    private static String withoutDetail(String a) {
        int at = a.lastIndexOf('@');
        int plus = a.indexOf('+');
        return plus > 0 && plus < at ? a.substring(0, plus) + a.substring(at) : a;
    }

    private static List<String> addresses(String value) {
        List<String> out = new ArrayList<>();
        try {
            for (jakarta.mail.internet.InternetAddress a : jakarta.mail.internet.InternetAddress.parseHeader(value, false)) {
                if (a.getAddress() != null) {
                    out.add(a.getAddress());
                }
            }
        } catch (jakarta.mail.internet.AddressException e) {
            // an unparsable field names nobody
        }
        return out;
    }

    private static String bare(String address) {
        List<String> a = addresses(address);
        return a.isEmpty() ? address : a.get(0);
    }

    byte[] build(Action.Vacation v, MailContext ctx, String sender, String recipient) {
        String from = v.from() != null ? clean(v.from()) : recipient;
        String originalSubject = ctx.header("subject").stream().findFirst().orElse("");
        String subject = v.subject() != null ? v.subject() : "Auto: " + originalSubject;
        String messageId = ctx.header("message-id").stream().findFirst().map(String::trim).orElse(null);
        String references = ctx.header("references").stream().findFirst().map(String::trim).orElse(null);
        StringBuilder h = new StringBuilder();
        h.append("From: ").append(from).append("\r\n");
        h.append("To: <").append(sender).append(">\r\n");
        h.append("Subject: ").append(encode(clean(subject))).append("\r\n");
        h.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock))).append("\r\n");
        h.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(hostname).append(">\r\n");
        if (messageId != null && messageId.startsWith("<")) {
            h.append("In-Reply-To: ").append(clean(messageId)).append("\r\n");
            String refs = (references == null ? "" : clean(references) + " ") + clean(messageId);
            h.append("References: ").append(refs.length() > 900 ? clean(messageId) : refs).append("\r\n");
        }
        h.append("Auto-Submitted: auto-replied\r\n");
        h.append("MIME-Version: 1.0\r\n");
        String reason = v.reason().replace("\r\n", "\n").replace("\n", "\r\n");
        if (v.mime()) {
            // :mime: the reason is a whole MIME entity, its own header fields first (RFC 5230 §5.8)
            return (h + reason + (reason.endsWith("\r\n") ? "" : "\r\n")).getBytes(StandardCharsets.UTF_8);
        }
        boolean ascii = reason.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            h.append("Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n").append(reason);
        } else {
            h.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(reason.getBytes(StandardCharsets.UTF_8)));
        }
        if (!h.toString().endsWith("\r\n")) {
            h.append("\r\n");
        }
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String clean(String s) {
        return s.replaceAll("[\\r\\n]+", " ").trim();
    }

    private static String encode(String s) {
        try {
            return MimeUtility.encodeText(s, "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            return s;
        }
    }
}
