package dev.gannet.imap.command.thread;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.search.SearchParser;
import dev.gannet.imap.protocol.ArgReader;

import java.util.Locale;

/**
 * Parses THREAD and UID THREAD (RFC 5256 §5: {@code "THREAD" SP thread-alg SP search-criteria}): the
 * algorithm name, the mandatory charset, then search keys exactly as SEARCH takes them. Whether the
 * algorithm is one the server offers is the handler's answer ({@code NO}, as for an unknown charset).
 */
public final class ThreadParser {

    private ThreadParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean uid) {
        r.sp();
        String algorithm = r.atom().toUpperCase(Locale.ROOT);
        r.sp();
        String charset = r.astring().toUpperCase(Locale.ROOT);
        r.sp();
        return new ImapCommand.Thread(tag, uid, algorithm, charset, SearchParser.criteria(r));
    }
}
