package dev.gannet.lmtp.delivery;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client the MTA took the message from, as its own (topmost) {@code Received} field tells it (RFC 5321 §4.4:
 * {@code from HELO (rdns [address])}, the form Postfix writes). LMTP itself only knows the MTA, so this is what a
 * spam check is told about the sender's address; a field in another form tells nothing.
 *
 * @param hostname the reverse DNS name the MTA found, or null ("unknown" or none)
 */
public record ReceivedFrom(String ip, String helo, String hostname) {

    private static final Pattern FROM = Pattern.compile(
            "(?i)\\s*from\\s+(\\S{1,255})\\s+\\(([^()\\[]{0,255}?)\\s*\\[(?:ipv6:)?([0-9a-f:.]{2,45})\\]");

    /** From the first {@code Received} of {@code fields} (unfolded header fields), or null. */
    public static ReceivedFrom of(List<String> fields) {
        for (String field : fields) {
            int colon = field.indexOf(':');
            if (colon <= 0 || !field.substring(0, colon).strip().equalsIgnoreCase("received")) {
                continue;
            }
            Matcher m = FROM.matcher(field.substring(colon + 1));
            if (!m.lookingAt() || !(m.group(3).matches("\\d{1,3}(\\.\\d{1,3}){3}") || m.group(3).contains(":"))) {
                return null;
            }
            String host = m.group(2).strip();
            boolean named = !host.isEmpty() && !host.toLowerCase(Locale.ROOT).equals("unknown") && !host.contains(" ");
            return new ReceivedFrom(m.group(3), m.group(1), named ? host : null);
        }
        return null;
    }
}
