package dev.gannet.imap.command.append;

import dev.gannet.imap.command.CommandParser;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapDates;
import dev.gannet.imap.protocol.ImapParseException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses APPEND (RFC 3501 §6.3.11) with MULTIAPPEND (RFC 3502 §6: {@code mailbox 1*append-message}), each
 * message {@code [SP flag-list] [SP date-time] SP append-data}, where the data is a literal, a literal8
 * ({@code ~{n}}, RFC 3516 §4.4), {@code UTF8 (literal8)} (RFC 6855 §4) or {@code CATENATE (cat-part ...)}
 * (RFC 4469 §5) of {@code TEXT literal} and {@code URL astring} parts.
 */
public final class AppendParser {

    private AppendParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r) {
        String mailbox = CommandParser.mailboxArg(r);
        List<AppendMessage> messages = new ArrayList<>();
        do {
            messages.add(message(r));
        } while (!r.atEnd());
        return new ImapCommand.Append(tag, mailbox, messages);
    }

    private static AppendMessage message(ArgReader r) {
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
        char c = r.peek();
        if (c == 'U' || c == 'u' || c == 'C' || c == 'c') {
            String word = r.atom();
            r.sp();
            r.expect('(');
            if (word.equalsIgnoreCase("UTF8")) {
                r.expect('~');
                var message = r.literal();
                r.expect(')');
                return new AppendMessage(flags, date, List.of(new AppendMessage.Literal(message)), false);
            }
            if (!word.equalsIgnoreCase("CATENATE")) {
                throw new ImapParseException("Expected a literal, CATENATE or UTF8");
            }
            List<AppendMessage.Part> parts = new ArrayList<>();
            do {
                parts.add(catPart(r));
            } while (r.tryChar(' '));
            r.expect(')');
            return new AppendMessage(flags, date, parts, true);
        }
        return new AppendMessage(flags, date, List.of(new AppendMessage.Literal(literal(r))), false);
    }

    private static AppendMessage.Part catPart(ArgReader r) {
        String kind = r.atom();
        r.sp();
        if (kind.equalsIgnoreCase("TEXT")) {
            return new AppendMessage.Literal(literal(r));
        }
        if (kind.equalsIgnoreCase("URL")) {
            return new AppendMessage.Url(r.astring());
        }
        throw new ImapParseException("Expected TEXT or URL");
    }

    /** A literal or a literal8 (RFC 3516 §4.4: the same bytes, which may include NUL). */
    private static dev.gannet.imap.codec.Fragment literal(ArgReader r) {
        r.tryChar('~');
        return r.literal();
    }
}
