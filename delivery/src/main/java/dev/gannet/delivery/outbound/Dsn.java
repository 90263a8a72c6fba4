package dev.gannet.delivery.outbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery status notification (RFC 3464, in an RFC 6522 multipart/report): a human-readable part, the
 * {@code message/delivery-status} part with one per-recipient block ({@code Final-Recipient}, {@code Action:
 * failed}, {@code Status}, {@code Diagnostic-Code}) for each failed recipient only, and the original message's
 * header as {@code text/rfc822-headers}.
 */
public final class Dsn {

    /** Largest part of the original header that is returned. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final Pattern ENHANCED = Pattern.compile("^(?:\\d{3}[ -])?([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /**
     * One failed recipient.
     *
     * @param code the relay's reply code, -1 when none came (no connection, expired)
     * @param text the reply or the error
     * @param expired true when the message failed because it was queued too long
     */
    public record Failure(String recipient, int code, String text, boolean expired) {
        String status() {
            Matcher m = ENHANCED.matcher(text);
            String enhanced = m.find() ? m.group(1) : null;
            if (expired) {
                // the last temporary reply's own code when it had one, else "delivery time expired"
                return enhanced != null && enhanced.startsWith("4.") ? enhanced : "4.4.7";
            }
            if (enhanced != null) {
                return enhanced;
            }
            return code >= 500 ? "5.0.0" : code >= 400 ? "4.0.0" : "4.4.1";
        }
    }

    private Dsn() {
    }

    /** The whole DSN message, CRLF line endings, to be sent with the null sender or stored in the sender's INBOX. */
    public static byte[] build(String reportingMta, String sender, String queueId, Instant arrival,
            List<Failure> failures, byte[] original, Instant now) {
        String boundary = "=_gannet_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder h = new StringBuilder();
        line(h, "From: Mail Delivery System <MAILER-DAEMON@" + reportingMta + ">");
        line(h, "To: <" + sender + ">");
        line(h, "Subject: Undelivered Mail Returned to Sender");
        line(h, "Date: " + DATE.format(now));
        line(h, "Message-ID: <" + UUID.randomUUID() + "@" + reportingMta + ">");
        line(h, "Auto-Submitted: auto-replied");
        line(h, "MIME-Version: 1.0");
        line(h, "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"");
        line(h, "");
        line(h, "This is a MIME-encapsulated message.");
        line(h, "");
        line(h, "--" + boundary);
        line(h, "Content-Type: text/plain; charset=utf-8");
        line(h, "Content-Transfer-Encoding: 8bit");
        line(h, "");
        line(h, "This is the mail system at " + reportingMta + ".");
        line(h, "");
        line(h, "Your message could not be delivered to one or more recipients. The message was queued at "
                + DATE.format(arrival) + " (queue id " + queueId + ").");
        line(h, "");
        for (Failure f : failures) {
            line(h, "<" + f.recipient() + ">: " + (f.expired() ? "gave up after the maximal queue time; last result: " : "")
                    + (f.code() < 0 || f.text().startsWith(Integer.toString(f.code())) ? f.text() : f.code() + " " + f.text()));
        }
        line(h, "");
        line(h, "--" + boundary);
        line(h, "Content-Type: message/delivery-status");
        line(h, "");
        line(h, "Reporting-MTA: dns; " + reportingMta);
        line(h, "X-Gannet-Queue-ID: " + queueId);
        line(h, "Arrival-Date: " + DATE.format(arrival));
        for (Failure f : failures) {
            line(h, "");
            line(h, "Final-Recipient: rfc822; " + f.recipient());
            line(h, "Action: failed");
            line(h, "Status: " + f.status());
            if (f.code() >= 0) {
                String text = f.text().startsWith(Integer.toString(f.code())) ? f.text() : f.code() + " " + f.text();
                line(h, "Diagnostic-Code: smtp; " + text);
            } else {
                line(h, "Diagnostic-Code: X-Gannet; " + f.text());
            }
        }
        line(h, "");
        line(h, "--" + boundary);
        line(h, "Content-Type: text/rfc822-headers");
        line(h, "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(header(original));
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The original header, up to its blank line, at most {@link #MAX_HEADER_BYTES}, ending in CRLF. */
    static byte[] header(byte[] message) {
        int end = message.length;
        for (int i = 0; i + 1 < message.length; i++) {
            if (message[i] == '\n' && (message[i + 1] == '\n'
                    || (message[i + 1] == '\r' && i + 2 < message.length && message[i + 2] == '\n'))) {
                end = i + 1;
                break;
            }
        }
        end = Math.min(end, MAX_HEADER_BYTES);
        byte[] head = java.util.Arrays.copyOf(message, end);
        String s = new String(head, StandardCharsets.ISO_8859_1);
        if (!s.endsWith("\n")) {
            s = s.substring(0, Math.max(0, s.lastIndexOf('\n') + 1));
        }
        return s.replaceAll("(?<!\r)\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s.replace("\r", "").replace("\n", " ")).append("\r\n");
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
