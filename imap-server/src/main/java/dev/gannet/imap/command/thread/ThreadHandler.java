package dev.gannet.imap.command.thread;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.search.SearchHandler;
import dev.gannet.imap.command.sort.SortHandler;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * THREAD and UID THREAD (RFC 5256 §4): the search is resolved as SEARCH resolves it, the threading keys of
 * the matches come from one projection read (never the message bytes), and the chosen algorithm builds the
 * trees in memory; numbers are sequence numbers or, for UID THREAD, UIDs.
 */
public final class ThreadHandler {

    private ThreadHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Thread c, ImapSession s) {
        if (!SortHandler.supportedCharset(c.charset())) {
            return Mono.error(new ImapNo("BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset"));
        }
        SelectedMailbox sel = s.selected();
        return SearchHandler.matches(c.search(), s).flatMap(m -> SortHandler.keys(s, sel, m.uids())).map(keys -> {
            List<ThreadNode> roots = switch (c.algorithm()) {
                case "ORDEREDSUBJECT" -> Threader.orderedSubject(keys);
                case "REFS" -> Threader.references(keys, true);
                default -> Threader.references(keys, false);
            };
            s.out().untagged(ThreadWriter.write(roots, uid -> c.uid() ? uid : sel.seqOf(uid)));
            return Tagged.ok((c.uid() ? "UID THREAD" : "Thread") + " completed");
        });
    }
}
