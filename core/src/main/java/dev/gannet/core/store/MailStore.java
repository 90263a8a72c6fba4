package dev.gannet.core.store;

import reactor.core.publisher.Mono;

/**
 * The mail store as the launcher wires it and every protocol sees it: one object with the feature stores.
 * The MongoDB implementation is built by {@code dev.gannet.core.store.internal.MongoMailStore.create}.
 */
public interface MailStore {

    UserStore users();

    AddressStore addresses();

    MailboxStore mailboxes();

    MessageStore messages();

    QuotaStore quota();

    Journal journal();

    BlobStore blobs();

    StoreMaintenance maintenance();

    /** Application-specific passwords. */
    AppPasswordStore asps();

    /** The auth log. */
    AuthLogStore authLog();

    /** TOTP and custom second factors. */
    TotpStore totp();
    /** WebAuthn credentials (second factor). */
    WebAuthnStore webauthn();

    /** Users' Sieve scripts. */
    SieveStore sieve();

    /** Mail Gannet sends: forwards, autoreplies, bounces, submissions. */
    OutboundQueue outbound();

    /** Users' WildDuck filters. */
    FilterStore filters();

    /** Users' autoreplies. */
    AutoreplyStore autoreplies();

    /** Users' forwarding targets and forwarded addresses. */
    ForwardingStore forwarding();
    /** Who got a vacation reply, per sender and period (RFC 5230 §4.2). */
    VacationLog vacations();
    /** IMAP METADATA entries (RFC 5464). */
    MetadataStore metadata();

    /** DKIM signing keys, one per domain. */
    DkimStore dkim();

    /** Completes if the database answers; errors with UNAVAILABLE otherwise (for /health). */
    Mono<Void> ping();

    /** Declares collections and indexes; idempotent, run at startup. */
    Mono<Void> ensureSchema();
}
