package dev.gannet.core.store;

import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A user's mailbox hierarchy ({@code /} separated). Parents are implied, not created: creating
 * {@code a/b/c} creates only that mailbox. Every create, rename and delete writes one entry to the user's
 * journal (see {@link Journal#userChangesSince}). Renames and deletes of one user run one at a time, each with
 * its intent recorded first so that repair finishes one a crash interrupted; one that finds another running
 * waits briefly and then errors with CONFLICT.
 */
public interface MailboxStore {

    /**
     * Errors with ALREADY_EXISTS if the name is taken, or if {@code specialUse} is given and another of the
     * user's mailboxes has it already (one mailbox per special use, RFC 6154 §3).
     */
    Mono<Mailbox> create(UserId user, MailboxName name, Optional<SpecialUse> specialUse);

    default Mono<Mailbox> create(UserId user, MailboxName name) {
        return create(user, name, Optional.empty());
    }

    /** Completes empty if absent. */
    Mono<Mailbox> get(UserId user, MailboxName name);

    /** Completes empty if absent. */
    Mono<Mailbox> byId(MailboxId id);

    /** All of the user's mailboxes, sorted by name. */
    Flux<Mailbox> list(UserId user);

    /**
     * Renames a mailbox and every mailbox below it (their ids and UIDVALIDITY stay). Renaming INBOX is
     * refused here; {@link #renameInbox} implements RFC 3501's special case.
     */
    Mono<Mailbox> rename(UserId user, MailboxName from, MailboxName to);

    /**
     * RFC 3501 §6.3.5: creates {@code to} and moves all of INBOX's messages into it, leaving INBOX empty.
     */
    Mono<Mailbox> renameInbox(UserId user, MailboxName to);

    /** Deletes one mailbox (not its children) and its messages; INBOX cannot be deleted. */
    Mono<Void> delete(UserId user, MailboxName name);

    Mono<Void> setSubscribed(UserId user, MailboxName name, boolean subscribed);

    /**
     * Claims messages as recent for one session (RFC 3501 §2.3.2 {@code \Recent}): atomically raises the
     * mailbox's recent mark to {@code uid} (it never goes down) and emits the mark as it was before, so the
     * UIDs in {@code (before, uid]} are recent to this caller and to no other. {@code uid = 0} only reads
     * the mark. Emits 0 for a mailbox that has none yet; completes empty if the mailbox does not exist.
     */
    Mono<Long> claimRecent(MailboxId mailbox, long uid);

    /** The mailbox with the given special use, if the user has one. */
    Mono<Mailbox> bySpecialUse(UserId user, SpecialUse use);
}
