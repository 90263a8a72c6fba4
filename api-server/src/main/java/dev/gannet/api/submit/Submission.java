package dev.gannet.api.submit;

import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.UserId;
import jakarta.mail.internet.InternetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every submission route shares: the sender must be one of the user's own addresses, recipients are
 * normalised and de-duplicated, counted against the user's daily allowance with a conditional counter before
 * anything is queued, the copy is stored first (so a full mailbox refuses the send) and removed again if queueing
 * fails, and the message is queued as {@code SUBMISSION} with the exact bytes stored.
 */
final class Submission {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MailStore store;
    private final Allowance allowance;
    private final int maxRecipients;

    Submission(MailStore store, Allowance allowance, int maxRecipients) {
        this.store = store;
        this.allowance = allowance;
        this.maxRecipients = maxRecipients;
    }

    MailStore store() {
        return store;
    }

    /** The user's addresses, main first. */
    List<AddressEntry> addresses(UserId user) {
        List<AddressEntry> all = store.addresses().byUser(user).collectList().block();
        return all.stream().sorted((a, b) -> Boolean.compare(b.main(), a.main())).toList();
    }

    /** The user's main address; 400 when the user has none to send from. */
    EmailAddress mainAddress(UserId user) {
        return addresses(user).stream().filter(a -> !a.address().localPart().equals("*")).findFirst()
                .map(AddressEntry::address)
                .orElseThrow(() -> ApiException.badRequest("the user has no address to send from"));
    }

    /** {@code address} if it is one of the user's (a wildcard covers its domain); 403 otherwise. */
    EmailAddress ownAddress(UserId user, String address, String field) {
        EmailAddress a;
        try {
            a = EmailAddress.parse(address);
        } catch (GannetException.Invalid e) {
            throw ApiException.badRequest("field " + field + " is not a valid address");
        }
        for (AddressEntry e : addresses(user)) {
            EmailAddress own = e.address();
            if (own.key().equals(a.key()) || (own.localPart().equals("*") && own.domain().equals(a.domain()))) {
                return a;
            }
        }
        throw new ApiException(403, "Forbidden", "field " + field + ": " + a.key() + " is not an address of this user");
    }

    /** Normalised, de-duplicated (ignoring case) envelope recipients; 400 naming {@code field}. */
    List<String> recipients(List<InternetAddress> addresses, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        for (InternetAddress ia : addresses) {
            try {
                EmailAddress a = EmailAddress.parse(ia.getAddress());
                if (a.localPart().equals("*")) {
                    throw GannetException.invalid("wildcard");
                }
                out.putIfAbsent(a.key(), a.localPart() + "@" + a.domain());
            } catch (GannetException.Invalid | NullPointerException e) {
                throw ApiException.badRequest("field " + field + ": " + ia.getAddress() + " is not a valid address");
            }
        }
        if (out.size() > maxRecipients) {
            throw ApiException.badRequest("field " + field + ": at most " + maxRecipients + " recipients per message");
        }
        return List.copyOf(out.values());
    }

    /** Refuses a {@code sendTime} in the future: the queue sends at once and keeps no deferred messages yet. */
    static void sendNow(String sendTime) {
        if (sendTime == null || sendTime.isBlank()) {
            return;
        }
        Instant at;
        try {
            at = Instant.parse(sendTime);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("field sendTime must be an ISO 8601 instant");
        }
        if (at.isAfter(Instant.now().plusSeconds(5))) {
            throw ApiException.badRequest("field sendTime: deferred sending is not supported yet, leave it out to send now");
        }
    }

    /** Counts {@code n} recipients against the user's day; 403 RateLimitedError, and nothing counted, past it. */
    void count(UserId user, int n) {
        allowance.take(user, n);
    }

    /** The user's mailbox of this special use; 404 when it has none. */
    Mailbox special(UserId user, SpecialUse use) {
        return Call.await(store.mailboxes().bySpecialUse(user, use), "the user has no " + use.attribute() + " mailbox");
    }

    Appended storeCopy(UserId user, Mailbox mailbox, byte[] bytes, Flags flags) {
        return Call.await(store.messages().append(new AppendRequest(user, mailbox.id(), MessageSource.of(bytes), flags,
                null, AppendRequest.Origin.API)), "no such mailbox");
    }

    /** Queues the message; if that fails, the stored copy is removed again so Sent shows nothing unsent. */
    String enqueue(UserId user, String from, List<String> rcpts, byte[] bytes, Appended copy, String origin) {
        try {
            return Call.await(store.outbound().enqueue(new OutboundQueue.Request(user, OutboundQueue.Kind.SUBMISSION,
                    from, rcpts, MessageSource.of(bytes), origin)), "not queued");
        } catch (RuntimeException e) {
            if (copy != null) {
                store.messages().expunge(copy.mailbox(), UidSet.of(copy.uid())).onErrorResume(x -> reactor.core.publisher.Mono.empty())
                        .block();
            }
            throw e;
        }
    }

    /** All bytes of stored content (a stored message is within store.maxMessageBytes). */
    static byte[] bytes(dev.gannet.core.store.Content c) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(c.size(), Integer.MAX_VALUE - 16));
        List<java.nio.ByteBuffer> parts = c.bytes().collectList().block(Duration.ofMinutes(2));
        if (parts != null) {
            for (java.nio.ByteBuffer b : parts) {
                byte[] chunk = new byte[b.remaining()];
                b.duplicate().get(chunk);
                out.writeBytes(chunk);
            }
        }
        return out.toByteArray();
    }

    static String messageId(String domain) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "<" + HexFormat.of().formatHex(b) + "@" + domain + ">";
    }
}
