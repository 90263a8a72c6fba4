package dev.gannet.core.coord.internal;

import java.util.regex.Pattern;

/**
 * Makes a Redis uri safe to log. Passwords travel in the user-info part ({@code redis://:pw@host},
 * {@code redis://user:pw@host}) or, for some clients, in a {@code password=} parameter; both are masked
 * without parsing, so that even a uri too broken to parse can be reported.
 */
public final class RedisUris {

    private static final Pattern USER_INFO = Pattern.compile("(://)[^/?#]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:password|pass|pwd)=)[^&#\\s]*");

    private RedisUris() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1***@");
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1***");
    }
}
