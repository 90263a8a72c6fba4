package dev.gannet.core.store.internal;

import reactor.core.publisher.Mono;

/** What mailbox operations need from the message side: emptying a deleted mailbox and INBOX rename. */
interface MailboxContents {

    /** Deletes every message of a mailbox whose document is already gone (quota and blobs released). */
    Mono<Void> purge(String mailboxId);

    /** Moves the messages up to {@code maxUid} from one mailbox to another (RFC 3501 INBOX rename); repeatable. */
    Mono<Void> moveAll(String fromMailboxId, String toMailboxId, long maxUid);
}
