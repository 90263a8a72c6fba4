package dev.gannet.imap.command.metadata;

import dev.gannet.imap.command.CommandParser;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses GETMETADATA and SETMETADATA (RFC 5464 §4.2–4.3, grammar §5). Entry names are case-insensitive, so
 * they are lower-cased here; one that does not start with {@code /private/} or {@code /shared/}, ends with a
 * slash, has an empty level or a wildcard is a syntax error, as Dovecot answers.
 */
public final class MetadataParser {

    /** Longest entry name accepted; longer ones are refused before any lookup. */
    static final int MAX_ENTRY_NAME = 256;
    /** Most entries one command may name. */
    static final int MAX_ENTRIES_PER_COMMAND = 100;

    private MetadataParser() {
    }

    public static ImapCommand get(String tag, ArgReader r) {
        r.sp();
        long maxSize = -1;
        int depth = 0;
        if (r.peek() == '(') {
            r.expect('(');
            Set<String> seen = new HashSet<>();
            do {
                String option = r.atom().toUpperCase(Locale.ROOT);
                if (!seen.add(option)) {
                    throw new ImapParseException("GETMETADATA option given twice");
                }
                r.sp();
                switch (option) {
                    case "MAXSIZE" -> maxSize = r.number();
                    case "DEPTH" -> depth = depth(r.atom());
                    default -> throw new ImapParseException("Unknown GETMETADATA option " + option);
                }
            } while (r.tryChar(' '));
            r.expect(')');
            r.sp();
        }
        String mailbox = r.astring();
        r.sp();
        List<String> entries = new ArrayList<>();
        if (r.tryChar('(')) {
            do {
                entries.add(entry(r));
            } while (r.tryChar(' '));
            r.expect(')');
        } else {
            entries.add(entry(r));
        }
        if (entries.size() > MAX_ENTRIES_PER_COMMAND) {
            throw new ImapParseException("Too many entries in one command");
        }
        return new ImapCommand.GetMetadata(tag, mailbox, List.copyOf(entries), maxSize, depth);
    }

    public static ImapCommand set(String tag, ArgReader r) {
        String mailbox = CommandParser.mailboxArg(r);
        r.sp();
        r.expect('(');
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        do {
            String name = entry(r);
            if (name.equals("/private") || name.equals("/shared")) {
                throw new ImapParseException("Entry name needs a level below " + name);
            }
            r.sp();
            String value = r.nstring();
            if (value != null && value.indexOf('\0') >= 0) {
                throw new ImapParseException("Values with NUL are not supported");
            }
            if (!names.add(name)) {
                throw new ImapParseException("Entry " + name + " given twice");
            }
            entries.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        } while (r.tryChar(' ') && entries.size() <= MAX_ENTRIES_PER_COMMAND);
        r.expect(')');
        return new ImapCommand.SetMetadata(tag, mailbox, List.copyOf(entries));
    }

    private static int depth(String d) {
        return switch (d.toLowerCase(Locale.ROOT)) {
            case "0" -> 0;
            case "1" -> 1;
            case "infinity" -> -1;
            default -> throw new ImapParseException("DEPTH must be 0, 1 or infinity");
        };
    }

    private static String entry(ArgReader r) {
        String e = r.astring().toLowerCase(Locale.ROOT);
        if (e.length() > MAX_ENTRY_NAME) {
            throw new ImapParseException("Entry name too long");
        }
        if (!e.startsWith("/private/") && !e.startsWith("/shared/") && !e.equals("/private") && !e.equals("/shared")) {
            throw new ImapParseException("Entry name must begin with /private or /shared");
        }
        if (e.endsWith("/") || e.contains("//") || e.indexOf('*') >= 0 || e.indexOf('%') >= 0) {
            throw new ImapParseException("Invalid entry name");
        }
        for (int i = 0; i < e.length(); i++) {
            if (e.charAt(i) < 0x20 || e.charAt(i) == 0x7f) {
                throw new ImapParseException("Invalid entry name");
            }
        }
        return e;
    }
}
