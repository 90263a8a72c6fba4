package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;

/**
 * What SORT (RFC 5256 §3, RFC 5957 §3) and THREAD (RFC 5256 §4) need of one message, read without its bytes:
 * the text keys are already in i;unicode-casemap form (RFC 5051), so they compare by code point;
 * {@code sent} is null when the Date header is missing or unparsable ({@link #date()} then falls back to the
 * internal date, RFC 5256 §2.2); {@code messageId} is null when absent, and {@code parents} are the References
 * ids, or the In-Reply-To id when there are none.
 */
public record SortKeys(long uid, long size, Instant arrival, Instant sent, String from, String to, String cc,
        String displayFrom, String displayTo, String subject, boolean replyOrForward, String messageId,
        List<String> parents) {

    public SortKeys {
        parents = List.copyOf(parents);
    }

    /** The sent date, or the internal date when the sent date cannot be determined (RFC 5256 §2.2). */
    public Instant date() {
        return sent != null ? sent : arrival;
    }
}
