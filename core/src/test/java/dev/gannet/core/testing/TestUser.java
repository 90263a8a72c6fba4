package dev.gannet.core.testing;

import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;

/**
 * A user the harness created for one test: its account, the password it logs in with, and its main
 * address (which LMTP delivers to).
 */
public record TestUser(User user, String password, EmailAddress address) {

    public UserId id() {
        return user.id();
    }

    public String username() {
        return user.username();
    }

    @Override
    public String toString() {
        return "TestUser[" + user.username() + ", " + address + "]";
    }
}
