package dev.gannet.core.store.internal;

import dev.gannet.core.mime.BodyPart;
import dev.gannet.core.mime.ByteRange;
import dev.gannet.core.mime.HeaderField;
import dev.gannet.core.mime.ImapRender;
import dev.gannet.core.mime.MessageNode;
import dev.gannet.core.mime.NormalizedAddress;
import dev.gannet.core.mime.ParsedMessage;
import dev.gannet.core.mime.SearchFields;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageFacts;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.Uid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A message is two documents with the same {@code _id}, {@code "<mailboxId>:<uid>"}: deterministic, so a
 * mailbox's UID list maps to keys without a lookup and every read is by {@code _id $in}. The one in
 * {@code messages} holds what listings, SEARCH and STORE touch (flags, modseq, sizes, dates, ENVELOPE and
 * BODYSTRUCTURE text, search fields); the one in {@code bodies} holds the bytes (segments, blob references,
 * section ranges, the bounded body text). Keeping them apart keeps the hot documents small: the embedded
 * server decodes, copies and re-encodes a whole document for every read and update, and its page cache fills
 * with whatever is in them. Both carry {@code mailbox} and {@code uid}, the shard key {@code {mailbox:1, uid:1}}.
 * Sections (RFC 3501 §6.4.5) are flat byte-range entries by part number, so nesting depth never approaches
 * BSON's limit.
 */
final class MessageDocs {

    /** Fields a FETCH FLAGS-style listing needs. */
    static final Document META_PROJECTION = new Document("uid", 1).append("modseq", 1).append("flags", 1)
            .append("kw", 1).append("size", 1).append("idate", 1).append("thread", 1);

    private MessageDocs() {
    }

    static String id(String mailboxId, long uid) {
        return mailboxId + ":" + uid;
    }

    /** The fields {@link #content} puts in the bytes document besides {@code size}. */
    static final List<String> BODY_FIELDS = List.of("hdr", "txt", "sec", "text", "htext", "seg", "blobs");

    /** The content of a message's two documents, shared by every copy: everything but identity, flags, modseq. */
    record Parts(Document meta, Document body) {
    }

    static Parts content(ParsedMessage p, IngestPlanner.Plan plan, String thread, Instant internalDate) {
        MessageNode root = p.message();
        List<Document> sections = new ArrayList<>();
        collect(root.body(), sections);
        // eid (RFC 8474 EMAILID) names the content, so it is here, shared by every copy; the preview (RFC 8970)
        // is read only by FETCH PREVIEW, so it is in the bytes document, which flag changes never rewrite
        Document meta = new Document("size", p.size()).append("idate", Date.from(internalDate)).append("thread", thread)
                .append("eid", new ObjectId().toHexString())
                .append("s", search(p.search())).append("ss", SortKeyDocs.of(p)).append("env", ImapRender.envelope(p))
                .append("bs", ImapRender.bodyStructure(p)).append("body", ImapRender.body(p));
        Document body = new Document("size", p.size()).append("hdr", range(root.header())).append("txt", range(root.text()))
                .append("sec", sections).append("text", p.text()).append("htext", p.partHeaders()).append("pv", p.preview())
                .append("seg", plan.segments()).append("blobs", plan.blobs());
        return new Parts(meta, body);
    }

    /**
     * The {@code bodies} document of a message: its content under the message's identity, with the time it was
     * written ({@code at}), by which repair tells an ingest in flight from a bytes document a crash left alone.
     */
    static Document body(Document content, String mailboxId, long uid) {
        Document d = new Document("_id", id(mailboxId, uid)).append("mailbox", mailboxId).append("uid", uid);
        d.putAll(content);
        return d.append("at", new Date());
    }

    static Document withIdentity(Document content, String user, String mailboxId, long uid, long modseq, Flags flags) {
        Document d = new Document("_id", id(mailboxId, uid)).append("mailbox", mailboxId).append("uid", uid)
                .append("user", user).append("modseq", modseq);
        setFlags(d, flags);
        d.putAll(content);
        return d.append("saved", new Date());
    }

