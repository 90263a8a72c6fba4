package dev.gannet.core.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A search criteria tree (RFC 3501 §6.4.4 plus MODSEQ from RFC 7162 §3.1.5), free of IMAP syntax so the
 * REST API can build it too. Sequence numbers are the IMAP layer's business: it turns them into a
 * {@link Uids} key. Substring matches are case-insensitive; internal dates compare
 * calendar days in UTC, sent dates the Date header's own calendar day (RFC 3501 §6.4.4).
 */
public sealed interface SearchKey {

    record All() implements SearchKey {
    }

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    record Not(SearchKey key) implements SearchKey {
        public Not {
            Objects.requireNonNull(key);
        }
    }

    record Uids(UidSet uids) implements SearchKey {
    }

    record HasFlag(Flag flag) implements SearchKey {
    }

    record HasKeyword(String keyword) implements SearchKey {
    }

    /** RFC822.SIZE strictly larger than {@code bytes}. */
    record Larger(long bytes) implements SearchKey {
    }

    /** RFC822.SIZE strictly smaller than {@code bytes}. */
    record Smaller(long bytes) implements SearchKey {
    }

    /** Which date a {@link DateKey} compares. */
    enum DateField { INTERNAL, SENT, SAVED }

    /** Which comparison a {@link DateKey} makes. */
    enum DateOp { BEFORE, ON, SINCE }

    /**
     * BEFORE/ON/SINCE (internal date), SENTBEFORE/SENTON/SENTSINCE (Date: header) and SAVEDBEFORE/SAVEDON/
     * SAVEDSINCE (RFC 8514 §4: the save date; a message without one matches none of them).
     */
    record DateKey(DateField field, DateOp op, LocalDate date) implements SearchKey {
        public DateKey {
            Objects.requireNonNull(field);
            Objects.requireNonNull(op);
            Objects.requireNonNull(date);
        }
    }

    /**
     * HEADER name substring, matched on the field's decoded text; with {@code addresses}, on its parsed addresses
     * instead ({@code name <local@domain>}), as FROM/TO/CC/BCC are (see {@link #field}). An empty substring
     * matches every message that has the header.
     */
    record Header(String name, String substring, boolean addresses) implements SearchKey {
        public Header {
            Objects.requireNonNull(name);
            Objects.requireNonNull(substring);
        }

        public Header(String name, String substring) {
            this(name, substring, false);
        }

        /** FROM, TO, CC, BCC (their parsed addresses) and SUBJECT, or HEADER of any other name (RFC 3501 §6.4.4). */
        public static Header field(String name, String substring) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            boolean addresses = switch (lower) {
                case "from", "to", "cc", "bcc" -> true;
                default -> false;
            };
            return new Header(lower, substring, addresses);
        }
    }

    /** BODY: substring of the decoded text. */
    record Body(String substring) implements SearchKey {
    }

    /** TEXT: substring of the headers or the body. */
    record Text(String substring) implements SearchKey {
    }

    /** MODSEQ n: messages whose modseq is at least {@code modseq}. */
    record ModSeqAtLeast(long modseq) implements SearchKey {
    }

    /** Internal date at or after {@code instant} (RFC 5032 YOUNGER; OLDER is its negation). */
    record InternalSince(java.time.Instant instant) implements SearchKey {
        public InternalSince {
            Objects.requireNonNull(instant);
        }
    }

    /** EMAILID (RFC 8474 §6): the message's email id is exactly {@code id}. */
    record EmailId(String id) implements SearchKey {
        public EmailId {
            Objects.requireNonNull(id);
        }
    }

    /** THREADID (RFC 8474 §6): the message's thread id is exactly {@code id}. */
    record ThreadId(String id) implements SearchKey {
        public ThreadId {
            Objects.requireNonNull(id);
        }
    }

    static SearchKey and(SearchKey... keys) {
        return new And(List.of(keys));
    }
}
