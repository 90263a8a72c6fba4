package dev.gannet.pop3.retrieve;

import dev.gannet.core.store.MessageStore;
import dev.gannet.pop3.maildrop.Maildrop;
import dev.gannet.pop3.protocol.MultilineEncoder;
import dev.gannet.pop3.protocol.Pop3Command;
import dev.gannet.pop3.protocol.Pop3Exception;
import dev.gannet.pop3.protocol.Reply;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * RETR and TOP (RFC 1939 §7): the stored bytes of a message, exactly as delivered, streamed from the
 * store through the dot-stuffing encoder; TOP stops reading after the requested number of body lines.
 * A message that another client expunged since the snapshot is answered {@code -ERR}, since its bytes
 * are gone. RETR marks the message as retrieved so that UPDATE can set {@code \Seen} on it.
 */
public final class Retrieval {

    private final MessageStore messages;

    public Retrieval(MessageStore messages) {
        this.messages = messages;
    }

    /** {@code loop} is the session's thread, where the maildrop may be changed. */
    public Mono<Reply> retr(Maildrop drop, Pop3Command.Retr c, Scheduler loop) {
        int index = drop.index(c.message());
        return messages.raw(drop.mailbox(), drop.uid(index))
                .switchIfEmpty(Mono.error(() -> new Pop3Exception("message " + c.message() + " no longer exists")))
                .publishOn(loop)
                .map(content -> {
                    drop.markRetrieved(index);
                    return new Reply.Multi("+OK " + content.size() + " octets", content.bytes(), MultilineEncoder.whole());
                });
    }

    public Mono<Reply> top(Maildrop drop, Pop3Command.Top c) {
        int index = drop.index(c.message());
        return messages.raw(drop.mailbox(), drop.uid(index))
                .switchIfEmpty(Mono.error(() -> new Pop3Exception("message " + c.message() + " no longer exists")))
                .map(content -> new Reply.Multi("+OK top of message follows", content.bytes(),
                        MultilineEncoder.top(c.lines())));
    }
}
