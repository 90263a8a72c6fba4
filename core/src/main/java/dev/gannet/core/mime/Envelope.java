package dev.gannet.core.mime;

import java.util.List;

/**
 * The IMAP ENVELOPE (RFC 3501 §7.4.2) of a message: raw header values, unfolded but not decoded,
 * null when the header is absent; address lists empty when absent or empty (rendered NIL). As in
 * Dovecot, the last occurrence of a repeated header wins. Sender and Reply-To already hold From
 * when their headers are absent or empty, as RFC 3501 requires.
 */
public record Envelope(
        String date,
        String subject,
        List<Address> from,
        List<Address> sender,
        List<Address> replyTo,
        List<Address> to,
        List<Address> cc,
        List<Address> bcc,
        String inReplyTo,
        String messageId) {

    public static final Envelope EMPTY =
            new Envelope(null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

    public Envelope {
        from = List.copyOf(from);
        sender = sender.isEmpty() ? from : List.copyOf(sender);
        replyTo = replyTo.isEmpty() ? from : List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }
}
