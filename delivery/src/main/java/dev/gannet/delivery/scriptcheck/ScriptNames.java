package dev.gannet.delivery.scriptcheck;

import java.text.Normalizer;

/**
 * The rules for a Sieve script's name (RFC 5804 §1.6), shared by ManageSieve and the API: a non-empty UTF-8
 * string of at most {@link #MAX_LENGTH} characters, in Unicode NFC (Net-Unicode, RFC 5198), without control
 * characters (U+0000-U+001F, U+007F-U+009F) or the line and paragraph separators U+2028/U+2029.
 */
public final class ScriptNames {

    public static final int MAX_LENGTH = 256;

    private ScriptNames() {
    }

    /** Why {@code name} is not a valid script name, or null when it is. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a script name must not be empty";
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return "a script name has at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                return "a script name must not contain control characters or line separators";
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "a script name must be valid UTF-8";
            }
        }
        if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            return "a script name must be in Unicode NFC";
        }
        return null;
    }
}
