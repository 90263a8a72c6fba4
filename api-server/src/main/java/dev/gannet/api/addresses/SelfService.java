package dev.gannet.api.addresses;

import dev.gannet.api.ApiException;
import dev.gannet.core.config.ConfigException;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.AddressStore;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.UserId;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a user token may add to its own account, so that no user can take mail meant for someone else.
 * Delivery resolves a recipient exactly, then by its untagged form ({@code name+tag@d} → {@code name@d},
 * RFC 5233), then by the domain's catch-all; so a user may add only a plain dot-atom address that nobody
 * has, in a domain of {@code api.selfServiceDomains}, whose local part is not reserved
 * ({@code api.reservedLocalParts}), or a sub-address of an address it already has itself. A catch-all,
 * another user's address or any sub-address of it, a role address, or a sub-address whose untagged form is
 * nobody's yet (which would catch that address's tagged mail once someone gets it) are refused. The unique
 * {@code _id} of an address settles races between users; {@link AddressStore#addSubAddress} settles a race
 * with the delete of the untagged form.
 */
final class SelfService {

    /** RFC 5322 dot-atom: no quoted strings, no comments, no empty or doubled dots. */
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'+/=?^_`{|}~-]+)*");
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final Set<String> domains;
    private final Set<String> reserved;

    SelfService(Set<String> domains, Set<String> reserved) {
        this.domains = Set.copyOf(domains);
        this.reserved = Set.copyOf(reserved);
    }

    static SelfService from(GannetConfig config) {
        Set<String> domains = config.get(Settings.API_SELF_SERVICE_DOMAINS).stream().map(d -> {
            try {
                return EmailAddress.wildcard(d).domain();
            } catch (GannetException.Invalid e) {
                throw new ConfigException(Settings.API_SELF_SERVICE_DOMAINS.key() + ": " + d + " is not a domain name");
            }
        }).collect(Collectors.toSet());
        Set<String> reserved = config.get(Settings.API_RESERVED_LOCAL_PARTS).stream()
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new SelfService(domains, reserved);
    }

    /** Adds {@code a} for {@code user}, asked with that user's own token, or answers why not (400/403/409). */
    AddressEntry add(AddressStore store, UserId user, EmailAddress a, boolean main) {
        if (a.isWildcard()) {
            throw ApiException.forbidden("a catch-all address needs the root access token");
        }
        if (!DOT_ATOM.matcher(a.localPart()).matches()) {
            throw ApiException.badRequest("field address: with a user token the local part must be a plain dot-atom "
                    + "(letters, digits, !#$%&'+/=?^_`{|}~- and single dots; no quotes)");
        }
        if (!domains.contains(a.domain())) {
            throw ApiException.forbidden("the domain " + a.domain() + " is not open for self-service");
        }
        EmailAddress base = a.withoutTag();
        if (base == null) {
            if (reserved.contains(a.localPart().toLowerCase(Locale.ROOT))) {
                throw ApiException.forbidden(a + " is a reserved role address");
            }
            try {
                return store.add(user, a, main).block(TIMEOUT);
            } catch (GannetException.AlreadyExists e) {
                throw taken(a);
            }
        }
        AddressEntry owner = store.get(base).block(TIMEOUT);
        if (owner == null) {
            throw ApiException.forbidden("a sub-address can be added only to an address the user has: add " + base + " first");
        }
        if (!owner.user().equals(user)) {
            throw new ApiException(409, "AlreadyExists", base + " and its sub-addresses belong to another user");
        }
        try {
            return store.addSubAddress(user, a, main).block(TIMEOUT);
        } catch (GannetException.AlreadyExists e) {
            throw taken(a);
        } catch (GannetException.Conflict e) {
            throw new ApiException(409, "Conflict", base + " is no longer the user's");
        }
    }

    private static ApiException taken(EmailAddress a) {
        return new ApiException(409, "AlreadyExists", "the address " + a + " is already taken");
    }
}
