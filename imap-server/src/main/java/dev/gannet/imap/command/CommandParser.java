package dev.gannet.imap.command;

import dev.gannet.imap.command.append.AppendParser;
import dev.gannet.imap.command.create.CreateParser;
import dev.gannet.imap.command.fetch.FetchParser;
import dev.gannet.imap.command.list.ListParser;
import dev.gannet.imap.command.metadata.MetadataParser;
import dev.gannet.imap.command.search.SearchParser;
import dev.gannet.imap.command.select.SelectParser;
import dev.gannet.imap.command.store.StoreParser;
import dev.gannet.imap.command.status.StatusParser;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a command line into an {@link ImapCommand} (RFC 3501 §9 {@code command}): reads the command name
 * and hands the arguments to that command's parser. Knows nothing of the session or the store.
 */
public final class CommandParser {

    private CommandParser() {
    }

    /** Parses what follows {@code tag SP}. */
    public static ImapCommand parse(String tag, ArgReader r) {
        String name = r.atom().toUpperCase(Locale.ROOT);
        ImapCommand command = switch (name) {
            case "CAPABILITY" -> new ImapCommand.Capability(tag);
            case "NOOP" -> new ImapCommand.Noop(tag);
            case "IDLE" -> new ImapCommand.Idle(tag);
            case "LOGOUT" -> new ImapCommand.Logout(tag);
            case "STARTTLS" -> new ImapCommand.StartTls(tag);
            case "NAMESPACE" -> new ImapCommand.Namespace(tag);
            case "LOGIN" -> login(tag, r);
            case "AUTHENTICATE" -> authenticate(tag, r);
            case "ID" -> id(tag, r);
            case "ENABLE" -> enable(tag, r);
            case "CREATE" -> CreateParser.parse(tag, r);
            case "DELETE" -> new ImapCommand.Delete(tag, mailboxArg(r));
            case "RENAME" -> new ImapCommand.Rename(tag, mailboxArg(r), mailboxArg(r));
            case "SUBSCRIBE" -> new ImapCommand.Subscribe(tag, mailboxArg(r), true);
            case "UNSUBSCRIBE" -> new ImapCommand.Subscribe(tag, mailboxArg(r), false);
            case "LIST" -> ListParser.parse(tag, r, false);
            case "LSUB" -> ListParser.parse(tag, r, true);
            case "STATUS" -> StatusParser.parse(tag, r);
            case "SELECT" -> SelectParser.parse(tag, r, false);
            case "EXAMINE" -> SelectParser.parse(tag, r, true);
            case "CLOSE" -> new ImapCommand.Close(tag, true);
            case "UNSELECT" -> new ImapCommand.Close(tag, false);
            case "CHECK" -> new ImapCommand.Check(tag);
            case "FETCH" -> FetchParser.parse(tag, r, false);
            case "STORE" -> StoreParser.parse(tag, r, false);
            case "SEARCH" -> SearchParser.parse(tag, r, false);
            case "CANCELUPDATE" -> cancelUpdate(tag, r);
            case "SORT" -> dev.gannet.imap.command.sort.SortParser.parse(tag, r, false);
            case "THREAD" -> dev.gannet.imap.command.thread.ThreadParser.parse(tag, r, false);
            case "COPY" -> copy(tag, r, false, false);
            case "MOVE" -> copy(tag, r, false, true);
            case "EXPUNGE" -> new ImapCommand.Expunge(tag, null);
            case "UID" -> uid(tag, r);
            case "APPEND" -> AppendParser.parse(tag, r);
            case "GETQUOTA" -> new ImapCommand.GetQuota(tag, mailboxArg(r), false);
            case "GETQUOTAROOT" -> new ImapCommand.GetQuota(tag, mailboxArg(r), true);
            case "GETMETADATA" -> MetadataParser.get(tag, r);
            case "SETMETADATA" -> MetadataParser.set(tag, r);
            case "COMPRESS" -> new ImapCommand.Compress(tag, CommandParser.atomArg(r));
            case "NOTIFY" -> dev.gannet.imap.command.notify.NotifyParser.parse(tag, r);
            default -> throw new ImapParseException("Unknown command " + printable(name));
        };
        r.end();
        return command;
    }

    private static String printable(String name) {
        return name.length() > 20 ? name.substring(0, 20) : name;
    }

    /** SP mailbox. */
    public static String mailboxArg(ArgReader r) {
        r.sp();
        return r.astring();
    }

    /** SP atom. */
    public static String atomArg(ArgReader r) {
        r.sp();
        return r.atom();
    }

    private static ImapCommand uid(String tag, ArgReader r) {
        r.sp();
        String sub = r.atom().toUpperCase(Locale.ROOT);
        return switch (sub) {
            case "FETCH" -> FetchParser.parse(tag, r, true);
            case "STORE" -> StoreParser.parse(tag, r, true);
            case "SEARCH" -> SearchParser.parse(tag, r, true);
            case "SORT" -> dev.gannet.imap.command.sort.SortParser.parse(tag, r, true);
            case "THREAD" -> dev.gannet.imap.command.thread.ThreadParser.parse(tag, r, true);
            case "COPY" -> copy(tag, r, true, false);
            case "MOVE" -> copy(tag, r, true, true);
            case "EXPUNGE" -> {
                r.sp();
                yield new ImapCommand.Expunge(tag, r.sequenceSet());
            }
            default -> throw new ImapParseException("Unknown UID command " + printable(sub));
        };
    }

    private static ImapCommand copy(String tag, ArgReader r, boolean uid, boolean move) {
        r.sp();
        var set = r.sequenceSet();
        return new ImapCommand.Copy(tag, uid, set, mailboxArg(r), move);
    }

    private static ImapCommand login(String tag, ArgReader r) {
        r.sp();
        String user = r.astring();
        r.sp();
        String password = r.astring();
        return new ImapCommand.Login(tag, user, password);
    }

    private static ImapCommand authenticate(String tag, ArgReader r) {
        r.sp();
        String mechanism = r.atom().toUpperCase(Locale.ROOT);
        String initial = null;
        if (r.tryChar(' ')) {
            initial = r.tryChar('=') ? "" : r.atom();
        }
        return new ImapCommand.Authenticate(tag, mechanism, initial);
    }

    private static ImapCommand id(String tag, ArgReader r) {
        r.sp();
        Map<String, String> fields = new LinkedHashMap<>();
        if (r.peek() != '(') {
            if (!r.atom().equalsIgnoreCase("NIL")) {
                throw new ImapParseException("Expected NIL or a parameter list");
            }
            return new ImapCommand.Id(tag, fields);
        }
        r.expect('(');
        if (!r.tryChar(')')) {
            do {
                String key = r.string();
                r.sp();
                String value = r.nstring();
                if (fields.size() < 30) {
                    fields.put(key, value);
                }
            } while (r.tryChar(' '));
            r.expect(')');
        }
        return new ImapCommand.Id(tag, fields);
    }

    /** {@code "CANCELUPDATE" 1*(SP quoted)} (RFC 5267 §5). */
    private static ImapCommand cancelUpdate(String tag, ArgReader r) {
        List<String> tags = new ArrayList<>();
        do {
            r.sp();
            tags.add(r.string());
        } while (r.peek() == ' ' && tags.size() < 100);
        return new ImapCommand.CancelUpdate(tag, tags);
    }

    private static ImapCommand enable(String tag, ArgReader r) {
        List<String> exts = new ArrayList<>();
        do {
            r.sp();
            exts.add(r.atom().toUpperCase(Locale.ROOT));
        } while (r.peek() == ' ');
        return new ImapCommand.Enable(tag, exts);
    }
}
