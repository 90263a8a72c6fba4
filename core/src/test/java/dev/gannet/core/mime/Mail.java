package dev.gannet.core.mime;

import java.nio.charset.StandardCharsets;

/** Builds test messages from lines, with the line ending under test. */
final class Mail {

    private Mail() {
    }

    static byte[] crlf(String... lines) {
        return join("\r\n", lines);
    }

    static byte[] lf(String... lines) {
        return join("\n", lines);
    }

    /** Lines joined by {@code ending}, each line terminated, so a trailing "" gives a final empty line. */
    static byte[] join(String ending, String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append(ending);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String slice(byte[] raw, ByteRange range) {
        return new String(raw, (int) range.start(), (int) range.length(), StandardCharsets.UTF_8);
    }
}
