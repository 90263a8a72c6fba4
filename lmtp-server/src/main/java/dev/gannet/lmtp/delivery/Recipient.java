package dev.gannet.lmtp.delivery;

import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.UserId;

import java.util.Objects;

/** An accepted RCPT TO: the path as the client wrote it, the parsed address and the user it resolved to. */
public record Recipient(String path, EmailAddress address, UserId user) {
    public Recipient {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
    }
}
