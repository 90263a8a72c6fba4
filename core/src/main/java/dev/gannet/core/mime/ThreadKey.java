package dev.gannet.core.mime;

import java.util.List;

/**
 * What THREAD needs (RFC 5256 §2.1, §3): this message's id (null if missing), the parent chain of
 * message ids oldest first (References, else the first In-Reply-To id), the base subject, and
 * whether subject extraction found a reply/forward marker.
 */
public record ThreadKey(String messageId, List<String> references, String baseSubject, boolean replyOrForward) {

    public ThreadKey {
        references = List.copyOf(references);
        baseSubject = baseSubject == null ? "" : baseSubject;
    }
}
