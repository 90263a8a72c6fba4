package dev.gannet.imap.protocol;

import dev.gannet.core.store.MailboxName;

import java.util.Locale;

/**
 * Converts between mailbox names on the wire and {@link MailboxName} (RFC 3501 §5.1): modified UTF-7
 * (§5.1.3), or UTF-8 once the client has enabled UTF8=ACCEPT (RFC 6855 §3); INBOX in any case is INBOX;
 * a trailing separator is dropped, as §6.3.3 allows for CREATE.
 */
public final class MailboxNames {

    private MailboxNames() {
    }

    public static MailboxName decode(String wire, boolean utf8) {
        String name = utf8 ? wire : ModifiedUtf7.decode(wire);
        while (name.length() > 1 && name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return MailboxName.of(name);
    }

    /** The name as the client should see it: an atom when possible, else a quoted string or literal. */
    public static String encode(MailboxName name, boolean utf8) {
        String wire = utf8 ? name.path() : ModifiedUtf7.encode(name.path());
        return astring(wire, utf8);
    }

    /** The name as modified UTF-7 (or UTF-8) text, for pattern matching. */
    public static String wireText(MailboxName name, boolean utf8) {
        return utf8 ? name.path() : ModifiedUtf7.encode(name.path());
    }

    public static String astring(String wire, boolean utf8) {
        if (wire.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\".indexOf(c) >= 0) {
                return ImapStrings.string(wire, utf8);
            }
        }
        return wire.toUpperCase(Locale.ROOT).equals("NIL") ? ImapStrings.string(wire, utf8) : wire;
    }
}
