package dev.gannet.imap.command.append;

import dev.gannet.imap.command.CommandParser;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapDates;

import java.time.Instant;
import java.util.List;

/** Parses APPEND (RFC 3501 §6.3.11): {@code mailbox [SP flag-list] [SP date-time] SP literal}. */
public final class AppendParser {

    private AppendParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r) {
        String mailbox = CommandParser.mailboxArg(r);
        r.sp();
        List<String> flags = List.of();
        if (r.peek() == '(') {
            flags = r.flagList();
            r.sp();
        }
        Instant date = null;
        if (r.peek() == '"') {
            date = ImapDates.parseDateTime(r.string());
            r.sp();
        }
        if (r.peek() == 'U' || r.peek() == 'u') {
            if (!r.atom().equalsIgnoreCase("UTF8")) {
                throw new dev.gannet.imap.protocol.ImapParseException("Expected a literal or UTF8");
            }
            r.sp();
            r.expect('(');
            r.expect('~');
            var message = r.literal();
            r.expect(')');
            return new ImapCommand.Append(tag, mailbox, flags, date, message);
        }
        return new ImapCommand.Append(tag, mailbox, flags, date, r.literal());
    }
}
