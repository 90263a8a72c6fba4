package dev.gannet.managesieve.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes a SASL PLAIN response (RFC 4616 §2: {@code [authzid] NUL authcid NUL passwd}, base64 as RFC 5804 §2.1
 * carries it in a string). The credentials record hides the password from {@code toString}.
 */
public final class SaslPlain {

    /** What a PLAIN response names; {@code authzid} is empty when the client asks for no other identity. */
    public record Credentials(String authzid, String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + ", ***]";
        }
    }

    private SaslPlain() {
    }

    /** Throws {@link SieveParseException} when the response is not base64 or not three NUL-separated parts. */
    public static Credentials decode(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new SieveParseException("invalid base64 in SASL response");
        }
        int first = indexOf(raw, 0);
        int second = first < 0 ? -1 : indexOf(raw, first + 1);
        if (first < 0 || second < 0 || indexOf(raw, second + 1) >= 0) {
            throw new SieveParseException("malformed PLAIN response");
        }
        return new Credentials(new String(raw, 0, first, StandardCharsets.UTF_8),
                new String(raw, first + 1, second - first - 1, StandardCharsets.UTF_8),
                new String(raw, second + 1, raw.length - second - 1, StandardCharsets.UTF_8));
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
