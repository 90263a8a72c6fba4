package dev.gannet.delivery.sieve;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Address parts for {@code address} and {@code envelope} (RFC 5228 §2.7.4) and subaddresses (RFC 5233, with
 * "+" as the separator, as Gannet's address resolution uses it).
 */
final class Addresses {

    private Addresses() {
    }

    /** The addresses in a header value; a value that does not parse is taken whole. */
    static List<String> parse(String value) {
        List<String> out = new ArrayList<>();
        try {
            for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                if (a.isGroup()) {
                    for (InternetAddress m : a.getGroup(false)) {
                        out.add(m.getAddress());
                    }
                } else if (a.getAddress() != null) {
                    out.add(a.getAddress());
                }
            }
        } catch (AddressException e) {
            out.add(value.trim());
        }
        return out;
    }

    /** The part of {@code addr}, or null when it has none (:detail of an address without "+"). */
    static String part(String addr, String part) {
        int at = addr.lastIndexOf('@');
        String local = at < 0 ? addr : addr.substring(0, at);
        String domain = at < 0 ? "" : addr.substring(at + 1);
        int plus = local.indexOf('+');
        return switch (part.toLowerCase(Locale.ROOT)) {
            case "localpart" -> local;
            case "domain" -> domain;
            case "user" -> plus < 0 ? local : local.substring(0, plus);
            case "detail" -> plus < 0 ? null : local.substring(plus + 1);
            default -> addr;
        };
    }
}
