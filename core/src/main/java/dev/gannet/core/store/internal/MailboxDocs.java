package dev.gannet.core.store.internal;

import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.UserId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Mailbox document layout: {@code _id}, {@code user}, {@code path} (unique together), counters kept by $inc,
 * and {@code useKey} ({@code user:USE}, sparse unique) on a mailbox with a special use (RFC 6154).
 */
final class MailboxDocs {

    private MailboxDocs() {
    }

    static Document newDoc(String id, UserId user, MailboxName name, Optional<SpecialUse> use, boolean subscribed,
            long uidValidity) {
        Document doc = new Document("_id", id).append("user", user.value()).append("path", name.path())
                .append("specialUse", use.map(Enum::name).orElse(null)).append("subscribed", subscribed)
                .append("uidValidity", uidValidity).append("uidNext", 1L).append("highestModseq", 0L)
                .append("messages", 0L).append("unseen", 0L).append("bytes", 0L).append("journalFloor", 0L)
                .append("created", new Date());
        // one mailbox per special use per user: a sparse unique key, absent when the mailbox has none
        use.ifPresent(u -> doc.append("useKey", useKey(user.value(), u.name())));
        return doc;
    }

    static String useKey(String user, String use) {
        return user + ":" + use;
    }

    /** The exact unique key {user, path}, as a plain document so the embedded server uses the index. */
    static Document key(UserId user, MailboxName name) {
        return new Document("user", user.value()).append("path", name.path());
    }

    static Mailbox toMailbox(Document d) {
        String use = d.getString("specialUse");
        return new Mailbox(new MailboxId(d.getString("_id")), new UserId(d.getString("user")),
                new MailboxName(d.getString("path")),
                use == null ? Optional.empty() : Optional.of(SpecialUse.valueOf(use)),
                Boolean.TRUE.equals(d.getBoolean("subscribed")), num(d, "uidValidity"), num(d, "uidNext"),
                ModSeq.of(num(d, "highestModseq")), num(d, "messages"), num(d, "unseen"), num(d, "bytes"),
                keywords(d));
    }

    /** The mailbox's keywords in use, one spelling each (the first stored: keywords match without case). */
    private static List<String> keywords(Document d) {
        java.util.Map<String, String> byLower = new java.util.LinkedHashMap<>();
        for (String k : d.getList("keywords", String.class, List.of())) {
            byLower.putIfAbsent(k.toLowerCase(java.util.Locale.ROOT), k);
        }
        return List.copyOf(byLower.values());
    }

    static long num(Document d, String field) {
        return JournalWriter.longOf(d.get(field));
    }
}
