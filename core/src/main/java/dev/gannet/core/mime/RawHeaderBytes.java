package dev.gannet.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Header bytes that are not UTF-8 (RFC 6532 §3.2 allows UTF-8 only, but EUC-KR, GB2312 or Shift_JIS subjects are
 * sent raw without RFC 2047 encoding) kept as they came: valid UTF-8 sequences are read as text, and each byte
 * outside one stands for itself as one code point of U+10FF80..U+10FFFF (the end of the last private use plane,
 * byte {@code b} as {@code U+10FF00 + b}). ENVELOPE and BODYSTRUCTURE write those code points back as the raw
 * bytes, as Dovecot 2.3 does; SEARCH and anything shown to people read them as U+FFFD. A real code point of
 * that range in a header is read as U+FFFD, so the range only ever stands for raw bytes.
 */
public final class RawHeaderBytes {

    private static final int BASE = 0x10FF00;
    private static final int FIRST = BASE + 0x80;

    private RawHeaderBytes() {
    }

    /** The text of {@code bytes}, valid UTF-8 as text and each other byte as its stand-in code point. */
    static String decode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            int cp = len == 0 ? -1 : sequence(bytes, i, len);
            if (cp < 0) {
                out.appendCodePoint(BASE + b);
                i++;
            } else {
                out.appendCodePoint(cp >= FIRST ? 0xFFFD : cp);
                i += len;
            }
        }
        return out.toString();
    }

    /** The code point of the {@code len}-byte UTF-8 sequence at {@code i}, or -1 if it is not a valid one. */
    private static int sequence(byte[] bytes, int i, int len) {
        if (len == 1) {
            return bytes[i];
        }
        if (i + len > bytes.length) {
            return -1;
        }
        int cp = bytes[i] & (0xFF >> (len + 1));
        for (int k = 1; k < len; k++) {
            int c = bytes[i + k] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        int min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        boolean valid = cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        return valid ? cp : -1;
    }

    /** True if {@code text} holds a raw byte's stand-in. */
    public static boolean any(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i)) && text.codePointAt(i) >= FIRST) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with each raw byte's stand-in read as U+FFFD, as SEARCH compares it and people read it. */
    public static String readable(String text) {
        if (text == null || !any(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(cp >= FIRST ? 0xFFFD : cp));
        return out.toString();
    }

    /** The bytes {@code text} is written as: UTF-8, with each raw byte's stand-in as that byte. */
    public static byte[] bytes(String text) {
        if (!any(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        StringBuilder run = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp >= FIRST) {
                out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
                run.setLength(0);
                out.write(cp - BASE);
            } else {
                run.appendCodePoint(cp);
            }
        });
        out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** How many bytes {@link #bytes} writes for {@code text}: what a literal of it announces. */
    static int octets(String text) {
        return bytes(text).length;
    }
}
