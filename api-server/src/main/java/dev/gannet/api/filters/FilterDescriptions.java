package dev.gannet.api.filters;

import dev.gannet.core.store.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The human-readable {@code query} and {@code action} of WildDuck's filter lists: a list of [what, value] pairs
 * ({@code ["from", "(alice)"]}, {@code ["move to folder", "Work"]}), for showing, not for parsing.
 */
final class FilterDescriptions {

    private FilterDescriptions() {
    }

    static List<List<String>> query(Filter.Query q) {
        List<List<String>> out = new ArrayList<>();
        add(out, "from", q.from());
        add(out, "to", q.to());
        add(out, "subject", q.subject());
        add(out, "list ID", q.listId());
        add(out, "text", q.text());
        if (q.ha() != null) {
            out.add(List.of(q.ha() ? "has attachment" : "no attachment"));
        }
        if (q.size() != null) {
            out.add(List.of(q.size() > 0 ? "larger" : "smaller", Math.abs(q.size()) + "B"));
        }
        return out;
    }

    private static void add(List<List<String>> out, String what, String value) {
        if (value != null) {
            out.add(List.of(what, "(" + value + ")"));
        }
    }

    static List<List<String>> action(Filter.Action a, Function<String, String> mailboxPath) {
        List<List<String>> out = new ArrayList<>();
        flag(out, a.seen(), "mark as read", "do not mark as read");
        flag(out, a.flag(), "flag it", "do not flag it");
        flag(out, a.delete(), "delete it", "do not delete it");
        flag(out, a.spam(), "mark it as spam", "do not mark it as spam");
        if (a.mailbox() != null) {
            String path = mailboxPath.apply(a.mailbox());
            out.add(List.of("move to folder", path == null ? "[" + a.mailbox() + "]" : path));
        }
        if (a.targets() != null) {
            out.add(List.of("forward to", String.join(", ", a.targets())));
        }
        return out;
    }

    private static void flag(List<List<String>> out, Boolean value, String yes, String no) {
        if (value != null) {
            out.add(List.of(value ? yes : no));
        }
    }
}
