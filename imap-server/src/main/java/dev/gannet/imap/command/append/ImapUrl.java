package dev.gannet.imap.command.append;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An IMAP URL naming a message or a section of one (RFC 5092 §6 {@code imessagepart}), as CATENATE takes it
 * (RFC 4469 §3): absolute ({@code imap://user@host/mailbox...}, whose user must be the authenticated one),
 * absolute path ({@code /mailbox;UIDVALIDITY=n/;UID=n}) or relative to the selected mailbox ({@code ;UID=n}),
 * with optional {@code /;SECTION=} and {@code /;PARTIAL=} (RFC 5550 URL-PARTIAL). {@code mailbox} is null for a
 * URL relative to the selected mailbox; {@code uidValidity} is 0 when not given. Anything else (URLAUTH, a
 * HEADER.FIELDS section, another user) is refused: the handler answers {@code NO [BADURL url]}.
 */
record ImapUrl(String mailbox, long uidValidity, long uid, List<Integer> path, String text, long partialOffset,
        long partialLength) {

    /** Thrown for a URL this server does not resolve. */
    static final class BadUrl extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadUrl(String why) {
            super(why, null, false, false);
        }
    }

    static ImapUrl parse(String url, String username) {
        String rest = url;
        if (rest.regionMatches(true, 0, "imap://", 0, 7)) {
            int slash = rest.indexOf('/', 7);
            if (slash < 0) {
                throw new BadUrl("no mailbox");
            }
            String authority = rest.substring(7, slash);
            int at = authority.lastIndexOf('@');
            if (at < 0) {
                throw new BadUrl("anonymous");
            }
            String user = authority.substring(0, at);
            int semi = user.indexOf(';');
            if (semi >= 0) {
                user = user.substring(0, semi);
            }
            if (!decode(user).equalsIgnoreCase(username)) {
                throw new BadUrl("another user");
            }
            rest = rest.substring(slash);
        }
        String mailbox = null;
        long uidValidity = 0;
        String upper = rest.toUpperCase(Locale.ROOT);
        if (rest.startsWith("/")) {
            int uidAt = upper.indexOf("/;UID=");
            if (uidAt < 0) {
                throw new BadUrl("no UID");
            }
            String box = rest.substring(1, uidAt);
            int v = box.toUpperCase(Locale.ROOT).indexOf(";UIDVALIDITY=");
            if (v >= 0) {
                uidValidity = number(box.substring(v + 13));
                box = box.substring(0, v);
            }
            mailbox = decode(box);
            if (mailbox.isEmpty()) {
                throw new BadUrl("no mailbox");
            }
            rest = rest.substring(uidAt + 1);
            upper = upper.substring(uidAt + 1);
        }
        if (!upper.startsWith(";UID=")) {
            throw new BadUrl("no UID");
        }
        String[] pieces = rest.substring(1).split("/", -1);
        long uid = number(pieces[0].substring(4));
        List<Integer> path = new ArrayList<>();
        String text = null;
        long offset = -1;
        long length = -1;
        for (int i = 1; i < pieces.length; i++) {
            String p = pieces[i];
            String up = p.toUpperCase(Locale.ROOT);
            if (up.startsWith(";SECTION=") && path.isEmpty() && text == null && offset < 0) {
                text = section(decode(p.substring(9)).toUpperCase(Locale.ROOT), path);
            } else if (up.startsWith(";PARTIAL=") && offset < 0) {
                String range = p.substring(9);
                int dot = range.indexOf('.');
                offset = number0(dot < 0 ? range : range.substring(0, dot));
                length = dot < 0 ? Long.MAX_VALUE : number(range.substring(dot + 1));
            } else {
                throw new BadUrl("unsupported URL part");
            }
        }
        return new ImapUrl(mailbox, uidValidity, uid, path, text, offset, length);
    }

    /** Fills {@code path} with the section's part numbers; returns its text (HEADER, TEXT, MIME) or null. */
    private static String section(String s, List<Integer> path) {
        String[] parts = s.split("\\.", -1);
        int i = 0;
        while (i < parts.length && !parts[i].isEmpty() && parts[i].chars().allMatch(Character::isDigit)) {
            path.add((int) number(parts[i]));
            i++;
        }
        if (i == parts.length) {
            if (path.isEmpty()) {
                throw new BadUrl("empty section");
            }
            return null;
        }
        String text = String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length));
        if (!List.of("HEADER", "TEXT", "MIME").contains(text) || (text.equals("MIME") && path.isEmpty())) {
            throw new BadUrl("unsupported section");
        }
        return text;
    }

    private static long number(String s) {
        long n = number0(s);
        if (n == 0) {
            throw new BadUrl("zero");
        }
        return n;
    }

    private static long number0(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadUrl("not a number");
        }
        long n = Long.parseLong(s);
        if (n > 0xffffffffL) {
            throw new BadUrl("too large");
        }
        return n;
    }

    /** Percent-decoding (RFC 3986 §2.1) to the UTF-8 text the URL encodes. */
    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new BadUrl("bad percent escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadUrl("bad percent escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
