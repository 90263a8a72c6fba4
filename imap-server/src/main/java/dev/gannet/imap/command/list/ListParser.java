package dev.gannet.imap.command.list;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.status.StatusParser;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses LIST and LSUB (RFC 3501 §6.3.8–9) and extended LIST (RFC 5258 §3): selection options, several
 * patterns and RETURN options, with SPECIAL-USE (RFC 6154 §3) and STATUS (RFC 5819 §2). As RFC 5258 §3.1
 * requires, RECURSIVEMATCH alone (or only with REMOTE) is a syntax error, and a selection option implies
 * the return option of the same name.
 */
public final class ListParser {

    private static final Set<String> SELECT = Set.of("SUBSCRIBED", "SPECIAL-USE", "RECURSIVEMATCH", "REMOTE");
    private static final Set<String> RETURN = Set.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS");

    private ListParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean lsub) {
        r.sp();
        List<String> select = List.of();
        boolean extended = false;
        if (!lsub && r.peek() == '(') {
            select = options(r, SELECT, null);
            extended = true;
            r.sp();
            if (select.contains("RECURSIVEMATCH") && select.stream().allMatch(o -> o.equals("RECURSIVEMATCH") || o.equals("REMOTE"))) {
                throw new ImapParseException("RECURSIVEMATCH needs another selection option");
            }
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
        List<String> returns = new ArrayList<>();
        List<String> status = new ArrayList<>();
        if (!lsub && r.tryChar(' ')) {
            if (!r.atom().equalsIgnoreCase("RETURN")) {
                throw new ImapParseException("Expected RETURN");
            }
            r.sp();
            returns = options(r, RETURN, status);
        }
        for (String implied : List.of("SUBSCRIBED", "SPECIAL-USE")) {
            if (select.contains(implied) && !returns.contains(implied)) {
                returns.add(implied);
            }
        }
        return new ImapCommand.ListMailboxes(tag, lsub, reference, patterns, extended, select, List.copyOf(returns),
                List.copyOf(status));
    }

    /** An option list; STATUS, allowed only where {@code status} is not null, puts its items there. */
    private static List<String> options(ArgReader r, Set<String> known, List<String> status) {
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
            if (o.equals("STATUS")) {
                if (status == null || !status.isEmpty()) {
                    throw new ImapParseException("STATUS given twice");
                }
                r.sp();
                status.addAll(StatusParser.items(r));
            }
            out.add(o);
        } while (r.tryChar(' '));
        r.expect(')');
        return out;
    }
}
