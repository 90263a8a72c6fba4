package dev.gannet.imap.command.status;

import dev.gannet.imap.command.CommandParser;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses STATUS (RFC 3501 §6.3.10) with the RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE, RFC 8474 MAILBOXID, RFC 9051
 * DELETED and RFC 7889 APPENDLIMIT items; LIST-STATUS (RFC 5819) reads its items with {@link #items}.
 */
public final class StatusParser {

    static final Set<String> ITEMS = Set.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN",
            "HIGHESTMODSEQ", "SIZE", "MAILBOXID", "DELETED", "APPENDLIMIT");

    private StatusParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r) {
        String mailbox = CommandParser.mailboxArg(r);
        r.sp();
        return new ImapCommand.Status(tag, mailbox, items(r));
    }

    /** {@code "(" status-att *(SP status-att) ")"}, upper-cased. */
    public static List<String> items(ArgReader r) {
        r.expect('(');
        List<String> items = new ArrayList<>();
        do {
            String item = r.atom().toUpperCase(Locale.ROOT);
            if (!ITEMS.contains(item)) {
                throw new ImapParseException("Unknown STATUS item " + item);
            }
            items.add(item);
        } while (r.tryChar(' '));
        r.expect(')');
        return items;
    }
}
