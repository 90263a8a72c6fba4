package dev.gannet.pop3.session;

import dev.gannet.core.store.User;
import dev.gannet.pop3.maildrop.Maildrop;
import dev.gannet.pop3.maildrop.MaildropLock;
import dev.gannet.pop3.protocol.Pop3Exception;
import dev.gannet.pop3.protocol.Pop3State;
import reactor.core.publisher.Mono;

/**
 * The state of one POP3 connection (RFC 1939 §3): which state it is in, the name given by USER, whether
 * an AUTH exchange awaits the client's response, and once authorized the user, the maildrop snapshot and
 * its lock. Only the connection's event loop touches it.
 */
final class Pop3Session {

    private Pop3State state = Pop3State.AUTHORIZATION;
    private String pendingUser;
    private boolean awaitingSasl;
    private User user;
    private Maildrop maildrop;
    private MaildropLock lock;
    private boolean closed;

    Pop3State state() {
        return state;
    }

    void pendingUser(String name) {
        pendingUser = name;
    }

    /** The name USER gave, forgotten once taken (a PASS consumes it, right or wrong). */
    String takePendingUser() {
        String u = pendingUser;
        pendingUser = null;
        return u;
    }

    boolean awaitingSasl() {
        return awaitingSasl;
    }

    void awaitingSasl(boolean waiting) {
        awaitingSasl = waiting;
    }

    /** Enters TRANSACTION; false (and nothing changed) when the connection closed meanwhile. */
    boolean authorized(User user, Maildrop maildrop, MaildropLock lock) {
        if (closed) {
            return false;
        }
        this.user = user;
        this.maildrop = maildrop;
        this.lock = lock;
        this.state = Pop3State.TRANSACTION;
        return true;
    }

    User user() {
        return user;
    }

    Maildrop maildrop() {
        if (maildrop == null) {
            throw new Pop3Exception("no maildrop");
        }
        return maildrop;
    }

    void enterUpdate() {
        state = Pop3State.UPDATE;
    }

    /** Frees the maildrop lock in the background (the connection ended). */
    void releaseLock() {
        if (lock != null) {
            lock.release();
        }
    }

    /** Frees the maildrop lock, completing when it is free (after UPDATE). */
    Mono<Void> releaseLockAndWait() {
        return lock == null ? Mono.empty() : lock.releaseAndWait();
    }

    MaildropLock lock() {
        return lock;
    }

    void closed() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
