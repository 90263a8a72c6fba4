package dev.gannet.core.plugin;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.UserId;
import java.util.List;
import java.util.Locale;

/**
 * What a before-store hook sees: the owner, the intended mailbox, where the message came from, its size, its
 * top-level header fields (unfolded, undecoded) and the spooled source for hooks that must read the body.
 */
public record IncomingMessage(UserId user, MailboxName mailbox, AppendRequest.Origin origin, long size,
        List<HeaderField> headers, MessageSource source) {

    /** One header field as it appears in the message, unfolded. */
    public record HeaderField(String name, String value) {
    }

    public IncomingMessage {
        headers = List.copyOf(headers);
    }

    /** The first value of a header, matched case-insensitively, or null. */
    public String header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (HeaderField f : headers) {
            if (f.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return f.value();
            }
        }
        return null;
    }
}
