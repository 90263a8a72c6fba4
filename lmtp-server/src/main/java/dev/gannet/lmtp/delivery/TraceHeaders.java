package dev.gannet.lmtp.delivery;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The header fields a final delivery prepends (RFC 5321 §4.4 Received and Return-Path, RFC 3848 "with
 * LMTP"/"LMTPS", and the customary Delivered-To), then the spam check's verdict fields if rspamd answered: always
 * in front of the message, never inside it, so the delivered bytes follow them unchanged.
 */
public final class TraceHeaders {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private TraceHeaders() {
    }

    public static byte[] build(Envelope envelope, Recipient recipient, String hostname, ZonedDateTime now) {
        return build(envelope, recipient, hostname, now, "");
    }

    /** @param verdictFields complete CRLF-terminated fields of a spam check, placed after Received; "" for none */
    public static byte[] build(Envelope envelope, Recipient recipient, String hostname, ZonedDateTime now,
            String verdictFields) {
        String received = "Received: from " + clean(envelope.lhloName()) + " (" + clean(envelope.peerAddress()) + ")\r\n"
                + "\tby " + clean(hostname) + " (Gannet) with " + (envelope.tls() ? "LMTPS" : "LMTP")
                + " id " + envelope.queueId() + "\r\n"
                + "\tfor <" + clean(recipient.path()) + ">; " + DATE.format(now.withZoneSameInstant(ZoneOffset.UTC)) + "\r\n";
        String text = "Return-Path: <" + clean(envelope.reversePath()) + ">\r\n"
                + "Delivered-To: " + clean(recipient.path()) + "\r\n"
                + received
                + verdictFields;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Values come from the client: no line breaks or controls may reach the header. */
    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && sb.length() < 256; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
