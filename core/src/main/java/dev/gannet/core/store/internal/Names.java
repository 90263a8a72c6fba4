package dev.gannet.core.store.internal;

/** Collection names (ARCHITECTURE.md "The store"); one place, so a rename cannot miss a caller. */
final class Names {
    static final String USERS = "users";
    static final String ADDRESSES = "addresses";
    static final String MAILBOXES = "mailboxes";
    static final String MESSAGES = "messages";
    static final String BODIES = "bodies";
    static final String SCHEMA = "schema";
    static final String JOURNAL = "journal";
    static final String THREADS = "threads";
    static final String FILES = "attachments.files";
    static final String CHUNKS = "attachments.chunks";
    static final String OPS = "ops";
    static final String ASPS = "asps";
    static final String AUTHLOG = "authlog";
    static final String WEBAUTHN = "webauthn";
    static final String SIEVE = "sieve";
    static final String OUTBOUND = "outbound";
    static final String FILTERS = "filters";
    static final String AUTOREPLIES = "autoreplies";
    static final String OUTBOUND_CHUNKS = "outboundChunks";
    static final String DKIM = "dkim";
    static final String METADATA = "metadata";

    private Names() {
    }
}
