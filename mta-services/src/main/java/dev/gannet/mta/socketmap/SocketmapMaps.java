package dev.gannet.mta.socketmap;

import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Resolution;
import dev.gannet.mta.Recipients;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * The tables the socketmap service answers, read from the store at every lookup (no cache, so a change through
 * the API is seen by the next lookup). Each answers the value Postfix wants, or completes empty for NOTFOUND:
 * <ul>
 * <li>{@code domains} (virtual_mailbox_domains): a domain any stored address is in, answered normalised;</li>
 * <li>{@code mailboxes} (virtual_mailbox_maps): an address LMTP delivers to a user, sub-addresses and
 * catch-alls resolved as RCPT resolves them, answered with that user's main address;</li>
 * <li>{@code aliases} (virtual_alias_maps): a forwarded address, answered with its targets, comma-separated;</li>
 * <li>{@code senders} (smtpd_sender_login_maps): an address of a user, answered with that user's login name.</li>
 * </ul>
 */
public final class SocketmapMaps {

    public static final List<String> NAMES = List.of("domains", "mailboxes", "aliases", "senders");

    private final MailStore store;
    private final Recipients recipients;

    public SocketmapMaps(MailStore store) {
        this.store = store;
        this.recipients = new Recipients(store);
    }

    /** The value for {@code key} in map {@code name} (one of {@link #NAMES}), empty when it has none. */
    public Mono<String> lookup(String name, String key) {
        return switch (name) {
            case "domains" -> domain(key);
            case "mailboxes" -> address(key, this::mailbox);
            case "aliases" -> address(key, this::alias);
            case "senders" -> address(key, a -> recipients.user(a).map(u -> u.username()));
            default -> throw new IllegalArgumentException("no map " + name);
        };
    }

    private Mono<String> domain(String key) {
        String domain = key.strip();
        if (domain.isEmpty() || domain.contains("@")) {
            return Mono.empty();
        }
        Optional<EmailAddress> wildcard = Recipients.parse("x@" + domain);
        if (wildcard.isEmpty()) {
            return Mono.empty();
        }
        String normalised = wildcard.get().domain();
        return store.addresses().hostsDomain(normalised).filter(Boolean::booleanValue).map(b -> normalised);
    }

    private static Mono<String> address(String key, java.util.function.Function<EmailAddress, Mono<String>> answer) {
        return Recipients.parse(key).map(answer).orElse(Mono.empty());
    }

    private Mono<String> mailbox(EmailAddress address) {
        return recipients.user(address).flatMap(u -> store.addresses().byUser(u.id())
                .filter(e -> e.main()).next().map(e -> e.address().toString())
                .defaultIfEmpty(address.key()));
    }

    private Mono<String> alias(EmailAddress address) {
        return recipients.resolve(address).filter(r -> r.kind() == Resolution.Kind.FORWARDED)
                .flatMap(r -> store.forwarding().byAddress(r.matched()))
                .filter(f -> !f.forwardedDisabled() && !f.targets().isEmpty())
                .map(f -> String.join(",", f.targets()));
    }
}
