package dev.gannet.imap.command.list;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses LIST and LSUB (RFC 3501 §6.3.8–9) and the parts of extended LIST (RFC 5258 §3) that clients send
 * with SPECIAL-USE (RFC 6154 §3): selection options, several patterns, and RETURN options.
 */
public final class ListParser {

    private static final Set<String> SELECT = Set.of("SUBSCRIBED", "SPECIAL-USE", "RECURSIVEMATCH", "REMOTE");
    private static final Set<String> RETURN = Set.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE");

    private ListParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean lsub) {
        r.sp();
        List<String> select = List.of();
        if (!lsub && r.peek() == '(') {
            select = options(r, SELECT);
            r.sp();
        }
        String reference = r.astring();
        r.sp();
        List<String> patterns = new ArrayList<>();
        if (!lsub && r.peek() == '(') {
            r.expect('(');
            do {
                patterns.add(r.listMailbox());
            } while (r.tryChar(' '));
            r.expect(')');
        } else {
            patterns.add(r.listMailbox());
        }
        List<String> returns = List.of();
        if (!lsub && r.tryChar(' ')) {
            if (!r.atom().equalsIgnoreCase("RETURN")) {
                throw new ImapParseException("Expected RETURN");
            }
            r.sp();
            returns = options(r, RETURN);
        }
        return new ImapCommand.ListMailboxes(tag, lsub, reference, patterns, select, returns);
    }

    private static List<String> options(ArgReader r, Set<String> known) {
        r.expect('(');
        List<String> out = new ArrayList<>();
        if (r.tryChar(')')) {
            return out;
        }
        do {
            String o = r.atom().toUpperCase(Locale.ROOT);
            if (!known.contains(o)) {
                throw new ImapParseException("Unsupported LIST option " + o);
            }
            out.add(o);
        } while (r.tryChar(' '));
        r.expect(')');
        return out;
    }
}
