package dev.gannet.core.mime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Normalised header facts for SEARCH (RFC 3501 §6.4.4) and SORT/THREAD (RFC 5256) of the top-level
 * message: decoded, lower-cased addresses; decoded subject and its RFC 5256 §2.1 base subject;
 * message ids without angle brackets; the sent date as an instant and
 * as the header's own calendar date (both null if missing or unparsable); List-Id
 * (RFC 2919) id without brackets; and the top-level header fields, decoded, bounded in count and size
 * ({@code headersTruncated} says some were left out).
 */
public record SearchFields(
        List<NormalizedAddress> from,
        List<NormalizedAddress> to,
        List<NormalizedAddress> cc,
        List<NormalizedAddress> bcc,
        String subject,
        String baseSubject,
        String messageId,
        String inReplyTo,
        List<String> references,
        Instant date,
        LocalDate sentDay,
        String listId,
        List<HeaderField> headers,
        boolean headersTruncated) {

    public SearchFields {
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        references = List.copyOf(references);
        headers = List.copyOf(headers);
        subject = subject == null ? "" : subject;
        baseSubject = baseSubject == null ? "" : baseSubject;
    }
}
