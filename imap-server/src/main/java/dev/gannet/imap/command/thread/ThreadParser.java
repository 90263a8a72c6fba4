package dev.gannet.imap.command.thread;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.search.SearchParser;
import dev.gannet.imap.protocol.ArgReader;

import dev.gannet.imap.protocol.ImapParseException;

import java.util.List;
import java.util.Locale;

/**
 * Parses THREAD and UID THREAD (RFC 5256 §5: {@code "THREAD" SP thread-alg SP search-criteria}): the
 * algorithm name, the mandatory charset, then search keys exactly as SEARCH takes them. Whether the
 * algorithm is one the server offers is checked here: an unknown one is an invalid argument ({@code BAD}).
 */
public final class ThreadParser {

    /** The algorithms offered, as advertised (THREAD=...). */
    public static final List<String> ALGORITHMS = List.of("ORDEREDSUBJECT", "REFERENCES", "REFS");

    private ThreadParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean uid) {
        r.sp();
        String algorithm = r.atom().toUpperCase(Locale.ROOT);
        if (!ALGORITHMS.contains(algorithm)) {
            throw new ImapParseException("Unknown thread algorithm");
        }
        r.sp();
        String charset = r.astring().toUpperCase(Locale.ROOT);
        r.sp();
        return new ImapCommand.Thread(tag, uid, algorithm, charset, SearchParser.criteria(r));
    }
}
