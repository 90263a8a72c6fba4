package dev.gannet.imap.session;

import dev.gannet.core.store.JournalEntry;
import dev.gannet.core.store.JournalPage;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.MessageStore;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.Journal;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MailboxStore;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The selected mailbox as this session sees it (RFC 3501 §2.3.1.2): the sequence-number ↔ UID map, the
 * last modseq applied, the messages it holds as {@code \Recent} and the FLAGS it has announced. Changes reach
 * it only through {@link #sync}, which reads the journal after that modseq and reports them as untagged FLAGS,
 * EXPUNGE, EXISTS, RECENT and FETCH (FLAGS) responses; expunges are held back while a command that forbids
 * them is running (§7.4.1), so sequence numbers never shift under it. Changes this session made itself are
 * not reported back to it twice.
 */
public final class SelectedMailbox {

    private final Mailbox mailbox;
    private final boolean readOnly;
    private long[] uids;
    private int size;
    private volatile long knownModseq;
    private volatile boolean dirty;
    private final TreeSet<Long> pendingExpunges = new TreeSet<>();
    private final Set<Long> ownModseqs = ConcurrentHashMap.newKeySet();
    private final RecentClaims recent = new RecentClaims();
    private final FlagList flagList;
    /** The UIDs SEARCH RETURN (SAVE) kept (RFC 5182 §2.1): empty until one runs, and for each new SELECT. */
    private long[] savedResult = new long[0];
    /** The searches with RETURN (UPDATE) (RFC 5267 §4.3); null until one is made. */
    private dev.gannet.imap.command.search.SearchContexts contexts;
    /** The RECENT count the client was last told, so that an expunge of a recent message is reported too. */
    private volatile int reportedRecent;
    /** False in an IMAP4rev2 session, which has no {@code \Recent} (RFC 9051 Appendix E). */
    private volatile boolean tracksRecent = true;
    private volatile boolean vanished;

    /**
     * How far back a view read from the store's UID list replays the journal. An append takes its UID and modseq
     * before it writes its message, so the list can lack a message whose modseq the mailbox already counts; its
     * journal entry is written after the message, and replaying from below its modseq adds it. Replaying what the
     * list already holds changes nothing (UIDs are never reused). One journal page.
     */
    static final long REPLAY = 1000;

    /** A view of the store's UID list read after {@code mailbox}: exact once {@link #catchUp} has run. */
    public static SelectedMailbox fromList(Mailbox mailbox, long[] uids, boolean readOnly) {
        return new SelectedMailbox(mailbox, uids, Math.max(0, mailbox.highestModseq().value() - REPLAY), readOnly);
    }

    /** A view that is exact at {@code modseq} (e.g. from the UID-list cache); {@link #catchUp} advances it. */
    public SelectedMailbox(Mailbox mailbox, long[] uids, long modseq, boolean readOnly) {
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        this.uids = uids.clone();
        this.size = uids.length;
        this.knownModseq = modseq;
        this.flagList = new FlagList(mailbox.keywords());
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public MailboxId id() {
        return mailbox.id();
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Messages the client knows of (EXISTS), expunged ones not yet reported included. */
    public int exists() {
        return size;
    }

    /** UID of sequence number {@code seq} (1-based). */
    public long uidAt(int seq) {
        return uids[seq - 1];
    }

    /** Sequence number of {@code uid}, or -1. */
    public int seqOf(long uid) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        return i < 0 ? -1 : i + 1;
    }

    public long maxUid() {
        return size == 0 ? 0 : uids[size - 1];
    }

    /** The UIDs of the client's view, ascending (a copy). */
    public long[] uids() {
        return Arrays.copyOf(uids, size);
    }

    /** True if {@code uid} is {@code \Recent} in this session (RFC 3501 §2.3.2). */
    public boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    /** The recent UIDs of the view, ascending. */
    public long[] recentUids() {
        return recent.in(uids, size);
    }

    public int recentCount() {
        return recent.count(uids, size);
    }

    /** The RECENT count to send now; remembered, so that a later change of it is sent too (RFC 3501 §7.3.2). */
    public int reportRecent() {
        int n = recentCount();
        reportedRecent = n;
        return n;
    }

    /**
     * Claims the messages up to the view's highest UID as recent for this session, unless the mailbox is read-only
     * (EXAMINE leaves {@code \Recent} alone); the store hands each UID to exactly one session. The highest UID is
     * read when the returned Mono runs, so a claim set up before a catch-up covers what the catch-up adds.
     */
    public Mono<Void> claimRecent(MailboxStore mailboxes) {
        return readOnly || !tracksRecent ? Mono.empty() : recent.claim(mailboxes, id(), this::maxUid);
    }

    /**
     * For an IMAP4rev2 session (RFC 9051 Appendix E: no {@code \Recent} flag, no RECENT response): the view
     * claims no message as recent, so the messages stay recent for an IMAP4rev1 session, and reports no RECENT.
     */
    public void withoutRecent() {
        tracksRecent = false;
    }

    /** False once {@link #withoutRecent} was called: RECENT responses are not sent. */
    public boolean tracksRecent() {
        return tracksRecent;
    }

    /** Adds keywords to the session's FLAGS list without telling the client (SELECT, before FLAGS is sent). */
    public void learnKeywords(Collection<String> keywords) {
        flagList.learn(keywords);
    }

    /** {@code * FLAGS} and {@code * OK [PERMANENTFLAGS]}, as SELECT and EXAMINE send them (RFC 3501 §6.3.1). */
    public void writeFlags(Responder out) {
        out.untagged(flagList.flags());
        out.untagged(flagList.permanentFlags(readOnly));
    }

    /**
     * Announces the keywords the client has not been told of yet with a new FLAGS and PERMANENTFLAGS (RFC 3501
     * §7.2.6) before the response that uses them: call it before any response that shows a message's flags.
     */
    public void announce(Responder out, Collection<String> keywords) {
        if (!keywords.isEmpty() && flagList.learn(keywords)) {
            writeFlags(out);
        }
    }

    /** {@link #announce(Responder, Collection)} for the keywords of one message, before its FETCH line. */
    public void announce(Responder out, MessageMeta m) {
        announce(out, m.flags().keywords());
    }

    public long knownModseq() {
        return knownModseq;
    }

    /** Something changed up to {@code modseq}: the next sync reads the journal. */
    public void rang(long modseq) {
        if (modseq > knownModseq) {
            dirty = true;
        }
    }

    /** Records a change this session made and reported itself (STORE), so sync does not report it again. */
    public void ownChange(ModSeq modseq) {
        ownModseqs.add(modseq.value());
        dirty = true;
    }

    public void markDirty() {
        dirty = true;
    }

    /**
     * Applies the journal up to now without reporting anything (SELECT, before EXISTS is sent), or reloads
     * the UID list if the journal no longer reaches back far enough.
     */
    public Mono<Void> catchUp(Journal journal, MessageStore messages) {
        return changes(journal, messages)
                .doOnNext(ch -> {
                    for (long uid : ch.expunged) {
                        remove(uid);
                    }
                    ch.added.forEach(this::add);
                    pendingExpunges.clear();
                }).then();
    }

    /**
     * Reads the journal and writes what changed. With {@code allowExpunge} false, expunged messages stay in
     * the map (and are reported later) so that sequence numbers stay valid. Everything the responses need is
     * read before the first is written, so that keywords new to the mailbox are announced before any EXPUNGE,
     * EXISTS or FETCH, as Dovecot 2.3 does.
     */
    public Mono<Void> sync(MailStore store, Responder out, boolean allowExpunge, boolean force, boolean modseq) {
        MessageStore messages = store.messages();
        if (!force && !dirty && (pendingExpunges.isEmpty() || !allowExpunge)) {
            return Mono.empty();
        }
        dirty = false;
        return changes(store.journal(), messages).flatMap(ch -> {
            pendingExpunges.addAll(ch.expunged);
            ch.flagged.removeAll(ch.added);
            ch.flagged.removeAll(pendingExpunges);
            ch.flagged.removeIf(uid -> seqOf(uid) < 0);
            long[] changed = ch.flagged.stream().mapToLong(Long::longValue).toArray();
            // new messages are reported by EXISTS alone: the mailbox's list says which keywords they brought
            Mono<List<String>> keywords = ch.added.isEmpty() ? Mono.just(List.of())
                    : store.mailboxes().byId(id()).map(Mailbox::keywords).defaultIfEmpty(List.of());
            Mono<List<MessageMeta>> flagged = changed.length == 0 ? Mono.just(List.of())
                    : messages.listKnown(id(), changed).collectList();
            return Mono.zip(keywords, flagged).flatMap(read -> {
                List<String> kws = new ArrayList<>(read.getT1());
                read.getT2().forEach(m -> kws.addAll(m.flags().keywords()));
                announce(out, kws);
                if (allowExpunge) {
                    reportExpunged(out, pendingExpunges.descendingSet());
                    pendingExpunges.clear();
                }
                ch.added.forEach(this::add);
                Mono<Void> claim = ch.added.isEmpty() ? Mono.empty() : claimRecent(store.mailboxes());
                Mono<Void> updates = contexts == null ? Mono.empty() : contexts.refresh(store, this);
                return claim.then(Mono.fromRunnable(() -> {
                    if (!ch.added.isEmpty()) {
                        out.untagged(size + " EXISTS");
                    }
                    if (tracksRecent && (!ch.added.isEmpty() || recentCount() != reportedRecent)) {
                        out.untagged(reportRecent() + " RECENT");
                    }
                    for (MessageMeta m : read.getT2()) {
                        int seq = seqOf(m.uid().value());
                        if (seq > 0) {
                            out.untagged(seq + " FETCH (UID " + m.uid().value() + " FLAGS (" + flags(m) + ")"
                                    + (modseq ? " MODSEQ (" + m.modseq().value() + ")" : "") + ")");
                        }
                    }
                })).then(updates);
            });
        });
    }

    /** The message's flags as FETCH shows them in this session, {@code \Recent} included. */
    public String flags(MessageMeta m) {
        String flags = String.join(" ", m.flags().toImap());
        if (!isRecent(m.uid().value())) {
            return flags;
        }
        return flags.isEmpty() ? "\\Recent" : flags + " \\Recent";
    }

    private record Changes(TreeSet<Long> added, TreeSet<Long> expunged, TreeSet<Long> flagged) {
    }

    /**
     * The journal no longer reaches back to what this session knows (trimmed, or the mailbox is gone):
     * compare the view with the store's UID list instead. Flag changes in the gap cannot be told apart
     * and are not reported.
     */
    private Changes resync(long[] current, JournalPage page) {
        Changes ch = new Changes(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        for (long uid : current) {
            if (seqOf(uid) < 0) {
                ch.added.add(uid);
            }
        }
        for (int i = 0; i < size; i++) {
            if (Arrays.binarySearch(current, uids[i]) < 0) {
                ch.expunged.add(uids[i]);
            }
        }
        if (page.upTo().value() > knownModseq) {
            knownModseq = page.upTo().value();
        }
        return ch;
    }

    /**
     * Every change since {@link #knownModseq}, folded into one set. The journal answers a bounded page at a
     * time, so this reads page after page until one comes back empty: stopping after the first page made a
     * SELECT after more than 1,000 changes report a count that was already out of date (the bench's
     * 100,000-message mailbox, filled by COPYs of 50 messages per journal entry, showed 52,000).
     */
    private Mono<Changes> changes(Journal journal, MessageStore messages) {
        return changes(journal, messages, new Changes(new TreeSet<>(), new TreeSet<>(), new TreeSet<>()));
    }

    private Mono<Changes> changes(Journal journal, MessageStore messages, Changes acc) {
        long from = knownModseq;
        return journal.changesSince(id(), ModSeq.of(from)).flatMap(page -> {
            if (page.resyncNeeded()) {
                return messages.uids(id()).map(current -> resync(current, page));
            }
            collect(page, acc);
            return page.entries().isEmpty() || knownModseq <= from ? Mono.just(acc) : changes(journal, messages, acc);
        });
    }

    private void collect(JournalPage page, Changes ch) {
        for (JournalEntry e : page.entries()) {
            switch (e.kind()) {
                case APPENDED -> e.uids().forEach(u -> {
                    if (seqOf(u.value()) < 0) {
                        ch.added.add(u.value());
                    }
                });
                case EXPUNGED -> e.uids().forEach(u -> {
                    if (!ch.added.remove(u.value()) && seqOf(u.value()) > 0) {
                        ch.expunged.add(u.value());
                    }
                    ch.flagged.remove(u.value());
                });
                case FLAGS -> {
                    if (!ownModseqs.remove(e.modseq().value())) {
                        e.uids().forEach(u -> ch.flagged.add(u.value()));
                    }
                }
                case SKIPPED -> {
                }
            }
        }
        if (page.upTo().value() > knownModseq) {
            knownModseq = page.upTo().value();
        }
    }

    /** The saved search result as UIDs still in the view: expunged messages leave it (RFC 5182 §2.1). */
    public long[] savedResult() {
        return Arrays.stream(savedResult).filter(u -> seqOf(u) > 0).toArray();
    }

    /** Keeps {@code uids} (in any order: SORT saves its result too) for {@code $}. */
    public void saveResult(long[] uids) {
        savedResult = Arrays.stream(uids).sorted().distinct().toArray();
    }

    /** The update contexts of this selection (RFC 5267 §4.3), or null. */
    public dev.gannet.imap.command.search.SearchContexts contexts() {
        return contexts;
    }

    public void contexts(dev.gannet.imap.command.search.SearchContexts c) {
        contexts = c;
    }

    /** Once set (SELECT after ENABLE QRESYNC), expunges are reported as VANISHED, never EXPUNGE (RFC 7162 §3.2.10). */
    public void reportVanished(boolean on) {
        vanished = on;
    }

    public boolean reportsVanished() {
        return vanished;
    }

    /**
     * Removes {@code uids} from the map and reports them: one {@code * n EXPUNGE} each, with its sequence number at
     * that moment, or, with QRESYNC, one {@code * VANISHED uid-set} (RFC 7162 §3.2.10). UIDs not in the view are
     * skipped.
     */
    public void reportExpunged(Responder out, Iterable<Long> uids) {
        TreeSet<Long> gone = new TreeSet<>();
        for (long uid : uids) {
            int seq = remove(uid);
            if (seq > 0) {
                if (vanished) {
                    gone.add(uid);
                } else {
                    out.untagged(seq + " EXPUNGE");
                }
            }
        }
        if (!gone.isEmpty()) {
            out.untagged("VANISHED " + dev.gannet.imap.protocol.UidSets.format(gone.stream().mapToLong(Long::longValue).toArray()));
        }
    }

    /**
     * Removes {@code uid} from the map right away (this session's own EXPUNGE reports it itself). Every caller
     * writes the EXPUNGE next, so update contexts send their REMOVEFROM now, while the number is still valid.
     */
    public int remove(long uid) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        if (i < 0) {
            return -1;
        }
        if (contexts != null) {
            contexts.expunging(uid, i + 1);
        }
        System.arraycopy(uids, i + 1, uids, i, size - i - 1);
        size--;
        return i + 1;
    }

    private void add(long uid) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        if (i >= 0) {
            return;
        }
        int at = -i - 1;
        if (size == uids.length) {
            uids = Arrays.copyOf(uids, Math.max(16, size * 2));
        }
        System.arraycopy(uids, at, uids, at + 1, size - at);
        uids[at] = uid;
        size++;
    }

    /** Resolves sequence numbers to UIDs; a number beyond EXISTS makes the whole set invalid (null). */
    public long[] uidsForSequences(List<long[]> ranges) {
        List<Long> out = new ArrayList<>();
        for (long[] r : ranges) {
            if (r[1] > size) {
                return null;
            }
            for (long seq = r[0]; seq <= r[1]; seq++) {
                out.add(uids[(int) seq - 1]);
            }
        }
        return out.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    }

    /** The UIDs of the view that fall in the UID ranges, ascending. */
    public long[] uidsInRanges(List<long[]> ranges) {
        List<Long> out = new ArrayList<>();
        for (long[] r : ranges) {
            int from = Arrays.binarySearch(uids, 0, size, r[0]);
            from = from < 0 ? -from - 1 : from;
            for (int i = from; i < size && uids[i] <= r[1]; i++) {
                out.add(uids[i]);
            }
        }
        return out.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    }
}
