package dev.gannet.api.filters;

import dev.gannet.api.ApiException;
import dev.gannet.api.Cursor;
import dev.gannet.api.filters.FilterBodies.Applied;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Filter;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import dev.gannet.delivery.rules.FilterRules;
import dev.gannet.delivery.rules.RuleScript;
import dev.gannet.delivery.sieve.Action;
import dev.gannet.delivery.sieve.MessageContext;
import dev.gannet.delivery.sieve.Sieve;
import dev.gannet.delivery.sieve.SieveResult;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a user's filters on messages already in a mailbox, oldest first, at most {@code rules.applyLimit} per call,
 * on the same Sieve engine and compiled script as delivery. For a stored message there is no envelope; what the
 * script decides is done to the message in place: flags are added, {@code fileinto} moves it (a copy for every
 * further mailbox), a discard ({@code delete}) moves it to Trash (or marks it \Deleted when there is none).
 * Redirects and replies are not sent for stored mail. A message that disappears meanwhile is skipped.
 */
final class FilterApplier {

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final int BODY_BYTES = 1 << 20;

    private final MailStore store;
    private final Sieve sieve;
    private final long maxMessageBytes;

    FilterApplier(MailStore store, Sieve sieve, long maxMessageBytes) {
        this.store = store;
        this.sieve = sieve;
        this.maxMessageBytes = maxMessageBytes;
    }

    Applied apply(User user, Mailbox box, List<Filter> filters, String next, int limit) {
        long after = 0;
        if (next != null) {
            try {
                after = Long.parseLong(Cursor.decode("filter", next));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("next is not a valid cursor");
            }
        }
        RuleScript script = new FilterRules(store).compile(user, filters).block(WAIT);
        long[] uids = store.messages().uids(box.id()).block(WAIT);
        if (script == null || uids == null) {
            return new Applied(true, 0, 0, 0, 0, 0, null);
        }
        Set<String> paths = new HashSet<>();
        store.mailboxes().list(user.id()).map(b -> b.name().path()).toIterable().forEach(paths::add);
        int checked = 0;
        int matched = 0;
        int moved = 0;
        int flagged = 0;
        int deleted = 0;
        long last = after;
        boolean more = false;
        for (long uid : uids) {
            if (uid <= after) {
                continue;
            }
            if (checked == limit) {
                more = true;
                break;
            }
            checked++;
            last = uid;
            byte[] raw = raw(box, uid);
            if (raw == null) {
                continue;
            }
            MessageContext ctx = MessageContext.of(MessageSource.of(raw), null, paths::contains, BODY_BYTES);
            SieveResult result = sieve.evaluate(List.of(script), ctx);
            if (!result.failures().isEmpty()) {
                continue;
            }
            Effect e = effect(result, box);
            if (e.isNothing()) {
                continue;
            }
            matched++;
            UidSet one = UidSet.of(Uid.of(uid));
            if (!e.flags.isEmpty()) {
                store.messages().updateFlags(box.id(), one, FlagUpdate.add(Flags.parse(e.flags))).block(WAIT);
                flagged++;
            }
            List<Mailbox> targets = e.folders.stream().map(p -> mailbox(user, p)).filter(b -> b != null && !b.id().equals(box.id()))
                    .toList();
            if (e.discard) {
                Mailbox trash = store.mailboxes().bySpecialUse(user.id(), SpecialUse.TRASH).block(WAIT);
                if (trash != null && !trash.id().equals(box.id())) {
                    store.messages().move(box.id(), one, trash.id()).block(WAIT);
                } else {
                    store.messages().updateFlags(box.id(), one, FlagUpdate.add(Flags.parse(List.of("\\Deleted")))).block(WAIT);
                }
                deleted++;
                continue;
            }
            for (int i = 0; i < targets.size(); i++) {
                boolean lastTarget = i == targets.size() - 1;
                if (lastTarget && !e.keep) {
                    store.messages().move(box.id(), one, targets.get(i).id()).block(WAIT);
                    moved++;
                } else {
                    store.messages().copy(box.id(), one, targets.get(i).id()).block(WAIT);
                }
            }
        }
        return new Applied(true, checked, matched, moved, flagged, deleted, more ? Cursor.encode("filter", Long.toString(last)) : null);
    }

    /** What the script's actions mean for a message that is already stored in {@code box}. */
    private static final class Effect {
        final Set<String> flags = new LinkedHashSet<>();
        final Set<String> folders = new LinkedHashSet<>();
        boolean keep;
        boolean discard;

        boolean isNothing() {
            return flags.isEmpty() && folders.isEmpty() && !discard;
        }
    }

    private static Effect effect(SieveResult r, Mailbox box) {
        Effect e = new Effect();
        boolean storedSomewhere = false;
        for (Action a : r.actions()) {
            if (a instanceof Action.Keep k) {
                e.keep = true;
                storedSomewhere = true;
                e.flags.addAll(k.flags());
            } else if (a instanceof Action.FileInto f) {
                storedSomewhere = true;
                e.flags.addAll(f.flags());
                if (f.mailbox().equals(box.name().path())) {
                    e.keep = true;
                } else {
                    e.folders.add(f.mailbox());
                }
            }
        }
        e.discard = !storedSomewhere;
        return e;
    }

    private Mailbox mailbox(User user, String path) {
        try {
            return store.mailboxes().get(user.id(), MailboxName.of(path)).block(WAIT);
        } catch (GannetException.Invalid e) {
            return null;
        }
    }

    private byte[] raw(Mailbox box, long uid) {
        try {
            var content = store.messages().raw(box.id(), Uid.of(uid)).block(WAIT);
            if (content == null || content.size() > maxMessageBytes) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) content.size());
            for (ByteBuffer b : content.bytes().toIterable()) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
            return out.toByteArray();
        } catch (GannetException.NotFound e) {
            return null;
        }
    }
}
