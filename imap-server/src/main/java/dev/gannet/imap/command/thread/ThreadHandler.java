package dev.gannet.imap.command.thread;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/** THREAD (RFC 5256 §4): not offered yet. */
public final class ThreadHandler {

    private ThreadHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Thread c, ImapSession s) {
        return Mono.error(new ImapNo(null, "THREAD is not available"));
    }
}
