package dev.gannet.lmtp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One server reply (RFC 5321 §4.2): a three-digit code, an enhanced status code (RFC 2034, RFC 3463) unless
 * the reply is a greeting or an LHLO capability list, and one or more lines of text.
 */
public record Reply(int code, String status, List<String> lines) {

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
    }

    public static Reply of(int code, String status, String text) {
        return new Reply(code, Objects.requireNonNull(status, "status"), List.of(text));
    }

    /** A reply without an enhanced status code (greeting, LHLO). */
    public static Reply plain(int code, List<String> lines) {
        return new Reply(code, null, lines);
    }

    public boolean positive() {
        return code < 400;
    }

    public boolean temporary() {
        return code >= 400 && code < 500;
    }

    /** The wire form, CRLF after every line, continuation lines marked with {@code -}. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                sb.append(status).append(' ');
            }
            sb.append(lines.get(i)).append("\r\n");
        }
        return sb.toString();
    }

    public byte[] bytes() {
        return render().getBytes(StandardCharsets.UTF_8);
    }

    /** The first line without its line ending, for logs. */
    public String summary() {
        return code + (status == null ? "" : " " + status) + " " + lines.get(0);
    }

    @Override
    public String toString() {
        return summary();
    }
}
