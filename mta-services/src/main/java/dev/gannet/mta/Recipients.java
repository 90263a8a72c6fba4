package dev.gannet.mta;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AddressStore;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Resolution;
import dev.gannet.core.store.User;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * The recipient questions an MTA asks, answered the way LMTP's RCPT answers them: {@link AddressStore#resolve}
 * (exact address, then {@code name@d} for {@code name+tag@d}, then {@code *@d}), then the user it names, which
 * must still exist. Forwarded addresses resolve by the same steps but name no user.
 */
public final class Recipients {

    private final MailStore store;

    public Recipients(MailStore store) {
        this.store = store;
    }

    /** The address as the MTA wrote it, or empty when it is no valid address (so it is nobody's). */
    public static Optional<EmailAddress> parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            EmailAddress a = EmailAddress.parse(s);
            return a.isWildcard() ? Optional.empty() : Optional.of(a);
        } catch (GannetException.Invalid e) {
            return Optional.empty();
        }
    }

    /** The resolution of an address, empty when nothing matches. */
    public Mono<Resolution> resolve(EmailAddress address) {
        return store.addresses().resolve(address);
    }

    /** The user LMTP would deliver {@code address} to; empty for unknown and forwarded addresses. */
    public Mono<User> user(EmailAddress address) {
        return resolve(address).filter(r -> r.kind() != Resolution.Kind.FORWARDED)
                .flatMap(r -> store.users().get(r.user()));
    }
}
