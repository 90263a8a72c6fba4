package dev.gannet.core.mime;

/**
 * One ENVELOPE address structure (RFC 3501 §7.4.2): name, source route (adl), mailbox, host; raw
 * header text, not RFC 2047-decoded. Group syntax (RFC 5322 §3.4) is flattened the IMAP way: a
 * group start is {@code (NIL NIL "group" NIL)} and a group end is {@code (NIL NIL NIL NIL)}.
 * Broken input is filled in as Dovecot does ({@code MISSING_MAILBOX}, {@code MISSING_DOMAIN}).
 */
public record Address(String name, String adl, String mailbox, String host) {

    public static Address groupStart(String groupName) {
        return new Address(null, null, groupName == null ? "" : groupName, null);
    }

    public static Address groupEnd() {
        return new Address(null, null, null, null);
    }

    public boolean isGroupStart() {
        return name == null && adl == null && mailbox != null && host == null;
    }

    public boolean isGroupEnd() {
        return name == null && adl == null && mailbox == null && host == null;
    }

    /** {@code mailbox@host}, or null for a group marker. */
    public String addrSpec() {
        if (mailbox == null || host == null) {
            return null;
        }
        return host.isEmpty() ? mailbox : mailbox + "@" + host;
    }
}
