package dev.gannet.imap.session;

import dev.gannet.core.store.UserId;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts authenticated IMAP connections per user on this node, for {@code imap.maxConnectionsPerUser}
 * (a login beyond it answers {@code NO [LIMIT]}, RFC 5530).
 */
public final class UserConnections {

    private final ConcurrentHashMap<UserId, Integer> counts = new ConcurrentHashMap<>();
    private final int max;

    public UserConnections(int max) {
        this.max = max;
    }

    /** Counts one more connection of {@code user} if under the limit; false when at the limit. */
    public boolean acquire(UserId user) {
        boolean[] ok = {false};
        counts.compute(user, (k, n) -> {
            int c = n == null ? 0 : n;
            if (c >= max) {
                return n;
            }
            ok[0] = true;
            return c + 1;
        });
        return ok[0];
    }

    public void release(UserId user) {
        counts.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
    }
}
