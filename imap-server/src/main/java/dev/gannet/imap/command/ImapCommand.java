package dev.gannet.imap.command;

import dev.gannet.imap.command.fetch.FetchAtt;
import dev.gannet.imap.protocol.SequenceSet;

import java.util.List;
import java.util.Map;

/**
 * A parsed IMAP command (RFC 3501 §6 and extensions): one record per command, carrying its tag and typed
 * arguments, never raw tokens. The records live together here because a sealed interface in an unnamed
 * module may only permit classes of its own package; each command's parser and handler live in
 * {@code command.<name>}.
 */
public sealed interface ImapCommand {

    String tag();

    Kind kind();

    /**
     * False for FETCH, STORE and SEARCH by sequence number, during which RFC 3501 §7.4.1 forbids EXPUNGE
     * responses (and, by the same reasoning, COPY and MOVE by sequence number).
     */
    default boolean allowsExpungeResponses() {
        return true;
    }

    record Capability(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.CAPABILITY;
        }
    }

    record Noop(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.NOOP;
        }
    }

    record Logout(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.LOGOUT;
        }
    }

    record StartTls(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.STARTTLS;
        }
    }

    /** RFC 3501 §6.2.3. The password is hidden from {@code toString}. */
    record Login(String tag, String username, String password) implements ImapCommand {
        public Kind kind() {
            return Kind.LOGIN;
        }

        @Override
        public String toString() {
            return "Login[tag=" + tag + ", username=" + username + ", password=***]";
        }
    }

    /** RFC 3501 §6.2.2 with the RFC 4959 initial response (null when absent, "" for {@code =}). */
    record Authenticate(String tag, String mechanism, String initialResponse) implements ImapCommand {
        public Kind kind() {
            return Kind.AUTHENTICATE;
        }

        @Override
        public String toString() {
            return "Authenticate[tag=" + tag + ", mechanism=" + mechanism + "]";
        }
    }

    /** RFC 2971; {@code fields} is empty for NIL. */
    record Id(String tag, Map<String, String> fields) implements ImapCommand {
        public Kind kind() {
            return Kind.ID;
        }
    }

    /** RFC 5161. */
    record Enable(String tag, List<String> extensions) implements ImapCommand {
        public Kind kind() {
            return Kind.ENABLE;
        }
    }

    record Namespace(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.NAMESPACE;
        }
    }

    /**
     * RFC 3501 §6.3.3; mailbox names are as the client sent them (modified UTF-7 unless UTF8=ACCEPT);
     * {@code use} holds the RFC 6154 §3 USE attributes as sent, empty without them.
     */
    record Create(String tag, String mailbox, List<String> use) implements ImapCommand {
        public Kind kind() {
            return Kind.CREATE;
        }
    }

    record Delete(String tag, String mailbox) implements ImapCommand {
        public Kind kind() {
            return Kind.DELETE;
        }
    }

    record Rename(String tag, String from, String to) implements ImapCommand {
        public Kind kind() {
            return Kind.RENAME;
        }
    }

    /** SUBSCRIBE or UNSUBSCRIBE (RFC 3501 §6.3.6, §6.3.7). */
    record Subscribe(String tag, String mailbox, boolean subscribe) implements ImapCommand {
        public Kind kind() {
            return subscribe ? Kind.SUBSCRIBE : Kind.UNSUBSCRIBE;
        }
    }

    /**
     * LIST (RFC 3501 §6.3.8) and LSUB (§6.3.9), with the RFC 5258 selection options and return options
     * this server understands (SUBSCRIBED, SPECIAL-USE, CHILDREN), upper-cased; {@code extended} when
     * selection options were given (even empty); {@code statusItems} are RFC 5819's RETURN (STATUS (...)),
     * empty without it.
     */
    record ListMailboxes(String tag, boolean lsub, String reference, List<String> patterns, boolean extended,
            List<String> selectOptions, List<String> returnOptions, List<String> statusItems) implements ImapCommand {
        public Kind kind() {
            return lsub ? Kind.LSUB : Kind.LIST;
        }
    }

    /** RFC 3501 §6.3.10; items upper-cased in the order asked. */
    record Status(String tag, String mailbox, List<String> items) implements ImapCommand {
        public Kind kind() {
            return Kind.STATUS;
        }
    }

    /** SELECT or EXAMINE (RFC 3501 §6.3.1–2); {@code qresync} is null without the RFC 7162 §3.2.5 parameter. */
    record Select(String tag, String mailbox, boolean readOnly, boolean condstore,
            dev.gannet.imap.command.select.QresyncParams qresync) implements ImapCommand {
        public Kind kind() {
            return readOnly ? Kind.EXAMINE : Kind.SELECT;
        }
    }

    /** CLOSE (RFC 3501 §6.4.2) or UNSELECT (RFC 3691). */
    record Close(String tag, boolean expunge) implements ImapCommand {
        public Kind kind() {
            return expunge ? Kind.CLOSE : Kind.UNSELECT;
        }
    }

    record Check(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.CHECK;
        }
    }

    /**
     * FETCH or UID FETCH; {@code changedSince} is -1 without the RFC 7162 modifier, {@code vanished} is the
     * RFC 7162 §3.2.6 VANISHED modifier (UID FETCH with CHANGEDSINCE only).
     */
    record Fetch(String tag, boolean uid, SequenceSet set, List<FetchAtt> atts, long changedSince, boolean vanished)
            implements ImapCommand {
        public Kind kind() {
            return Kind.FETCH;
        }

        @Override
        public boolean allowsExpungeResponses() {
            return uid;
        }
    }

    /**
     * STORE or UID STORE (RFC 3501 §6.4.6): {@code mode} is '=' for FLAGS, '+' or '-'; {@code flags} as
     * written; {@code unchangedSince} is -1 without the RFC 7162 modifier.
     */
    record Store(String tag, boolean uid, SequenceSet set, long unchangedSince, char mode, boolean silent,
            List<String> flags) implements ImapCommand {
        public Kind kind() {
            return Kind.STORE;
        }

        @Override
        public boolean allowsExpungeResponses() {
            return uid;
        }
    }

    /** COPY (RFC 3501 §6.4.7) or MOVE (RFC 6851), by sequence number or UID. */
    record Copy(String tag, boolean uid, SequenceSet set, String mailbox, boolean move) implements ImapCommand {
        public Kind kind() {
            return move ? Kind.MOVE : Kind.COPY;
        }

        @Override
        public boolean allowsExpungeResponses() {
            return uid || move;
        }
    }

    /** EXPUNGE (RFC 3501 §6.4.3), or UID EXPUNGE (RFC 4315 §2.1) when {@code uids} is not null. */
    record Expunge(String tag, SequenceSet uids) implements ImapCommand {
        public Kind kind() {
            return uids == null ? Kind.EXPUNGE : Kind.UID_EXPUNGE;
        }
    }

    /**
     * APPEND (RFC 3501 §6.3.11) of one message or, with MULTIAPPEND (RFC 3502), several, all kept or none; each
     * message's literals are as the decoder kept them, in memory or in spool files the session deletes after the
     * command.
     */
    record Append(String tag, String mailbox, List<dev.gannet.imap.command.append.AppendMessage> messages)
            implements ImapCommand {
        public Append {
            messages = List.copyOf(messages);
        }

        public Kind kind() {
            return Kind.APPEND;
        }
    }

    /** GETQUOTA (RFC 9208 §4.2.1) of a quota root, or GETQUOTAROOT (§4.2.2) of a mailbox. */
    record GetQuota(String tag, String name, boolean root) implements ImapCommand {
        public Kind kind() {
            return root ? Kind.GETQUOTAROOT : Kind.GETQUOTA;
        }
    }

    /**
     * SEARCH or UID SEARCH (RFC 3501 §6.4.4); {@code charset} is null when not given, {@code returns} is null
     * without RETURN (then the answer is a plain SEARCH response, RFC 4731 §3.1).
     */
    record Search(String tag, boolean uid, String charset, dev.gannet.imap.command.search.Criterion criteria,
            dev.gannet.imap.command.search.ReturnOptions returns) implements ImapCommand {
        public Kind kind() {
            return Kind.SEARCH;
        }

        @Override
        public boolean allowsExpungeResponses() {
            return uid;
        }
    }

    /** CANCELUPDATE (RFC 5267 §4.3.5): the tags of the searches whose updates end. */
    record CancelUpdate(String tag, List<String> tags) implements ImapCommand {
        public Kind kind() {
            return Kind.CANCELUPDATE;
        }
    }

    /** IDLE (RFC 2177). */
    record Idle(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.IDLE;
        }
    }

    /**
     * SORT or UID SORT (RFC 5256 §3, RFC 5957): criteria in order of precedence, then the search; {@code returns}
     * is null without the RFC 5267 §3.1 RETURN options (ESORT).
     */
    record Sort(String tag, boolean uid, List<dev.gannet.imap.command.sort.SortCriterion> criteria, String charset,
            dev.gannet.imap.command.search.Criterion search, dev.gannet.imap.command.search.ReturnOptions returns)
            implements ImapCommand {
        public Kind kind() {
            return Kind.SORT;
        }

        @Override
        public boolean allowsExpungeResponses() {
            return uid;
        }
    }

    /** THREAD or UID THREAD (RFC 5256 §4); {@code algorithm} is upper-cased. */
    record Thread(String tag, boolean uid, String algorithm, String charset,
            dev.gannet.imap.command.search.Criterion search) implements ImapCommand {
        public Kind kind() {
            return Kind.THREAD;
        }

        @Override
        public boolean allowsExpungeResponses() {
            return uid;
        }
    }

    /**
     * GETMETADATA (RFC 5464 §4.2): {@code mailbox} "" for server entries; entry names lower-cased;
     * {@code maxSize} -1 without MAXSIZE; {@code depth} 0, 1 or -1 for infinity.
     */
    record GetMetadata(String tag, String mailbox, List<String> entries, long maxSize, int depth) implements ImapCommand {
        public Kind kind() {
            return Kind.GETMETADATA;
        }
    }

    /**
     * SETMETADATA (RFC 5464 §4.3): entry names lower-cased, in the order given, each with its value (null for
     * NIL, which removes the entry).
     */
    record SetMetadata(String tag, String mailbox, List<Map.Entry<String, String>> entries) implements ImapCommand {
        public Kind kind() {
            return Kind.SETMETADATA;
        }
    }

    /** RFC 4978 §3: the compression mechanism named. */
    record Compress(String tag, String mechanism) implements ImapCommand {
        public Kind kind() {
            return Kind.COMPRESS;
        }
    }

    /**
     * RFC 5465 §3: NOTIFY NONE ({@code request} null) or NOTIFY SET; {@code badEvent} when SET named an
     * event this server does not report.
     */
    record Notify(String tag, dev.gannet.imap.command.notify.NotifyRequest request, boolean badEvent)
            implements ImapCommand {
        public Notify(String tag, dev.gannet.imap.command.notify.NotifyRequest request) {
            this(tag, request, false);
        }

        public Kind kind() {
            return Kind.NOTIFY;
        }
    }
}
