package dev.gannet.core.mime;

import java.util.List;

/**
 * Builds the ENVELOPE of RFC 3501 §7.4.2 from a message header: Date, Subject, In-Reply-To and
 * Message-ID raw and unfolded, the six address fields parsed; when a field repeats the last one
 * counts, as in Dovecot.
 */
final class Envelopes {

    private Envelopes() {
    }

    static Envelope of(List<HeaderBlock.Line> lines) {
        return new Envelope(
                HeaderBlock.last(lines, "Date"),
                HeaderBlock.last(lines, "Subject"),
                AddressParser.parse(HeaderBlock.last(lines, "From")),
                AddressParser.parse(HeaderBlock.last(lines, "Sender")),
                AddressParser.parse(HeaderBlock.last(lines, "Reply-To")),
                AddressParser.parse(HeaderBlock.last(lines, "To")),
                AddressParser.parse(HeaderBlock.last(lines, "Cc")),
                AddressParser.parse(HeaderBlock.last(lines, "Bcc")),
                HeaderBlock.last(lines, "In-Reply-To"),
                HeaderBlock.last(lines, "Message-ID"));
    }
}
