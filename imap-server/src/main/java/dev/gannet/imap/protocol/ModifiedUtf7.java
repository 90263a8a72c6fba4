package dev.gannet.imap.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Modified UTF-7 for mailbox names (RFC 3501 §5.1.3): printable ASCII stands for itself except {@code &},
 * written {@code &-}; other characters are UTF-16 in a modified BASE64 ({@code ,} for {@code /}, no
 * padding) between {@code &} and {@code -}. Decoding is strict, so a name has exactly one spelling.
 */
public final class ModifiedUtf7 {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {
    }

    public static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && (s.charAt(j) < 0x20 || s.charAt(j) > 0x7e)) {
                j++;
            }
            byte[] utf16 = s.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
            i = j;
        }
        return out.toString();
    }

    /** Decodes a name; throws {@link ImapParseException} for a malformed or non-canonical one. */
    public static String decode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c > 0x7e) {
                throw new ImapParseException("mailbox name is not modified UTF-7");
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = s.indexOf('-', i + 1);
            if (end < 0) {
                throw new ImapParseException("unterminated modified UTF-7 sequence");
            }
            if (end == i + 1) {
                out.append('&');
                i = end + 1;
                continue;
            }
            String b64 = s.substring(i + 1, end).replace(',', '/');
            byte[] utf16;
            try {
                utf16 = DECODER.decode(pad(b64));
            } catch (IllegalArgumentException e) {
                throw new ImapParseException("bad modified UTF-7 sequence");
            }
            if (utf16.length % 2 != 0) {
                throw new ImapParseException("bad modified UTF-7 sequence");
            }
            String decoded = StandardCharsets.UTF_16BE.decode(ByteBuffer.wrap(utf16)).toString();
            if (!encode(decoded).equals("&" + s.substring(i + 1, end) + "-")) {
                throw new ImapParseException("non-canonical modified UTF-7 sequence");
            }
            out.append(decoded);
            i = end + 1;
        }
        return out.toString();
    }

    private static String pad(String b64) {
        int rem = b64.length() % 4;
        return rem == 0 ? b64 : b64 + "===".substring(0, 4 - rem);
    }
}
