package dev.gannet.imap.command.select;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.SearchKey;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import reactor.core.publisher.Mono;

import java.util.Arrays;

/**
 * The sequence number SELECT reports as {@code [UNSEEN n]} (RFC 3501 §6.3.1): that of the first message without
 * {@code \Seen}, or 0 for none. It is found without a scan in the usual cases. The mailbox's {@code unseen}
 * counter says how many there are: none needs no read, all of them means the first message. Otherwise unread
 * mail is mostly the newest, so the view's UIDs are read by key from the end, a batch at a time, until as many
 * unseen messages as the counter gives have been met; the smallest of them is the first. Only when that does not
 * settle it within {@link #TAIL} messages, or the view went past the mailbox document it was read with, does one
 * SEARCH UNSEEN of the store answer.
 */
final class FirstUnseen {

    private static final int BATCH = 200;
    /** How many of the newest messages are read by key before falling back to one search. */
    private static final int TAIL = 2_000;

    private FirstUnseen() {
    }

    static Mono<Integer> of(ImapSession s, SelectedMailbox sel) {
        Mailbox box = sel.mailbox();
        if (sel.exists() == 0) {
            return Mono.just(0);
        }
        if (sel.knownModseq() > box.highestModseq().value()) {
            return search(s, sel);
        }
        if (box.unseen() <= 0) {
            return Mono.just(0);
        }
        if (box.unseen() == box.messages() && box.messages() == sel.exists()) {
            return Mono.just(1);
        }
        return tail(s, sel, sel.uids(), box.unseen(), sel.exists(), 0, Long.MAX_VALUE);
    }

    /** Reads {@code uids[end-BATCH, end)}, having met {@code found} unseen messages (the smallest {@code first}). */
    private static Mono<Integer> tail(ImapSession s, SelectedMailbox sel, long[] uids, long unseen, int end, long found,
            long first) {
        int start = Math.max(0, end - BATCH);
        return s.store().messages().listKnown(sel.id(), Arrays.copyOfRange(uids, start, end)).collectList()
                .flatMap(batch -> {
                    long count = found;
                    long min = first;
                    for (MessageMeta m : batch) {
                        if (!m.flags().has(Flag.SEEN)) {
                            count++;
                            min = Math.min(min, m.uid().value());
                        }
                    }
                    if (count == unseen || (start == 0 && count > 0)) {
                        return Mono.just(Math.max(0, sel.seqOf(min)));
                    }
                    if (count > unseen || start == 0 || uids.length - start >= TAIL) {
                        return search(s, sel);
                    }
                    return tail(s, sel, uids, unseen, start, count, min);
                });
    }

    private static Mono<Integer> search(ImapSession s, SelectedMailbox sel) {
        return s.store().messages().search(sel.id(), new SearchKey.Not(new SearchKey.HasFlag(Flag.SEEN)))
                .map(uids -> uids.stream().mapToInt(u -> sel.seqOf(u.value())).filter(seq -> seq > 0).findFirst().orElse(0));
    }
}
