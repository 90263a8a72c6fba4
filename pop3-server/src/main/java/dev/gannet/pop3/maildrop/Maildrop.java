package dev.gannet.pop3.maildrop;

import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.MessageStore;
import dev.gannet.core.store.Uid;
import dev.gannet.pop3.protocol.Pop3Exception;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The maildrop of one session (RFC 1939 §5-§6): a snapshot of INBOX taken at login, numbering its
 * messages 1..n by ascending UID for the whole session, with the exact stored size of each and the
 * session's marks (deleted, retrieved). Messages arriving later are not shown until the next session.
 * The unique-id listing (RFC 1939 §7 UIDL) is {@code UIDVALIDITY.UID}: stable across sessions, and never
 * reused because UIDs are not reused and a re-created INBOX gets a larger UIDVALIDITY.
 */
public final class Maildrop {

    private final MailboxId mailbox;
    private final long uidValidity;
    private final long[] uids;
    private final long[] sizes;
    private final BitSet deleted = new BitSet();
    private final BitSet retrieved = new BitSet();

    Maildrop(MailboxId mailbox, long uidValidity, long[] uids, long[] sizes) {
        this.mailbox = mailbox;
        this.uidValidity = uidValidity;
        this.uids = uids;
        this.sizes = sizes;
    }

    /** Takes the snapshot: all of INBOX's messages, or the newest {@code maxMessages} when that is positive. */
    public static Mono<Maildrop> load(MessageStore messages, Mailbox inbox, int maxMessages) {
        return messages.uids(inbox.id()).flatMap(all -> {
            long[] shown = all;
            if (maxMessages > 0 && all.length > maxMessages) {
                shown = java.util.Arrays.copyOfRange(all, all.length - maxMessages, all.length);
            }
            return messages.listKnown(inbox.id(), shown).collectList();
        }).map(metas -> {
            List<MessageMeta> sorted = new ArrayList<>(metas);
            sorted.sort((a, b) -> a.uid().compareTo(b.uid()));
            long[] u = new long[sorted.size()];
            long[] s = new long[sorted.size()];
            for (int i = 0; i < u.length; i++) {
                u[i] = sorted.get(i).uid().value();
                s[i] = sorted.get(i).size();
            }
            return new Maildrop(inbox.id(), inbox.uidValidity(), u, s);
        });
    }

    public MailboxId mailbox() {
        return mailbox;
    }

    /** Number of messages in the snapshot, deleted ones included (the highest message number). */
    public int count() {
        return uids.length;
    }

    /** The index of message {@code number}; an error reply if there is none or it is marked deleted. */
    public int index(long number) {
        if (number < 1 || number > uids.length) {
            throw Pop3Exception.noSuchMessage();
        }
        int i = (int) number - 1;
        if (deleted.get(i)) {
            throw new Pop3Exception("message " + number + " already deleted");
        }
        return i;
    }

    public boolean isDeleted(int index) {
        return deleted.get(index);
    }

    public long size(int index) {
        return sizes[index];
    }

    public Uid uid(int index) {
        return Uid.of(uids[index]);
    }

    public String uniqueId(int index) {
        return uidValidity + "." + uids[index];
    }

    public void delete(int index) {
        deleted.set(index);
    }

    public void markRetrieved(int index) {
        retrieved.set(index);
    }

    /** RSET: every deletion mark is removed. */
    public void undeleteAll() {
        deleted.clear();
    }

    public int liveCount() {
        return uids.length - deleted.cardinality();
    }

    public long liveOctets() {
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (!deleted.get(i)) {
                total += sizes[i];
            }
        }
        return total;
    }

    public List<Uid> deletedUids() {
        return uidsOf(deleted, null);
    }

    /** Messages retrieved with RETR and not marked deleted: the ones UPDATE marks seen. */
    public List<Uid> retrievedLiveUids() {
        return uidsOf(retrieved, deleted);
    }

    private List<Uid> uidsOf(BitSet set, BitSet except) {
        List<Uid> out = new ArrayList<>();
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            if (except == null || !except.get(i)) {
                out.add(Uid.of(uids[i]));
            }
        }
        return out;
    }
}
