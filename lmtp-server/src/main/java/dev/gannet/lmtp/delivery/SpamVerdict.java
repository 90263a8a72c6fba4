package dev.gannet.lmtp.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a spam filter's verdict from the message's top-level header (RFC 5322 §2.2 fields, unfolded per
 * §2.2.3): a rule {@code Name: word} matches a field of that name whose value begins with the word or
 * phrase, ignoring case, followed by the end or a non-letter ({@code X-Spam-Status: Yes, score=7.1}).
 * Only the header section is read, and at most {@link #HEADER_LIMIT} bytes of it.
 */
public final class SpamVerdict {

    static final int HEADER_LIMIT = 256 * 1024;

    private record Rule(String name, String value) {
    }

    private final List<Rule> rules = new ArrayList<>();

    public SpamVerdict(List<String> rules) {
        for (String r : rules) {
            int colon = r.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("spam header rule needs \"Name: value\": " + r);
            }
            this.rules.add(new Rule(r.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    r.substring(colon + 1).strip().toLowerCase(Locale.ROOT)));
        }
    }

    public boolean isSpam(InputStream message) throws IOException {
        return isSpam(headerFields(message.readNBytes(HEADER_LIMIT)));
    }

    /** Whether one of {@code fields} (as {@link #headerFields} splits them) carries a spam verdict. */
    public boolean isSpam(List<String> fields) {
        if (rules.isEmpty()) {
            return false;
        }
        for (String field : fields) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            for (Rule rule : rules) {
                if (rule.name.equals(name) && value.startsWith(rule.value)
                        && (value.length() == rule.value.length() || !Character.isLetterOrDigit(value.charAt(rule.value.length())))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The unfolded fields before the first empty line. */
    static List<String> headerFields(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        // line by line up to the empty line only: the bytes read may hold up to 256 KB of body after it
        for (int start = 0; start < text.length(); ) {
            int lf = text.indexOf('\n', start);
            int end = lf < 0 ? text.length() : lf;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = lf < 0 ? text.length() : lf + 1;
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
            } else {
                if (current != null) {
                    fields.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return fields;
    }
}
