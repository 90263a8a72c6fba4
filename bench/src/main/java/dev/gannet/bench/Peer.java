package dev.gannet.bench;

/**
 * A mail server under test, started and stopped by the bench: Gannet from its jar, or Dovecot from
 * Debian's packages. Both listen on loopback only, on ports the bench picks.
 */
interface Peer extends AutoCloseable {

    String name();

    void start() throws Exception;

    /** Creates a mailbox user; the bench logs in with these credentials. */
    void addUser(String user, String password) throws Exception;

    /**
     * Creates a user whose password is stored as the given SHA512-crypt hash ({@code $6$...}) on either
     * server, so that logging in costs the same on both.
     */
    void addUserWithHash(String user, String sha512Crypt) throws Exception;

    /** The RCPT TO address that delivers to {@code user}'s INBOX. */
    String address(String user);

    int lmtpPort();

    int pop3Port();

    int imapPort();

    /** Resident memory of the server's processes, in KiB (shared pages counted in every process). */
    long residentKb();

    /** Proportional set size of the server's processes, in KiB (shared pages split between them). */
    long proportionalKb();

    /** Java heap in use after a full GC, in KiB; NaN for a server that is not a JVM. */
    default double heapUsedKbAfterGc() {
        return Double.NaN;
    }

    @Override
    void close();
}
