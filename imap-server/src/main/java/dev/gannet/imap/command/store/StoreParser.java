package dev.gannet.imap.command.store;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;
import dev.gannet.imap.protocol.SequenceSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses STORE and UID STORE (RFC 3501 §6.4.6, §9 {@code store-att-flags}) with the RFC 7162 UNCHANGEDSINCE
 * modifier: {@code [+|-]FLAGS[.SILENT]} followed by a flag list or bare flags.
 */
public final class StoreParser {

    private StoreParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean uid) {
        r.sp();
        SequenceSet set = r.sequenceSet();
        r.sp();
        long unchangedSince = -1;
        if (r.tryChar('(')) {
            if (!r.atom().equalsIgnoreCase("UNCHANGEDSINCE")) {
                throw new ImapParseException("Unknown STORE modifier");
            }
            r.sp();
            unchangedSince = r.number();
            r.expect(')');
            r.sp();
        }
        char mode = '=';
        if (r.tryChar('+')) {
            mode = '+';
        } else if (r.tryChar('-')) {
            mode = '-';
        }
        String item = r.atom().toUpperCase(Locale.ROOT);
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) {
            throw new ImapParseException("Expected FLAGS or FLAGS.SILENT");
        }
        r.sp();
        List<String> flags;
        if (r.peek() == '(') {
            flags = r.flagList();
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(r.flag());
            } while (r.tryChar(' '));
        }
        return new ImapCommand.Store(tag, uid, set, unchangedSince, mode, silent, flags);
    }
}
