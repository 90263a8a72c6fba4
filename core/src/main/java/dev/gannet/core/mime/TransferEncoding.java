package dev.gannet.core.mime;

import java.util.Locale;

/** Content-Transfer-Encoding mechanisms of RFC 2045 §6.1; anything else is {@link #OTHER}. */
public enum TransferEncoding {
    SEVEN_BIT, EIGHT_BIT, BINARY, BASE64, QUOTED_PRINTABLE, OTHER;

    /** Maps a header token (any case); null or blank means the RFC 2045 default, 7bit. */
    public static TransferEncoding of(String token) {
        if (token == null || token.isBlank()) {
            return SEVEN_BIT;
        }
        return switch (token.trim().toLowerCase(Locale.ROOT)) {
            case "7bit" -> SEVEN_BIT;
            case "8bit" -> EIGHT_BIT;
            case "binary" -> BINARY;
            case "base64" -> BASE64;
            case "quoted-printable" -> QUOTED_PRINTABLE;
            default -> OTHER;
        };
    }

    /** True when encoded and decoded bytes are the same. */
    public boolean isIdentity() {
        return this == SEVEN_BIT || this == EIGHT_BIT || this == BINARY;
    }
}
