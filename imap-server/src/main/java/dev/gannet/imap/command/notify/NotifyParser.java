package dev.gannet.imap.command.notify;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.fetch.FetchAtt;
import dev.gannet.imap.command.fetch.FetchParser;
import dev.gannet.imap.command.notify.NotifyRequest.Event;
import dev.gannet.imap.command.notify.NotifyRequest.Filter;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses NOTIFY (RFC 5465 §8): {@code NONE}, or {@code SET [STATUS]} and event groups. Grammar errors and
 * the combinations §5 forbids (MessageNew without MessageExpunge, FlagChange without both, fetch-att outside
 * the selected filters, mailbox events on the selected filters) are BAD; well-formed events this server does
 * not report are {@link UnsupportedEvent}, which the handler answers {@code NO [BADEVENT]}.
 */
public final class NotifyParser {

    /** Bounds the work one NOTIFY may ask for. */
    static final int MAX_GROUPS = 20;
    static final int MAX_NAMES = 100;

    private NotifyParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r) {
        r.sp();
        String verb = r.atom().toUpperCase(Locale.ROOT);
        if (verb.equals("NONE")) {
            return new ImapCommand.Notify(tag, null);
        }
        if (!verb.equals("SET")) {
            throw new ImapParseException("Expected SET or NONE");
        }
        r.sp();
        boolean status = false;
        List<NotifyRequest.Group> groups = new ArrayList<>();
        boolean unsupported = false;
        if (r.peek() != '(') {
            // status-indicator = SP "STATUS"
            if (!r.atom().equalsIgnoreCase("STATUS")) {
                throw new ImapParseException("Expected STATUS or an event group");
            }
            status = true;
            r.sp();
        }
        r.expect('(');
        String first = r.atom();
        while (true) {
            if (groups.size() >= MAX_GROUPS) {
                throw new ImapParseException("Too many event groups");
            }
            try {
                groups.add(group(first, r));
            } catch (UnsupportedEvent e) {
                unsupported = true;
            }
            if (!r.tryChar(' ')) {
                break;
            }
            r.expect('(');
            first = r.atom();
        }
        if (unsupported) {
            return new ImapCommand.Notify(tag, null, true);
        }
        return new ImapCommand.Notify(tag, new NotifyRequest(status, groups));
    }

    /** After the group's opening parenthesis and its filter word {@code word}. */
    private static NotifyRequest.Group group(String word, ArgReader r) {
        String f = word.toLowerCase(Locale.ROOT);
        Filter filter = switch (f) {
            case "selected" -> Filter.SELECTED;
            case "selected-delayed" -> Filter.SELECTED_DELAYED;
            case "inboxes" -> Filter.INBOXES;
            case "personal" -> Filter.PERSONAL;
            case "subscribed" -> Filter.SUBSCRIBED;
            case "subtree" -> Filter.SUBTREE;
            case "mailboxes" -> Filter.MAILBOXES;
            default -> throw new ImapParseException("Unknown mailbox filter");
        };
        List<String> names = new ArrayList<>();
        if (filter == Filter.SUBTREE || filter == Filter.MAILBOXES) {
            r.sp();
            if (r.tryChar('(')) {
                do {
                    names.add(r.astring());
                    if (names.size() > MAX_NAMES) {
                        throw new ImapParseException("Too many mailboxes");
                    }
                } while (r.tryChar(' '));
                r.expect(')');
            } else {
                names.add(r.astring());
            }
        }
        r.sp();
        Set<Event> events = EnumSet.noneOf(Event.class);
        List<FetchAtt> fetch = new ArrayList<>();
        boolean unsupported = false;
        if (r.tryChar('(')) {
            do {
                String e = r.atom().toLowerCase(Locale.ROOT);
                switch (e) {
                    case "messagenew" -> {
                        events.add(Event.MESSAGE_NEW);
                        if (r.peek() == ' ' && r.tryChar(' ')) {
                            if (r.peek() == '(') {
                                r.expect('(');
                                do {
                                    fetch.add(FetchParser.att(r));
                                } while (r.tryChar(' '));
                                r.expect(')');
                            } else {
                                continue; // the space separated the next event
                            }
                        }
                    }
                    case "messageexpunge" -> events.add(Event.MESSAGE_EXPUNGE);
                    case "flagchange" -> events.add(Event.FLAG_CHANGE);
                    case "mailboxname" -> events.add(Event.MAILBOX_NAME);
                    case "subscriptionchange" -> events.add(Event.SUBSCRIPTION_CHANGE);
                    case "mailboxmetadatachange" -> events.add(Event.MAILBOX_METADATA_CHANGE);
                    case "servermetadatachange" -> events.add(Event.SERVER_METADATA_CHANGE);
                    default -> unsupported = true; // AnnotationChange, extensions
                }
                if (!r.tryChar(' ')) {
                    break;
                }
            } while (true);
            r.expect(')');
        } else if (!r.atom().equalsIgnoreCase("NONE")) {
            throw new ImapParseException("Expected an event list or NONE");
        }
        r.expect(')');
        if (unsupported) {
            throw new UnsupportedEvent();
        }
        check(filter, events, fetch);
        return new NotifyRequest.Group(filter, names, List.of(), events, fetch);
    }

    private static void check(Filter filter, Set<Event> events, List<FetchAtt> fetch) {
        boolean selected = filter == Filter.SELECTED || filter == Filter.SELECTED_DELAYED;
        if (events.contains(Event.MESSAGE_NEW) != events.contains(Event.MESSAGE_EXPUNGE)) {
            throw new ImapParseException("MessageNew and MessageExpunge must be given together");
        }
        if (events.contains(Event.FLAG_CHANGE) && !events.contains(Event.MESSAGE_NEW)) {
            throw new ImapParseException("FlagChange needs MessageNew and MessageExpunge");
        }
        if (!fetch.isEmpty() && !selected) {
            throw new ImapParseException("MessageNew fetch attributes are only allowed for the selected mailbox");
        }
        if (fetch.stream().anyMatch(FetchAtt::setsSeen)) {
            throw new ImapParseException("MessageNew fetch attributes must not set \\Seen (use BODY.PEEK)");
        }
        if (selected && (events.contains(Event.MAILBOX_NAME) || events.contains(Event.SUBSCRIPTION_CHANGE)
                || events.contains(Event.MAILBOX_METADATA_CHANGE) || events.contains(Event.SERVER_METADATA_CHANGE))) {
            throw new ImapParseException("Mailbox events cannot be asked of the selected mailbox");
        }
    }

    /** A well-formed event this server does not report (RFC 5465 §3.1: NO [BADEVENT]). */
    static final class UnsupportedEvent extends RuntimeException {
        UnsupportedEvent() {
            super(null, null, false, false);
        }
    }
}
