package dev.gannet.server.concurrency;

import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.QuotaUsage;
import dev.gannet.core.testing.TestUser;
import dev.gannet.core.testing.imap.ImapResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The after-round invariants of one user, read from a fresh session once the server is quiet: for every
 * mailbox, STATUS (MESSAGES UNSEEN SIZE) and the store's Mailbox record equal what {@code UID FETCH 1:*}
 * lists, UIDs ascend below UIDNEXT, every message is byte-exact; then the quota used equals the sum of sizes,
 * GETQUOTAROOT agrees, and {@code quota().recount(user)} changes nothing.
 */
final class UserCheck {

    /** A message as the checker saw it. */
    record Found(long uid, List<String> flags, long size, String messageId) {
        boolean deleted() {
            return flags.stream().anyMatch("\\Deleted"::equalsIgnoreCase);
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final World world;
    private final MailStore store;
    private final TestUser user;
    private final Findings findings;

    UserCheck(World world, MailStore store, TestUser user) {
        this.world = world;
        this.store = store;
        this.user = user;
        this.findings = world.findings();
    }

    /** Runs every check; returns the messages found, by mailbox name, or null if the checker's session failed. */
    Map<String, List<Found>> run(int port) throws IOException {
        Map<String, List<Found>> found = new LinkedHashMap<>();
        Map<String, Mailbox> records = records();
        QuotaUsage quotaBefore = store.quota().get(user.id()).block(WAIT);
        try (SuiteImapClient c = new SuiteImapClient(port, "checker(" + user.username() + ")", findings, world.timeoutMillis())) {
            c.onFetch(new FetchChecks(world.ledger(), findings, user.username(), c.label())::check);
            c.login(user.username(), user.password());
            List<String> names = c.command("LIST \"\" \"*\"").all(ImapResponse.ListEntry.class).stream()
                    .filter(l -> !l.has("\\Noselect") && !l.has("\\NonExistent")).map(ImapResponse.ListEntry::mailbox).toList();
            for (String name : names) {
                found.put(name, mailbox(c, name, records.get(name)));
            }
            long total = found.values().stream().flatMap(List::stream).mapToLong(Found::size).sum();
            quota(c, quotaBefore, total);
            c.logout();
        } catch (ProtocolFailure f) {
            findings.add(f.invariant(), f.getMessage());
            found = null;
        }
        recount(records, quotaBefore);
        return found;
    }

    private List<Found> mailbox(SuiteImapClient c, String name, Mailbox record) throws IOException {
        String where = user.username() + " " + name;
        SuiteImapClient.Reply st = c.command("STATUS " + name + " (MESSAGES UNSEEN SIZE UIDNEXT UIDVALIDITY)");
        if (!st.ok() || st.all(ImapResponse.Status.class).isEmpty()) {
            findings.add("counters: STATUS answers for every listed mailbox", where + ": " + SuiteImapClient.printable(st.tagged().raw()));
            return List.of();
        }
        Map<String, Long> status = st.all(ImapResponse.Status.class).get(0).items();
        c.command("EXAMINE " + name);
        MailboxView v = c.view();
        List<Found> messages = new ArrayList<>();
        if (v.size() > 0) {
            List<ImapResponse.Fetch> fetches = c.command("UID FETCH 1:* (UID FLAGS RFC822.SIZE BODY.PEEK[])").all(ImapResponse.Fetch.class);
            for (ImapResponse.Fetch f : fetches) {
                byte[] bytes = f.items().sections().get("BODY[]");
                String id = bytes == null ? null : MailPool.messageId(bytes);
                if (bytes == null) {
                    findings.add("bytes: every message reads back byte-exact", where + " UID " + f.items().uid() + ": BODY[] NIL");
                }
                messages.add(new Found(f.items().uid(), f.items().flags(), f.items().size(), id));
            }
        }
        if (messages.size() != v.size()) {
            findings.add("counters: UID FETCH 1:* lists every message EXISTS counts", where + ": EXISTS " + v.size()
                    + ", " + messages.size() + " FETCH responses");
        }
        long unseen = messages.stream().filter(m -> m.flags().stream().noneMatch("\\Seen"::equalsIgnoreCase)).count();
        long bytes = messages.stream().mapToLong(Found::size).sum();
        compare("counters: STATUS equals a recount", where + " STATUS", status.get("MESSAGES"), status.get("UNSEEN"),
                status.get("SIZE"), messages.size(), unseen, bytes);
        if (record == null) {
            findings.add("counters: the store has a Mailbox record for every listed mailbox", where);
        } else {
            compare("counters: the store's Mailbox record equals a recount", where + " Mailbox record",
                    record.messages(), record.unseen(), record.bytes(), messages.size(), unseen, bytes);
        }
        long uidNext = status.getOrDefault("UIDNEXT", Long.MAX_VALUE);
        for (int i = 0; i < messages.size(); i++) {
            Found m = messages.get(i);
            if (m.uid() >= uidNext || (i > 0 && m.uid() <= messages.get(i - 1).uid())) {
                findings.add("uids: unique, strictly ascending and below UIDNEXT", where + ": UIDs "
                        + messages.stream().map(x -> Long.toString(x.uid())).collect(Collectors.joining(",")) + " with UIDNEXT " + uidNext);
                break;
            }
        }
        return messages;
    }

    private void compare(String invariant, String what, Long messages, Long unseen, Long size, long countM, long countU, long countB) {
        if (messages == null || unseen == null || size == null || messages != countM || unseen != countU || size != countB) {
            findings.add(invariant, what + " says MESSAGES " + messages + " UNSEEN " + unseen + " SIZE " + size
                    + "; the messages say " + countM + ", " + countU + ", " + countB);
        }
    }

    private void quota(SuiteImapClient c, QuotaUsage before, long total) throws IOException {
        if (before.used() != total) {
            findings.add("quota: used equals the sum of message sizes", user.username() + ": quota used " + before.used()
                    + " bytes, messages " + total + " bytes (" + (before.used() - total) / 1024 + " KiB off)");
        }
        SuiteImapClient.Reply r = c.command("GETQUOTAROOT INBOX");
        List<ImapResponse.Quota> q = r.all(ImapResponse.Quota.class);
        long[] storage = q.isEmpty() ? null : q.get(0).resources().get("STORAGE");
        long expected = (total + 1023) / 1024;
        if (storage == null || storage[0] != expected) {
            findings.add("quota: GETQUOTAROOT agrees with the messages", user.username() + ": STORAGE "
                    + (storage == null ? "missing" : storage[0] + " KiB") + ", messages " + expected + " KiB (" + total + " bytes)");
        }
    }

    private void recount(Map<String, Mailbox> before, QuotaUsage quotaBefore) {
        QuotaUsage after = store.quota().recount(user.id()).block(WAIT);
        if (after == null || after.used() != quotaBefore.used()) {
            findings.add("quota: recount changes nothing", user.username() + ": used " + quotaBefore.used()
                    + " before recount, " + (after == null ? null : after.used()) + " after");
        }
        Map<String, Mailbox> now = records();
        before.forEach((name, b) -> {
            Mailbox a = now.get(name);
            if (a != null && (a.messages() != b.messages() || a.unseen() != b.unseen() || a.bytes() != b.bytes())) {
                findings.add("counters: recount changes nothing", user.username() + " " + name + ": messages/unseen/bytes "
                        + b.messages() + "/" + b.unseen() + "/" + b.bytes() + " before, " + a.messages() + "/"
                        + a.unseen() + "/" + a.bytes() + " after");
            }
        });
    }

    private Map<String, Mailbox> records() {
        return store.mailboxes().list(user.id()).collectList().block(WAIT).stream()
                .collect(Collectors.toMap(m -> m.name().path(), Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
}
