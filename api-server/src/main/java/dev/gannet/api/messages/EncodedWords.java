package dev.gannet.api.messages;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words in display names for JSON answers (the envelope keeps names raw, as
 * IMAP needs them). Whitespace between adjacent encoded words is dropped (RFC 2047 §6.2); a word that
 * cannot be decoded is left as written.
 */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN = Pattern.compile("(\\?=)\\s+(=\\?)");

    private EncodedWords() {
    }

    static String decode(String s) {
        if (s == null || !s.contains("=?")) {
            return s;
        }
        String joined = BETWEEN.matcher(s).replaceAll("$1$2");
        Matcher m = WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(word(m.group(0), m.group(1), m.group(2), m.group(3))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String word(String whole, String charsetName, String enc, String text) {
        try {
            int star = charsetName.indexOf('*');
            Charset cs = Charset.forName(star < 0 ? charsetName : charsetName.substring(0, star));
            byte[] bytes = enc.equalsIgnoreCase("B") ? Base64.getMimeDecoder().decode(text) : q(text);
            return new String(bytes, cs);
        } catch (IllegalArgumentException e) {
            return whole;
        }
    }

    private static byte[] q(String text) {
        byte[] in = text.getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '_') {
                out.write(' ');
            } else if (b == '=' && i + 2 < in.length) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
