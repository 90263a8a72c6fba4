package dev.gannet.core.plugin;

import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;

/**
 * The plugin SPI (ARCHITECTURE.md "Plugins"): implementations are found with {@link java.util.ServiceLoader}
 * in the jars of the plugins directory ({@code META-INF/services/dev.gannet.core.plugin.MailPlugin}). Hooks
 * are synchronous and run off the event loop under a time limit; a hook that throws or overruns never
 * loses a message: before-store failures make the delivery fail temporarily, so the sender retries.
 */
public interface MailPlugin {

    /** A short name for logs and rejection reasons. */
    String name();

    /** Before a message is stored: accept (optionally adding header lines or picking a mailbox) or reject. */
    default StoreDecision beforeStore(IncomingMessage message) throws Exception {
        return StoreDecision.accept();
    }

    /** After a message is stored and journalled. Failures are logged; the message stays stored. */
    default void afterStore(StoredMessage message) throws Exception {
    }

    /** After a user and their default mailboxes were created. */
    default void userCreated(User user) throws Exception {
    }

    /** After a user was deleted. */
    default void userDeleted(UserId user, String username) throws Exception {
    }
}
