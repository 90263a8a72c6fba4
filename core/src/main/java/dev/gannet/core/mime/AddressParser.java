package dev.gannet.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an address-list header (RFC 5322 §3.4, with the obsolete route syntax of §4.4) into
 * ENVELOPE address structures (RFC 3501 §7.4.2), keeping display names raw (encoded-words are not
 * decoded) and unquoted. It never fails: broken input is repaired the way Dovecot repairs it, with
 * {@code MISSING_MAILBOX}, {@code MISSING_DOMAIN}, {@code SYNTAX_ERROR} or {@code INVALID_ROUTE}
 * filled in, a trailing comment serving as the name of a bare addr-spec, and garbage skipped up to
 * the next comma.
 */
final class AddressParser extends Rfc5322Lexer {

    private static final int MAX_ADDRESSES = 10_000;

    private final List<Address> out = new ArrayList<>();

    private AddressParser(String s) {
        super(s);
    }

    static List<Address> parse(String value) {
        if (value == null) {
            return List.of();
        }
        AddressParser parser = new AddressParser(value);
        try {
            parser.addressList();
        } catch (RuntimeException e) {
            // Whatever was parsed before the surprise is kept.
        }
        return List.copyOf(parser.out);
    }

    private void addressList() {
        skipCfws();
        while (!atEnd() && out.size() < MAX_ADDRESSES) {
            int before = p;
            if (!group()) {
                mailbox();
            }
            skipCfws();
            if (atEnd()) {
                return;
            }
            if (peek() != ',') {
                skipPast(',', before);
            } else {
                p++;
            }
            skipCfws();
        }
    }

    private boolean group() {
        int start = p;
        String phrase = phrase();
        if (phrase.isEmpty() || atEnd() || peek() != ':') {
            p = start;
            return false;
        }
        p++;
        out.add(Address.groupStart(phrase));
        skipCfws();
        while (!atEnd() && peek() != ';' && out.size() < MAX_ADDRESSES) {
            int before = p;
            mailbox();
            skipCfws();
            if (!atEnd() && peek() == ',') {
                p++;
                skipCfws();
            } else if (!atEnd() && peek() != ';') {
                while (!atEnd() && peek() != ';' && peek() != ',') {
                    p++;
                }
                if (p == before) {
                    p++;
                }
            }
        }
        if (!atEnd() && peek() == ';') {
            p++;
        }
        out.add(Address.groupEnd());
        return true;
    }

    private void mailbox() {
        int start = p;
        if (!nameAddr()) {
            p = start;
            addrSpec();
        }
    }

    private boolean nameAddr() {
        String phrase = phrase();
        if (atEnd() || peek() != '<') {
            return false;
        }
        p++;
        String name = phrase.isEmpty() ? null : phrase;
        String route = null;
        String mailbox = null;
        String domain = null;
        boolean broken = false;
        skipCfws();
        if (!atEnd() && peek() == '@') {
            route = domainList();
            if (!atEnd() && peek() == ':') {
                p++;
            } else {
                route = "INVALID_ROUTE";
            }
            skipCfws();
        }
        if (!atEnd() && peek() != '>') {
            mailbox = localPart();
            if (mailbox == null) {
                broken = true;
            } else if (!atEnd() && peek() == '@') {
                p++;
                domain = domain();
                broken = domain == null;
            }
        }
        if (!broken && !atEnd() && peek() == '>') {
            p++;
        } else {
            broken = true;
            while (!atEnd() && peek() != '>' && peek() != ',') {
                p++;
            }
            if (!atEnd() && peek() == '>') {
                p++;
            }
        }
        add(name, route, mailbox, broken ? "SYNTAX_ERROR" : domain);
        return true;
    }

    private void addrSpec() {
        lastComment = null;
        int start = p;
        boolean quoted = !atEnd() && peek() == '"';
        String mailbox = localPart();
        String domain = null;
        boolean sawAt = false;
        if (mailbox != null && !atEnd() && peek() == '@') {
            sawAt = true;
            p++;
            domain = domain();
        }
        String name = null;
        if (lastComment != null && !lastComment.isEmpty()) {
            name = lastComment;
        } else if (!sawAt) {
            String more = phrase();
            if (!more.isEmpty()) {
                name = mailbox == null ? more : mailbox + " " + more;
                mailbox = null;
            } else if (!quoted) {
                domain = "";
            } else {
                name = mailbox;
                mailbox = null;
            }
        }
        if (p == start) {
            return;
        }
        add(name, null, mailbox, domain);
    }

    private void add(String name, String route, String mailbox, String domain) {
        out.add(new Address(name, route, mailbox == null ? "MISSING_MAILBOX" : mailbox,
                domain == null || domain.isEmpty() ? "MISSING_DOMAIN" : domain));
    }

    private String domainList() {
        StringBuilder route = new StringBuilder();
        while (!atEnd() && peek() == '@') {
            p++;
            String d = domain();
            if (d == null) {
                break;
            }
            if (route.length() > 0) {
                route.append(',');
            }
            route.append('@').append(d);
            skipCfws();
            while (!atEnd() && peek() == ',') {
                p++;
                skipCfws();
            }
        }
        return route.toString();
    }

    private String localPart() {
        skipCfws();
        if (!atEnd() && peek() == '"') {
            String q = quotedString();
            skipCfws();
            return q;
        }
        String atom = dotAtom();
        return atom.isEmpty() ? null : atom;
    }

    private String domain() {
        skipCfws();
        if (!atEnd() && peek() == '[') {
            int start = p;
            while (!atEnd() && peek() != ']') {
                p++;
            }
            if (!atEnd()) {
                p++;
            }
            String literal = s.substring(start, p);
            skipCfws();
            return literal;
        }
        String d = dotAtom();
        return d.isEmpty() ? null : d;
    }
}