    /**
     * The message's EMAILID (RFC 8474 §5.1): {@code eid}, written at ingest and kept by copies. A message stored
     * before Gannet wrote one is named by its own key, with {@code _} for {@code :}; a copy of it keeps that name
     * ({@link Copier}), so the name stays the content's across copies and is never another message's.
     */
    static String emailId(Document d) {
        String eid = d.getString("eid");
        return eid != null ? eid : d.getString("_id").replace(':', '_');
    }

    /** EMAILID, SAVEDATE (RFC 8514: {@code saved}, absent in documents written before it) and the stored preview. */
    static MessageFacts facts(Document d) {
        Date saved = d.getDate("saved");
        return new MessageFacts(emailId(d), Optional.ofNullable(saved).map(Date::toInstant),
                Optional.ofNullable(d.getString("pv")));
    }

    static void setFlags(Document d, Flags flags) {
        List<String> sys = new ArrayList<>();
        for (Flag f : flags.system()) {
            sys.add(f.name());
        }
        d.append("flags", sys).append("kw", flags.keywords())
                .append("kwl", flags.keywords().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList());
    }

    static Flags flags(Document d) {
        EnumSet<Flag> sys = EnumSet.noneOf(Flag.class);
        for (String s : d.getList("flags", String.class, List.of())) {
            sys.add(Flag.valueOf(s));
        }
        return new Flags(sys, d.getList("kw", String.class, List.of()));
    }

    static MessageMeta meta(Document d) {
        return new MessageMeta(Uid.of(JournalWriter.longOf(d.get("uid"))), ModSeq.of(JournalWriter.longOf(d.get("modseq"))),
                flags(d), JournalWriter.longOf(d.get("size")), d.getDate("idate").toInstant(), d.getString("thread"));
    }

    /** A multipart that is the body of an embedded message shares that part's number; it gets no entry. */
    private static void collect(BodyPart part, List<Document> out) {
        collect(part, out, false);
    }

    private static void collect(BodyPart part, List<Document> out, boolean messageBody) {
        boolean numbered = !part.partNumber().isEmpty() && !(messageBody && part.kind() == BodyPart.Kind.MULTIPART);
        if (numbered) {
            Document e = new Document("p", part.partNumber()).append("h", range(part.header())).append("b", range(part.body()));
            if (part.kind() == BodyPart.Kind.MESSAGE) {
                e.append("mh", range(part.message().header())).append("mt", range(part.message().text()));
            }
            out.add(e);
        }
        if (part.kind() == BodyPart.Kind.MULTIPART) {
            part.parts().forEach(c -> collect(c, out, false));
        } else if (part.kind() == BodyPart.Kind.MESSAGE) {
            collect(part.message().body(), out, true);
        }
    }

    static List<Long> range(ByteRange r) {
        return List.of(r.start(), r.end());
    }

    private static Document search(SearchFields s) {
        List<Document> headers = new ArrayList<>();
        for (HeaderField h : s.headers()) {
            headers.add(new Document("n", h.name().toLowerCase(Locale.ROOT)).append("v", h.value()));
        }
        return new Document("from", addrs(s.from())).append("to", addrs(s.to())).append("cc", addrs(s.cc()))
                .append("bcc", addrs(s.bcc())).append("subject", s.subject()).append("base", s.baseSubject())
                .append("msgid", s.messageId()).append("irt", s.inReplyTo()).append("refs", s.references())
                .append("date", s.date() == null ? null : Date.from(s.date()))
                .append("day", s.sentDay() == null ? null : s.sentDay().toString()).append("list", s.listId())
                .append("h", headers);
    }

    private static List<String> addrs(List<NormalizedAddress> list) {
        return list.stream().map(NormalizedAddress::searchText).toList();
    }
}
