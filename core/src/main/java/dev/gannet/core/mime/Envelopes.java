package dev.gannet.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the ENVELOPE of RFC 3501 §7.4.2 from a message header: Date, Subject, In-Reply-To and
 * Message-ID raw and unfolded, the six address fields parsed. As Dovecot does, a repeated string
 * field counts by its last occurrence and a repeated address field by all of them, in order.
 */
final class Envelopes {

    private Envelopes() {
    }

    static Envelope of(List<HeaderBlock.Line> lines) {
        return new Envelope(
                HeaderBlock.last(lines, "Date"),
                HeaderBlock.last(lines, "Subject"),
                addresses(lines, "From"),
                addresses(lines, "Sender"),
                addresses(lines, "Reply-To"),
                addresses(lines, "To"),
                addresses(lines, "Cc"),
                addresses(lines, "Bcc"),
                HeaderBlock.last(lines, "In-Reply-To"),
                HeaderBlock.last(lines, "Message-ID"));
    }

    private static List<Address> addresses(List<HeaderBlock.Line> lines, String name) {
        return addresses(lines, name, false);
    }

    /**
     * The addresses of every {@code name} field as SEARCH compares them: bytes that are not UTF-8 read as
     * U+FFFD ({@link HeaderBlock.Line#searchValue}), not as the Latin-1 letters ENVELOPE shows.
     */
    static List<Address> forSearch(List<HeaderBlock.Line> lines, String name) {
        return addresses(lines, name, true);
    }

    private static List<Address> addresses(List<HeaderBlock.Line> lines, String name, boolean search) {
        List<Address> all = new ArrayList<>();
        for (HeaderBlock.Line line : lines) {
            if (line.name().equalsIgnoreCase(name)) {
                all.addAll(AddressParser.parse(search ? line.searchValue() : line.value()));
            }
        }
        return all;
    }
}
