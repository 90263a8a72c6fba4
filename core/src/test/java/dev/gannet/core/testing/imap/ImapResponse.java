package dev.gannet.core.testing.imap;

import java.util.List;
import java.util.Map;

/**
 * One server response (RFC 3501 §7) as {@link ImapResponseGrammar} parsed it: what a test client needs to
 * keep its own view of the session (tags, sequence numbers, UIDs, flags, section bytes) plus the raw bytes.
 */
public sealed interface ImapResponse {

    /** The response exactly as received, literals and CRLF included. */
    byte[] raw();

    /** {@code resp-text-code}: its name in upper case and its argument text as sent ("" if none). */
    record Code(String name, String args) {
        public static final Code NONE = new Code("", "");

        public boolean is(String n) {
            return name.equals(n);
        }
    }

    /** {@code tag SP ("OK" / "NO" / "BAD") SP resp-text}. */
    record Tagged(String tag, String status, Code code, String text, byte[] raw) implements ImapResponse {
        public boolean ok() {
            return status.equals("OK");
        }
    }

    /** {@code "+" SP (resp-text / base64)}. */
    record Continuation(String text, byte[] raw) implements ImapResponse {
    }

    /** Untagged OK, NO, BAD, BYE or PREAUTH with its resp-text. */
    record Condition(String status, Code code, String text, byte[] raw) implements ImapResponse {
    }

    record Exists(long count, byte[] raw) implements ImapResponse {
    }

    record Recent(long count, byte[] raw) implements ImapResponse {
    }

    record Expunge(long seq, byte[] raw) implements ImapResponse {
    }

    /** {@code nz-number SP "FETCH" SP msg-att}. */
    record Fetch(long seq, FetchItems items, byte[] raw) implements ImapResponse {
    }

    /** {@code "STATUS" SP mailbox SP "(" [status-att-list] ")"}, items by upper-case name; APPENDLIMIT NIL as -1. */
    record Status(String mailbox, Map<String, Long> items, byte[] raw) implements ImapResponse {
    }

    /** {@code "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]}; modseq 0 if absent. */
    record Search(List<Long> numbers, long modseq, byte[] raw) implements ImapResponse {
    }

    /** {@code "LIST" / "LSUB" SP mailbox-list}; delimiter null for NIL. */
    record ListEntry(String kind, List<String> attributes, String delimiter, String mailbox, byte[] raw)
            implements ImapResponse {
        public boolean has(String attribute) {
            return attributes.stream().anyMatch(a -> a.equalsIgnoreCase(attribute));
        }
    }

    /** RFC 9208 {@code "QUOTA" SP quota-root-name SP quota-list}: resource name → {usage, limit}. */
    record Quota(String root, Map<String, long[]> resources, byte[] raw) implements ImapResponse {
    }

    /** RFC 9208 {@code "QUOTAROOT" SP mailbox *(SP quota-root-name)}. */
    record QuotaRoot(String mailbox, List<String> roots, byte[] raw) implements ImapResponse {
    }

    /** The other untagged data: CAPABILITY, FLAGS, ENABLED, ID, NAMESPACE, with their words. */
    record Data(String kind, List<String> words, byte[] raw) implements ImapResponse {
    }

    /**
     * The attributes of one FETCH response; a field is null where the response did not carry it.
     *
     * @param sections {@code BODY[section]<origin>}, {@code RFC822}, {@code RFC822.HEADER} and
     *     {@code RFC822.TEXT} by their name as sent in upper case (e.g. {@code BODY[]}, {@code BODY[1.MIME]<0>}),
     *     the value null for NIL
     */
    record FetchItems(Long uid, List<String> flags, Long size, Long modseq, String internalDate, String envelope,
            String body, String bodyStructure, Map<String, byte[]> sections) {
    }
}
