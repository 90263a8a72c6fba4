package dev.gannet.managesieve.session;

import dev.gannet.managesieve.protocol.Responses;

import java.util.List;

/**
 * The capability response (RFC 5804 §1.7): sent as the greeting, after STARTTLS and for CAPABILITY. PLAIN is
 * offered only where the connection may carry a password; STARTTLS only before TLS; OWNER once authenticated.
 * NOTIFY is not offered (no enotify extension).
 */
final class Capabilities {

    private Capabilities() {
    }

    static String lines(boolean plainAllowed, boolean tls, List<String> extensions, int maxRedirects, String owner) {
        StringBuilder sb = new StringBuilder();
        line(sb, "IMPLEMENTATION", "Gannet");
        line(sb, "SASL", plainAllowed ? "PLAIN" : "");
        line(sb, "SIEVE", String.join(" ", extensions));
        if (!tls) {
            sb.append(Responses.string("STARTTLS")).append("\r\n");
        }
        line(sb, "MAXREDIRECTS", Integer.toString(maxRedirects));
        if (owner != null) {
            line(sb, "OWNER", owner);
        }
        line(sb, "VERSION", "1.0");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(Responses.string(name)).append(' ').append(Responses.string(value)).append("\r\n");
    }
}
