package dev.gannet.core.net;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns an error on a client connection into one short line that is safe to log. The exceptions that
 * reach a protocol handler can carry what the client sent: Netty's {@link NotSslRecordException} holds
 * a hex dump of every byte read, so plaintext such as {@code a LOGIN user password} sent to an
 * implicit-TLS port (or after STARTTLS) would land in the log. Nothing a client sent is ever part of
 * the line: TLS failures are named by kind, and other messages are cut short with any run of hex or
 * base64 digits masked.
 */
public final class ConnectionErrors {

    private static final int MAX_MESSAGE = 160;
    /** Long runs of hex or base64 characters: dumps of client bytes, never a useful diagnosis. */
    private static final Pattern DUMP = Pattern.compile("(?:0x)?[0-9A-Fa-f]{16,}|[A-Za-z0-9+/]{24,}={0,2}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}]+");

    private ConnectionErrors() {
    }

    /** True when the client did not speak TLS where TLS was expected (plaintext or garbage). */
    public static boolean notTls(Throwable cause) {
        return find(cause, NotSslRecordException.class) != null;
    }

    /** True for a TLS failure of any kind (not TLS at all, a failed handshake, a bad record). */
    public static boolean tls(Throwable cause) {
        return find(cause, SSLException.class) != null;
    }

    /** True when the peer went away (reset, broken pipe) rather than anything going wrong here. */
    public static boolean disconnect(Throwable cause) {
        return !tls(cause) && find(cause, IOException.class) != null;
    }

    /** One line without any byte the client sent, e.g. "not TLS: the client sent something else". */
    public static String describe(Throwable cause) {
        if (notTls(cause)) {
            return "not TLS: the client sent something else on a TLS connection; closing";
        }
        SSLException ssl = find(cause, SSLException.class);
        if (ssl != null) {
            return "TLS failed: " + clean(ssl.getMessage());
        }
        Throwable root = cause;
        while (root instanceof DecoderException && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + clean(message));
    }

    /**
     * Logs {@code cause} as one safe line at the level it deserves: a TLS failure or a client that went
     * away is the client's business (INFO, DEBUG), anything else is ours (WARN).
     */
    public static void log(org.slf4j.Logger log, Throwable cause) {
        if (tls(cause)) {
            log.info("{}", describe(cause));
        } else if (disconnect(cause)) {
            log.debug("connection error: {}", describe(cause));
        } else {
            log.warn("closing connection after an error: {}", describe(cause));
        }
    }

    /** The message shortened, on one line, dumps masked. */
    static String clean(String message) {
        if (message == null || message.isEmpty()) {
            return "(no detail)";
        }
        String s = CONTROL.matcher(message).replaceAll(" ").strip();
        s = DUMP.matcher(s).replaceAll("[...]");
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
