package dev.gannet.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code next} cursor of list endpoints: base64url of a short tagged string, so clients cannot
 * depend on its form and a cursor from one list is refused by another.
 */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(String kind, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position inside a cursor of this kind; 400 naming {@code next} if it is not one. */
    public static String decode(String kind, String cursor) {
        String s;
        try {
            s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("next is not a valid cursor");
        }
        if (!s.startsWith(kind + ":")) {
            throw ApiException.badRequest("next is not a valid cursor");
        }
        return s.substring(kind.length() + 1);
    }
}
