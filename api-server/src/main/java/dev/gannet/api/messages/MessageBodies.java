package dev.gannet.api.messages;

import java.util.List;

/** Request and response bodies of the message routes, with WildDuck's field names where it has them. */
public final class MessageBodies {

    private MessageBodies() {
    }

    public record Addr(String name, String address) {
    }

    /** One message in a listing or search result. */
    public record MessageSummary(long id, String mailbox, String thread, Addr from, List<Addr> to, String subject,
            String date, String idate, long size, boolean seen, boolean deleted, boolean flagged, boolean draft,
            boolean answered, List<String> keywords, boolean attachments) {
    }

    public record MessageList(boolean success, long total, String nextCursor, List<MessageSummary> results) {
    }

    public record Header(String key, String value) {
    }

    public record Attachment(String id, String filename, String contentType, String disposition,
            String transferEncoding, long size) {
    }

    /** One message, parsed: headers, text and html bodies, the attachment list. */
    public record MessageDetail(boolean success, long id, String mailbox, String user, String thread, Addr from,
            List<Addr> replyTo, List<Addr> to, List<Addr> cc, List<Addr> bcc, String subject, String messageId,
            String inReplyTo, String date, String idate, long size, boolean seen, boolean deleted, boolean flagged,
            boolean draft, boolean answered, List<String> flags, String contentType, List<Header> headers,
            String text, List<String> html, List<Attachment> attachments) {
    }

    public record UpdateMessage(Boolean seen, Boolean flagged, Boolean deleted, Boolean draft, Boolean answered,
            String moveTo) {
    }

    /** {@code updated}: messages whose flags changed; {@code mailbox}/{@code id} after a move: [[old, new]]. */
    public record Updated(boolean success, long updated, String mailbox, List<List<Long>> id) {
    }

    public record UploadedMessage(long id, String mailbox, long size) {
    }

    public record Uploaded(boolean success, UploadedMessage message) {
    }

    public record Deleted(boolean success, List<Long> deleted) {
    }
}
