package dev.gannet.imap.command.create;

import dev.gannet.imap.command.CommandParser;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses CREATE (RFC 3501 §6.3.3) with the RFC 4466 §2.2 create parameters, of which RFC 6154 §3's
 * {@code USE (attr ...)} is the one this server knows; any other parameter is a syntax error.
 */
public final class CreateParser {

    private CreateParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r) {
        String mailbox = CommandParser.mailboxArg(r);
        List<String> use = new ArrayList<>();
        if (r.tryChar(' ')) {
            r.expect('(');
            do {
                if (!r.atom().equalsIgnoreCase("USE")) {
                    throw new ImapParseException("Unknown CREATE parameter");
                }
                r.sp();
                List<String> attrs = r.flagList();
                if (attrs.isEmpty()) {
                    throw new ImapParseException("USE needs at least one attribute");
                }
                use.addAll(attrs);
            } while (r.tryChar(' '));
            r.expect(')');
        }
        return new ImapCommand.Create(tag, mailbox, List.copyOf(use));
    }
}
