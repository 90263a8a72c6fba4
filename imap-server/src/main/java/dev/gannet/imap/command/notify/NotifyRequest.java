package dev.gannet.imap.command.notify;

import dev.gannet.core.store.MailboxName;
import dev.gannet.imap.command.fetch.FetchAtt;

import java.util.List;
import java.util.Set;

/**
 * A parsed NOTIFY SET (RFC 5465 §3): whether STATUS is wanted at once, and the event groups in the order
 * given, each a mailbox filter with the events it asks for (empty for NONE).
 */
public record NotifyRequest(boolean status, List<Group> groups) {

    public NotifyRequest {
        groups = List.copyOf(groups);
    }

    /** The mailbox filters of §6. */
    public enum Filter { SELECTED, SELECTED_DELAYED, INBOXES, PERSONAL, SUBSCRIBED, SUBTREE, MAILBOXES }

    /** The events of §5 this server reports. */
    public enum Event {
        MESSAGE_NEW, MESSAGE_EXPUNGE, FLAG_CHANGE, MAILBOX_NAME, SUBSCRIPTION_CHANGE, MAILBOX_METADATA_CHANGE,
        SERVER_METADATA_CHANGE
    }

    /**
     * One event group; {@code wire} are the SUBTREE or MAILBOXES arguments as sent, {@code names} the same
     * decoded by the session ({@link #withNames}), since the parser does not know whether UTF8=ACCEPT is on.
     */
    public record Group(Filter filter, List<String> wire, List<MailboxName> names, Set<Event> events,
            List<FetchAtt> fetch) {
        public Group {
            wire = List.copyOf(wire);
            names = List.copyOf(names);
            events = Set.copyOf(events);
            fetch = List.copyOf(fetch);
        }

        public Group withNames(java.util.function.Function<String, MailboxName> decode) {
            return new Group(filter, wire, wire.stream().map(decode).toList(), events, fetch);
        }

        public boolean selected() {
            return filter == Filter.SELECTED || filter == Filter.SELECTED_DELAYED;
        }

        /** Whether a mailbox other than the selected one falls under this group's filter. */
        public boolean covers(MailboxName name, boolean subscribed) {
            return switch (filter) {
                case SELECTED, SELECTED_DELAYED -> false;
                case INBOXES -> name.equals(MailboxName.INBOX);
                case PERSONAL -> true;
                case SUBSCRIBED -> subscribed;
                case MAILBOXES -> names.contains(name);
                case SUBTREE -> names.stream().anyMatch(n -> n.equals(name) || name.path().startsWith(n.path() + "/"));
            };
        }
    }
}
