package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One of a user's message filters in WildDuck's shape: what a message must match ({@link Query}) and what to do
 * with it ({@link Action}). Delivery compiles a user's enabled filters, in creation order, to one Sieve script.
 * Every query field is optional; a filter whose query is empty matches every message.
 *
 * @param id 24 lower-case hex digits, like WildDuck's ObjectId
 */
public record Filter(String id, UserId user, String name, Query query, Action action, boolean disabled, Instant created) {

    /**
     * WildDuck's query: {@code from}, {@code to} (To or Cc), {@code subject}, {@code listId} are partial,
     * case-insensitive matches on those header fields, {@code text} on the message text, {@code ha} whether the
     * message has an attachment, {@code size} larger than (positive) or smaller than (negative, its absolute value).
     */
    public record Query(String from, String to, String subject, String listId, String text, Boolean ha, Long size) {
        public static final Query EMPTY = new Query(null, null, null, null, null, null, null);
    }

    /**
     * WildDuck's action: mark {@code seen}, {@code flag}, {@code delete} (do not store), {@code spam} (Junk),
     * file into {@code mailbox} (a mailbox id), forward a copy to {@code targets} (e-mail addresses).
     */
    public record Action(Boolean seen, Boolean flag, Boolean delete, Boolean spam, String mailbox, List<String> targets) {
        public static final Action EMPTY = new Action(null, null, null, null, null, null);

        public Action {
            targets = targets == null ? null : List.copyOf(targets);
        }
    }

    public Filter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        query = query == null ? Query.EMPTY : query;
        action = action == null ? Action.EMPTY : action;
        Objects.requireNonNull(created, "created");
    }

    public Filter with(String name, Query query, Action action, boolean disabled) {
        return new Filter(id, user, name, query, action, disabled, created);
    }
}
