package dev.gannet.pop3.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes a SASL PLAIN response (RFC 4616 §2: {@code [authzid] NUL authcid NUL passwd}, base64 as
 * RFC 5034 §4 carries it). Gannet does not support acting as another user, so an authorization
 * identity must be empty or the same as the authentication identity. The credentials record hides the
 * password from {@code toString}.
 */
public final class SaslPlain {

    /** A username and password taken from a PLAIN response. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + ", ***]";
        }
    }

    private SaslPlain() {
    }

    /** Decodes {@code base64} ("=" is the empty response); throws a {@link Pop3Exception} when malformed. */
    public static Credentials decode(String base64) {
        byte[] raw;
        try {
            raw = base64.equals("=") ? new byte[0] : Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new Pop3Exception("invalid base64 in SASL response");
        }
        int first = indexOf(raw, 0);
        int second = first < 0 ? -1 : indexOf(raw, first + 1);
        if (first < 0 || second < 0 || indexOf(raw, second + 1) >= 0) {
            throw new Pop3Exception("AUTH", "malformed PLAIN response");
        }
        String authzid = new String(raw, 0, first, StandardCharsets.UTF_8);
        String authcid = new String(raw, first + 1, second - first - 1, StandardCharsets.UTF_8);
        String password = new String(raw, second + 1, raw.length - second - 1, StandardCharsets.UTF_8);
        if (authcid.isEmpty() || (!authzid.isEmpty() && !authzid.equalsIgnoreCase(authcid))) {
            throw new Pop3Exception("AUTH", "authentication failed");
        }
        return new Credentials(authcid, password);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
