package dev.gannet.imap.command.select;

import dev.gannet.imap.command.CommandParser;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;
import dev.gannet.imap.protocol.SequenceSet;

import java.util.Locale;

/**
 * Parses SELECT and EXAMINE (RFC 3501 §6.3.1–2) with the RFC 7162 §7 select parameters: {@code CONDSTORE} and
 * {@code QRESYNC (uidvalidity modseq [known-uids] [(known-sequence-set known-uid-set)])}. Each parameter may
 * appear once; {@code *} is not allowed in the QRESYNC sets, and the two seq-match-data sets must name as many
 * messages as each other.
 */
public final class SelectParser {

    /** Bounds the seq-match-data count check, which walks the sets. */
    private static final long MAX_MATCH = 1_000_000;

    private SelectParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean readOnly) {
        String mailbox = CommandParser.mailboxArg(r);
        boolean condstore = false;
        QresyncParams qresync = null;
        if (r.tryChar(' ')) {
            r.expect('(');
            do {
                String name = r.atom().toUpperCase(Locale.ROOT);
                if (name.equals("CONDSTORE") && !condstore) {
                    condstore = true;
                } else if (name.equals("QRESYNC") && qresync == null) {
                    r.sp();
                    qresync = qresync(r);
                } else {
                    throw new ImapParseException("Unknown or repeated SELECT parameter");
                }
            } while (r.tryChar(' '));
            r.expect(')');
        }
        return new ImapCommand.Select(tag, mailbox, readOnly, condstore, qresync);
    }

    private static QresyncParams qresync(ArgReader r) {
        r.expect('(');
        long uidValidity = r.nzNumber();
        r.sp();
        long modseq = r.number();
        SequenceSet known = null;
        SequenceSet seqs = null;
        SequenceSet uids = null;
        if (r.tryChar(' ')) {
            if (r.peek() != '(') {
                known = noStar(r.sequenceSet());
            }
            if (r.peek() == '(' || (known != null && r.tryChar(' '))) {
                r.expect('(');
                seqs = noStar(r.sequenceSet());
                r.sp();
                uids = noStar(r.sequenceSet());
                r.expect(')');
                if (count(seqs) != count(uids)) {
                    throw new ImapParseException("QRESYNC sequence match data sets differ in size");
                }
            }
        }
        r.expect(')');
        return new QresyncParams(uidValidity, modseq, known, seqs, uids);
    }

    private static SequenceSet noStar(SequenceSet set) {
        if (set.usesStar()) {
            throw new ImapParseException("'*' is not allowed in QRESYNC parameters");
        }
        return set;
    }

    private static long count(SequenceSet set) {
        long n = 0;
        for (SequenceSet.Range range : set.ranges()) {
            n += Math.abs(range.to() - range.from()) + 1;
            if (n > MAX_MATCH) {
                throw new ImapParseException("QRESYNC sequence match data too large");
            }
        }
        return n;
    }
}
