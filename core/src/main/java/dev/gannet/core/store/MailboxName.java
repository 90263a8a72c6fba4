package dev.gannet.core.store;

import dev.gannet.core.error.GannetException;
import java.util.Arrays;
import java.util.List;

/**
 * A mailbox path in Unicode (the IMAP layer decodes modified UTF-7, RFC 3501 §5.1.3) with {@code /} as the
 * hierarchy separator. INBOX is case-insensitive (RFC 3501 §5.1) and always stored as {@code INBOX},
 * including as the first component of a child; every other name is case-sensitive.
 */
public record MailboxName(String path) implements Comparable<MailboxName> {

    public static final char SEPARATOR = '/';
    public static final MailboxName INBOX = new MailboxName("INBOX");
    private static final int MAX_LENGTH = 1024;

    public MailboxName {
        if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
            throw GannetException.invalid("mailbox name must be 1.." + MAX_LENGTH + " characters");
        }
        if (path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw GannetException.invalid("mailbox name has an empty level");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c) || c == '*' || c == '%') {
                throw GannetException.invalid("mailbox name contains a control or wildcard character");
            }
        }
        int slash = path.indexOf(SEPARATOR);
        String first = slash < 0 ? path : path.substring(0, slash);
        if (first.equalsIgnoreCase("INBOX")) {
            path = "INBOX" + (slash < 0 ? "" : path.substring(slash));
        }
    }

    public static MailboxName of(String path) {
        return new MailboxName(path);
    }

    public boolean isInbox() {
        return path.equals("INBOX");
    }

    public List<String> levels() {
        return Arrays.asList(path.split("/"));
    }

    /** The last level, e.g. {@code b} of {@code a/b}. */
    public String leaf() {
        int slash = path.lastIndexOf(SEPARATOR);
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** True if {@code other} lies below this name ({@code a/b} is below {@code a}). */
    public boolean isAncestorOf(MailboxName other) {
        return other.path.startsWith(path + SEPARATOR);
    }

    /** This name with the ancestor prefix {@code from} replaced by {@code to}. */
    public MailboxName reparent(MailboxName from, MailboxName to) {
        if (equals(from)) {
            return to;
        }
        if (!from.isAncestorOf(this)) {
            throw GannetException.invalid(path + " is not below " + from.path);
        }
        return new MailboxName(to.path + path.substring(from.path.length()));
    }

    @Override
    public int compareTo(MailboxName o) {
        return path.compareTo(o.path);
    }

    @Override
    public String toString() {
        return path;
    }
}
