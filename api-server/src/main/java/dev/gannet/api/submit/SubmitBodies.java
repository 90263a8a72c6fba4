package dev.gannet.api.submit;

import java.util.List;
import java.util.Map;

/** Request and response bodies of the submission routes, with WildDuck's field names. */
public final class SubmitBodies {

    private SubmitBodies() {
    }

    /** A mailbox address with an optional display name. */
    public record Address(String name, String address) {
    }

    /** The SMTP envelope, when it should differ from the header addresses. */
    public record Envelope(Address from, List<Address> to) {
    }

    /** The message this one answers or forwards: In-Reply-To and References come from it, and it gets flagged. */
    public record Reference(String mailbox, Long id, String action, Object attachments) {
    }

    public record Header(String key, String value) {
    }

    /**
     * One attachment: {@code content} is base64 unless {@code encoding} says {@code utf8}/{@code utf-8}; an attachment
     * with {@code cid} is an inline part of the HTML body.
     */
    public record Attachment(String filename, String contentType, String encoding, String contentTransferEncoding,
            String content, String cid) {
        @Override
        public String toString() {
            return "Attachment[filename=" + filename + ", contentType=" + contentType + "]";
        }
    }

    /**
     * {@code POST /users/{user}/submit}. {@code raw} is a whole RFC 5322 message instead of the composing fields
     * (the same as posting it with {@code Content-Type: message/rfc822}).
     */
    public record Submit(String mailbox, Reference reference, Boolean isDraft, Boolean draft, String sendTime,
            Boolean uploadOnly, Envelope envelope, Address from, Address replyTo, List<Address> to, List<Address> cc,
            List<Address> bcc, String subject, String text, String html, List<Header> headers,
            List<Attachment> attachments, Map<String, Object> meta, String raw, String sess, String ip) {
        @Override
        public String toString() {
            return "Submit[subject=" + subject + "]";
        }
    }

    public record SubmittedMessage(String mailbox, long id, String queueId) {
    }

    public record Submitted(boolean success, SubmittedMessage message) {
    }

    /** {@code POST .../messages/{message}/submit}: send a stored draft. */
    public record SubmitDraft(Boolean deleteFiles, String sendTime) {
    }

    public record StoredCopy(String mailbox, long id) {
    }

    public record DraftSubmitted(boolean success, String queueId, StoredCopy message) {
    }

    /** {@code POST .../messages/{message}/forward}: {@code addresses} to forward the stored message to. */
    public record Forward(Integer target, List<String> addresses) {
    }

    public record Forwarded(boolean success, String queueId, List<ForwardedTo> forwarded) {
    }

    public record ForwardedTo(int seq, String type, String value) {
    }
}
