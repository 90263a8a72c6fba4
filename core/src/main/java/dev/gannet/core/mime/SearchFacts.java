package dev.gannet.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Derives the normalised SEARCH/SORT fields (RFC 3501 §6.4.4, RFC 5256 §2-§3) and the THREAD key
 * (RFC 5256 §2.1, §4) from the top-level header: RFC 2047-decoded text, lower-cased addresses,
 * message ids as in RFC 5322 §3.6.4 without their angle brackets, the Date parsed leniently
 * ({@link MailDate}), and List-Id (RFC 2919 §3).
 */
final class SearchFacts {

    record Result(SearchFields search, ThreadKey thread) {
    }

    private static final List<String> PLACEHOLDERS = List.of("MISSING_MAILBOX", "MISSING_DOMAIN", "SYNTAX_ERROR");

    private SearchFacts() {
    }

    static Result of(List<HeaderBlock.Line> lines, Envelope envelope, ParseLimits limits) {
        HeaderBlock.Line subjectLine = HeaderBlock.lastLine(lines, "Subject");
        String subject = decode(subjectLine == null ? envelope.subject() : subjectLine.searchValue());
        BaseSubject.Result base = BaseSubject.extract(subject);
        String messageId = first(ids(envelope.messageId()));
        String inReplyTo = first(ids(envelope.inReplyTo()));
        List<String> references = ids(HeaderBlock.last(lines, "References"));
        List<HeaderField> headers = new ArrayList<>();
        boolean cut = false;
        for (HeaderBlock.Line line : lines) {
            if (headers.size() >= limits.maxHeaderFields()) {
                break;
            }
            String value = decode(line.searchValue());
            if (value.length() > limits.maxHeaderValueChars()) {
                value = value.substring(0, limits.maxHeaderValueChars());
                cut = true;
            }
            headers.add(new HeaderField(line.name(), value));
        }
        MailDate sent = MailDate.parse(envelope.date());
        SearchFields search = new SearchFields(
                addresses(lines, "From", envelope.from()), addresses(lines, "To", envelope.to()),
                addresses(lines, "Cc", envelope.cc()), addresses(lines, "Bcc", envelope.bcc()),
                subject, base.base(), messageId, inReplyTo, references,
                sent == null ? null : sent.instant(), sent == null ? null : sent.localDate(),
                listId(HeaderBlock.last(lines, "List-Id")), headers, cut || headers.size() < lines.size());
        List<String> parents = !references.isEmpty() ? references
                : inReplyTo == null ? List.of() : List.of(inReplyTo);
        return new Result(search, new ThreadKey(messageId, parents, base.base(), base.replyOrForward()));
    }

    static String decode(String raw) {
        return raw == null ? "" : ParamDecoding.decodeEncodedWords(raw);
    }

    /** A field's addresses for search; a message parsed without its header lines has its envelope's only. */
    private static List<NormalizedAddress> addresses(List<HeaderBlock.Line> lines, String name, List<Address> fromEnvelope) {
        return normalize(lines.isEmpty() ? fromEnvelope : Envelopes.forSearch(lines, name));
    }

    private static List<NormalizedAddress> normalize(List<Address> addresses) {
        List<NormalizedAddress> out = new ArrayList<>();
        for (Address a : addresses) {
            if (a.isGroupStart() || a.isGroupEnd()) {
                continue;
            }
            String name = a.name() == null || a.name().isBlank() ? null : decode(a.name()).toLowerCase(Locale.ROOT);
            String mailbox = PLACEHOLDERS.contains(a.mailbox()) ? null : a.mailbox();
            String host = a.host() == null || PLACEHOLDERS.contains(a.host()) ? null : a.host();
            String address = mailbox == null ? null : host == null ? mailbox : mailbox + "@" + host;
            out.add(new NormalizedAddress(name, address == null ? null : address.toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    /** Every {@code <id>} in the value, brackets and white space removed; a bare value counts as one id. */
    static List<String> ids(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        int i = 0;
        while ((i = value.indexOf('<', i)) >= 0) {
            int end = value.indexOf('>', i + 1);
            if (end < 0) {
                break;
            }
            String id = value.substring(i + 1, end).replaceAll("\\s+", "");
            if (!id.isEmpty()) {
                out.add(id);
            }
            i = end + 1;
        }
        if (out.isEmpty() && !value.isBlank() && value.indexOf('<') < 0) {
            out.add(value.trim().replaceAll("\\s+", ""));
        }
        return out;
    }

    private static String first(List<String> ids) {
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static String listId(String value) {
        if (value == null) {
            return null;
        }
        List<String> ids = ids(value);
        return ids.isEmpty() ? null : ids.get(ids.size() - 1).toLowerCase(Locale.ROOT);
    }
}
