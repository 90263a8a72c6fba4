package dev.gannet.core.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Byte-to-text rules for mail whose charset is missing, wrong or unknown (RFC 2045 §5.2, RFC 6532
 * §3.2): bytes that are valid UTF-8 are read as UTF-8 (which covers US-ASCII), anything else as
 * ISO-8859-1, so no byte is ever lost or turned into an exception.
 */
final class TextDecoding {

    private TextDecoding() {
    }

    static String utf8OrLatin1(byte[] bytes, int off, int len) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes, off, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
    }

    static String utf8OrLatin1(byte[] bytes) {
        return utf8OrLatin1(bytes, 0, bytes.length);
    }

    /** The JVM charset for a MIME charset name, or null when unknown or unsupported. */
    static Charset lookup(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return CharsetUtil.lookup(name.trim());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Decodes bytes in a named charset; unknown charsets and US-ASCII fall back to UTF-8/ISO-8859-1. */
    static String decode(byte[] bytes, String charsetName) {
        Charset cs = lookup(charsetName);
        if (cs == null || cs.equals(StandardCharsets.US_ASCII) || cs.equals(StandardCharsets.UTF_8)) {
            return utf8OrLatin1(bytes);
        }
        return new String(bytes, cs);
    }
}
