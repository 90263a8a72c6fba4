package dev.gannet.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Decodes parameter values: RFC 2231 §4 extended values ({@code charset'lang'%XX..}) and, because
 * real mail puts them there against RFC 2047 §5, encoded-words inside quoted values.
 */
final class ParamDecoding {

    private ParamDecoding() {
    }

    static String decode(MimeParam param) {
        String value = param.value();
        if (param.extended()) {
            int q1 = value.indexOf('\'');
            int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
            if (q2 < 0) {
                return value;
            }
            return TextDecoding.decode(percentDecode(value.substring(q2 + 1)), value.substring(0, q1));
        }
        return decodeEncodedWords(value);
    }

    static String decodeEncodedWords(String value) {
        if (value == null || !value.contains("=?")) {
            return value;
        }
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }

    private static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
