package dev.gannet.delivery.rules;

import dev.gannet.core.store.Autoreply;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Compiles a WildDuck autoreply to a Sieve {@code vacation} action (RFC 5230): {@code :days} from
 * {@code rules.autoreplyDays}, {@code :subject} when one is set (otherwise the engine's "Auto: " + subject),
 * {@code :from} the user's main address with {@code name} as its display name (RFC 2047-encoded when not ASCII),
 * {@code :addresses} every address of the user (so mail to an alias is answered too), and with {@code html}
 * a {@code :mime} reason, multipart/alternative of the text and the HTML. Whether the reply is due at all
 * (status, start, end) is decided by the caller at delivery time; who is answered how often (RFC 3834) is the
 * engine's.
 */
public final class AutoreplyCompiler {

    private AutoreplyCompiler() {
    }

    /**
     * @param from the user's main address, or null to let the engine use the recipient
     * @param addresses all the user's addresses (may be empty)
     */
    public static String compile(Autoreply a, int days, String from, List<String> addresses) {
        StringBuilder sb = new StringBuilder("require \"vacation\";\r\nvacation :days ").append(days);
        if (!a.subject().isBlank()) {
            sb.append(" :subject ").append(SieveText.quote(a.subject().strip()));
        }
        if (from != null) {
            String fromValue = a.name().isBlank() ? from : phrase(a.name().strip()) + " <" + from + ">";
            sb.append(" :from ").append(SieveText.quote(fromValue));
        }
        if (!addresses.isEmpty()) {
            sb.append(" :addresses ").append(SieveText.list(addresses));
        }
        if (!a.html().isBlank()) {
            sb.append(" :mime ").append(SieveText.quote(mime(a.text(), a.html())));
        } else {
            sb.append(' ').append(SieveText.quote(a.text()));
        }
        return sb.append(";\r\n").toString();
    }

    /** An RFC 5322 display name: a quoted string for ASCII, an RFC 2047 encoded-word otherwise. */
    static String phrase(String name) {
        boolean ascii = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (ascii) {
            return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        try {
            return MimeUtility.encodeWord(name, "UTF-8", "B");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mime(String text, String html) {
        String boundary = "gannet-" + UUID.randomUUID();
        return "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\n" + part("text/plain", text)
                + "--" + boundary + "\r\n" + part("text/html", html)
                + "--" + boundary + "--\r\n";
    }

    private static String part(String type, String content) {
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(content.getBytes(StandardCharsets.UTF_8));
        return "Content-Type: " + type + "; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n";
    }
}
