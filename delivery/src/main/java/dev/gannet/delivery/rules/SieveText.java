package dev.gannet.delivery.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writing Sieve (RFC 5228 §2.4.2): quoted strings with {@code "} and {@code \} escaped and every line break as
 * CRLF, string lists. The compilers build scripts only through these, so no value a user gave can end a string
 * early and add commands.
 */
final class SieveText {

    private SieveText() {
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\r') {
                // CR LF and a lone CR alike become CRLF
                sb.append("\r\n");
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                sb.append("\r\n");
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String list(List<String> values) {
        if (values.size() == 1) {
            return quote(values.get(0));
        }
        return values.stream().map(SieveText::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A {@code require} line for the capabilities used, in a stable order; empty when none. */
    static String require(java.util.Collection<String> capabilities) {
        if (capabilities.isEmpty()) {
            return "";
        }
        return "require " + list(capabilities.stream().sorted().toList()) + ";\r\n";
    }
}
