package dev.gannet.core.store;

import dev.gannet.core.error.GannetException;
import java.net.IDN;
import java.util.Locale;

/**
 * A normalised mailbox address (RFC 5321 §2.4): the domain is lower-cased and converted to ASCII (IDNA,
 * via {@link IDN}); the local part is kept as given, because it is the user's spelling, but compared
 * case-insensitively through {@link #key()}. A local part of {@code *} is a domain wildcard.
 */
public record EmailAddress(String localPart, String domain) {

    public EmailAddress {
        if (localPart == null || localPart.isEmpty() || localPart.length() > 64) {
            throw GannetException.invalid("address local part must be 1..64 characters");
        }
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '@' || c == '<' || c == '>') {
                throw GannetException.invalid("address local part contains a forbidden character");
            }
        }
        domain = normaliseDomain(domain);
    }

    /** Parses {@code local@domain}; the split is at the last {@code @}. */
    public static EmailAddress parse(String address) {
        if (address == null) {
            throw GannetException.invalid("address is missing");
        }
        String s = address.strip();
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw GannetException.invalid("address needs local@domain");
        }
        return new EmailAddress(s.substring(0, at), s.substring(at + 1));
    }

    /** The wildcard {@code *@domain}. */
    public static EmailAddress wildcard(String domain) {
        return new EmailAddress("*", domain);
    }

    static String normaliseDomain(String domain) {
        if (domain == null || domain.isEmpty()) {
            throw GannetException.invalid("address domain is missing");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw GannetException.invalid("address domain is not a valid domain name");
        }
        if (ascii.isEmpty() || ascii.length() > 253 || ascii.startsWith(".") || ascii.endsWith(".")
                || !ascii.matches("[a-z0-9.\\-\\[\\]:_]+")) {
            throw GannetException.invalid("address domain is not a valid domain name");
        }
        return ascii;
    }

    public boolean isWildcard() {
        return localPart.equals("*");
    }

    /** The case-insensitive lookup key: lower-cased local part, {@code @}, ASCII domain. */
    public String key() {
        return localPart.toLowerCase(Locale.ROOT) + "@" + domain;
    }

    /** {@code user+tag@d} → {@code user@d} (sub-addressing, RFC 5233); null if there is no tag. */
    public EmailAddress withoutTag() {
        int plus = localPart.indexOf('+');
        if (plus <= 0) {
            return null;
        }
        return new EmailAddress(localPart.substring(0, plus), domain);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
