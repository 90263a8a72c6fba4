package dev.gannet.imap.command.list;

import java.util.regex.Pattern;

/**
 * A LIST pattern (RFC 3501 §6.3.8): the reference and the mailbox pattern joined, {@code *} matching
 * anything and {@code %} anything but the hierarchy separator. A leading INBOX matches in any case.
 */
public final class MailboxPattern {

    private final Pattern regex;

    private MailboxPattern(Pattern regex) {
        this.regex = regex;
    }

    public static MailboxPattern of(String reference, String pattern) {
        String full = reference + pattern;
        if (full.regionMatches(true, 0, "INBOX", 0, 5) && (full.length() == 5 || full.charAt(5) == '/')) {
            full = "INBOX" + full.substring(5);
        }
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < full.length(); i++) {
            char c = full.charAt(i);
            if (c == '*' || c == '%') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : "[^/]*");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return new MailboxPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    public boolean matches(String wireName) {
        return regex.matcher(wireName).matches();
    }
}
