package dev.gannet.core.store.internal;

import reactor.core.publisher.Mono;

/** What mailbox operations need from the message side: emptying a deleted mailbox and INBOX rename. */
interface MailboxContents {

    /** Removes every message of a mailbox whose document is already gone (quota and blobs released). */
    Mono<Void> purge(String userId, String mailboxId);

    /** Moves every message from one mailbox to another (RFC 3501 INBOX rename). */
    Mono<Void> moveAll(String fromMailboxId, String toMailboxId);
}
