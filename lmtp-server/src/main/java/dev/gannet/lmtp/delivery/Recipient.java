package dev.gannet.lmtp.delivery;

import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.UserId;

import java.util.Objects;

/**
 * An accepted RCPT TO: the path as the client wrote it, the parsed address and the user it resolved to, or, for a
 * forwarded address (WildDuck's {@code /addresses/forwarded}), no user and the forwarded address it matched.
 */
public record Recipient(String path, EmailAddress address, UserId user, EmailAddress forwarded) {
    public Recipient {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(address, "address");
        if (forwarded == null) {
            Objects.requireNonNull(user, "user");
        }
    }

    public Recipient(String path, EmailAddress address, UserId user) {
        this(path, address, user, null);
    }
}
