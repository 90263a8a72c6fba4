package dev.gannet.core.store.internal;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.Uid;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SEARCH (RFC 3501 §6.4.4, RFC 7162 §3.1.5, RFC 8474 §6, RFC 8514 §4) as one scan over a mailbox's messages.
 * The cheap top-level conjuncts (flags, sizes, modseq, thread and email ids) become a MongoDB filter so a real server can narrow the scan; every
 * document returned is then checked against the whole tree here, which is the single definition of what
 * matches. This is the one place a later optimisation (indexes, search engine) replaces.
 */
final class SearchEvaluator {

    private static final Document TEXT = new Document("text", 1).append("htext", 1);
    private static final List<String> ADDRESS_FIELDS = List.of("from", "to", "cc", "bcc");
    private final Ctx ctx;
    private final MessageReader reader;

    SearchEvaluator(Ctx ctx, MessageReader reader) {
        this.ctx = ctx;
        this.reader = reader;
    }

    /**
     * The matching messages' UIDs; with {@code withExpunged}, expunged messages still kept for sessions not yet
     * told are searched too (an IMAP session's view, RFC 3501 §7.4.1).
     */
    Mono<List<Uid>> search(String mailboxId, SearchKey key, boolean withExpunged) {
        Document filter = new Document("mailbox", mailboxId);
        for (SearchKey k : key instanceof SearchKey.And a ? a.keys() : List.of(key)) {
            narrow(filter, k);
        }
        Flux<Document> docs = Flux.from(ctx.messages().find(filter).projection(projection(key)).batchSize(Ctx.SCAN_BATCH))
                .filter(d -> withExpunged || !d.containsKey("x"));
        if (needsText(key)) {
            docs = docs.buffer(MessageReader.BATCH).concatMap(this::withText, 1);
        }
        return docs
                .filter(d -> matches(key, d))
                .map(d -> Uid.of(JournalWriter.longOf(d.get("uid"))))
                .collectSortedList();
    }

    /**
     * Only the fields the keys read (and {@code uid}, {@code x}, {@code _id}): a search on flags or dates does
     * not carry every message's header fields out of the store. A whole {@code s} replaces its sub-paths, which
     * a real server would refuse beside it as a path collision.
     */
    static Document projection(SearchKey key) {
        Set<String> paths = new TreeSet<>(List.of("uid", "x"));
        fields(key, paths);
        if (paths.contains("s")) {
            paths.removeIf(f -> f.startsWith("s."));
        }
        Document projection = new Document();
        paths.forEach(f -> projection.append(f, 1));
        return projection;
    }

    private static void fields(SearchKey k, Set<String> out) {
        if (k instanceof SearchKey.And a) {
            a.keys().forEach(x -> fields(x, out));
        } else if (k instanceof SearchKey.Or o) {
            fields(o.left(), out);
            fields(o.right(), out);
        } else if (k instanceof SearchKey.Not n) {
            fields(n.key(), out);
        } else if (k instanceof SearchKey.HasFlag) {
            out.add("flags");
        } else if (k instanceof SearchKey.HasKeyword) {
            out.add("kwl");
        } else if (k instanceof SearchKey.Larger || k instanceof SearchKey.Smaller) {
            out.add("size");
        } else if (k instanceof SearchKey.ModSeqAtLeast) {
            out.add("modseq");
        } else if (k instanceof SearchKey.EmailId) {
            out.add("eid");
        } else if (k instanceof SearchKey.ThreadId) {
            out.add("thread");
        } else if (k instanceof SearchKey.DateKey || k instanceof SearchKey.InternalSince) {
            out.addAll(List.of("idate", "saved", "s.date", "s.day"));
        } else if (k instanceof SearchKey.Header h) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (h.addresses() || name.equals("subject")) {
                out.add("s." + name);
            }
            if (!h.addresses() || h.substring().isEmpty()) {
                out.add("s.h"); // the field's text, or for an empty string whether the message has the field
            }
        } else if (k instanceof SearchKey.Text) {
            out.add("s");
        }
    }

    /** Adds each message's body text, which lives in its {@code bodies} document (MessageDocs). */
    private Flux<Document> withText(List<Document> batch) {
        return reader.bodies(batch, TEXT)
                .collectMap(b -> b.get("_id"))
                .flatMapIterable(bodies -> {
                    for (Document d : batch) {
                        Document b = bodies.get(d.get("_id"));
                        d.put("text", b == null ? null : b.getString("text"));
                        d.put("htext", b == null ? null : b.getString("htext"));
                    }
                    return batch;
                });
    }

    private static void narrow(Document filter, SearchKey k) {
        if (k instanceof SearchKey.HasFlag f && !filter.containsKey("flags")) {
            filter.append("flags", f.flag().name());
        } else if (k instanceof SearchKey.Larger l && !filter.containsKey("size")) {
            filter.append("size", new Document("$gt", l.bytes()));
        } else if (k instanceof SearchKey.ModSeqAtLeast m && !filter.containsKey("modseq")) {
            filter.append("modseq", new Document("$gte", m.modseq()));
        } else if (k instanceof SearchKey.ThreadId t && !filter.containsKey("thread")) {
            filter.append("thread", t.id());
        } else if (k instanceof SearchKey.EmailId e && !filter.containsKey("eid") && e.id().indexOf('_') < 0) {
            // an id with '_' may name a message stored before eid existed (MessageDocs.emailId): not narrowed
            filter.append("eid", e.id());
        }
    }

    private static boolean needsText(SearchKey k) {
        if (k instanceof SearchKey.Body || k instanceof SearchKey.Text) {
            return true;
        }
        if (k instanceof SearchKey.And a) {
            return a.keys().stream().anyMatch(SearchEvaluator::needsText);
        }
        if (k instanceof SearchKey.Or o) {
            return needsText(o.left()) || needsText(o.right());
        }
        return k instanceof SearchKey.Not n && needsText(n.key());
    }

    static boolean matches(SearchKey k, Document d) {
        if (k instanceof SearchKey.All) {
            return true;
        } else if (k instanceof SearchKey.And a) {
            return a.keys().stream().allMatch(x -> matches(x, d));
        } else if (k instanceof SearchKey.Or o) {
            return matches(o.left(), d) || matches(o.right(), d);
        } else if (k instanceof SearchKey.Not n) {
            return !matches(n.key(), d);
        } else if (k instanceof SearchKey.Uids u) {
            return u.uids().contains(JournalWriter.longOf(d.get("uid")));
        } else if (k instanceof SearchKey.HasFlag f) {
            return d.getList("flags", String.class, List.of()).contains(f.flag().name());
        } else if (k instanceof SearchKey.HasKeyword kw) {
            return d.getList("kwl", String.class, List.of()).contains(kw.keyword().toLowerCase(Locale.ROOT));
        } else if (k instanceof SearchKey.Larger l) {
            return MailboxDocs.num(d, "size") > l.bytes();
        } else if (k instanceof SearchKey.Smaller s) {
            return MailboxDocs.num(d, "size") < s.bytes();
        } else if (k instanceof SearchKey.ModSeqAtLeast m) {
            return MailboxDocs.num(d, "modseq") >= m.modseq();
        } else if (k instanceof SearchKey.EmailId e) {
            return e.id().equals(MessageDocs.emailId(d));
        } else if (k instanceof SearchKey.ThreadId t) {
            return t.id().equals(d.getString("thread"));
        } else if (k instanceof SearchKey.DateKey dk) {
            return date(dk, d);
        } else if (k instanceof SearchKey.InternalSince is) {
            return !d.getDate("idate").toInstant().isBefore(is.instant());
        } else if (k instanceof SearchKey.Header h) {
            return header(h.name().toLowerCase(Locale.ROOT), lower(h.substring()), h.addresses(), d);
        } else if (k instanceof SearchKey.Body b) {
            return contains(d.getString("text"), lower(b.substring()));
        } else if (k instanceof SearchKey.Text t) {
            String needle = lower(t.substring());
            return contains(d.getString("text"), needle) || anyHeader(d, needle) || contains(d.getString("htext"), needle);
        }
        throw new IllegalArgumentException("unknown search key " + k);
    }

    /**
     * SENT* compare the Date header's own calendar date, ignoring its time and zone (RFC 3501 §6.4.4); documents
     * stored before {@code s.day} existed fall back to the UTC date of the parsed instant. Without a usable Date
     * header the internal date stands in, as RFC 5256 §2.2 has SORT do.
     */
    private static boolean date(SearchKey.DateKey dk, Document d) {
        LocalDate day = d.getDate("idate").toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        if (dk.field() == SearchKey.DateField.SAVED) {
            Date saved = d.getDate("saved");
            if (saved == null) {
                return false;
            }
            day = saved.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        } else if (dk.field() == SearchKey.DateField.SENT) {
            Document s = search(d);
            Date sent = s.getDate("date");
            String local = s.getString("day");
            if (local != null) {
                day = LocalDate.parse(local);
            } else if (sent != null) {
                day = sent.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            }
        }
        return switch (dk.op()) {
            case BEFORE -> day.isBefore(dk.date());
            case ON -> day.equals(dk.date());
            case SINCE -> !day.isBefore(dk.date());
        };
    }

    /**
     * FROM/TO/CC/BCC match on the parsed addresses only ({@code name <local@domain>}, RFC 2047 decoded), as
     * Dovecot does: the raw text of an address it cannot parse (say {@code <a\\@b.example@c.example>}) must not
     * match on what the parse threw away. HEADER of any field matches on its decoded text. An empty string
     * matches every message that has the field (RFC 3501 §6.4.4).
     */
    private static boolean header(String name, String needle, boolean address, Document d) {
        Document s = search(d);
        List<String> values = new ArrayList<>();
        if (address) {
            values.addAll(s.getList(name, String.class, List.of()));
        } else if (name.equals("subject")) {
            values.add(s.getString("subject"));
        }
        for (Document h : s.getList("h", Document.class, List.of())) {
            if (name.equals(h.getString("n"))) {
                if (needle.isEmpty()) {
                    return true;
                }
                if (!address) {
                    values.add(h.getString("v"));
                }
            }
        }
        return values.stream().anyMatch(v -> v != null && !needle.isEmpty() && contains(v, needle));
    }

    private static boolean anyHeader(Document d, String needle) {
        Document s = search(d);
        if (contains(s.getString("subject"), needle)) {
            return true;
        }
        for (String f : ADDRESS_FIELDS) {
            if (s.getList(f, String.class, List.of()).stream().anyMatch(v -> contains(v, needle))) {
                return true;
            }
        }
        // TEXT is the whole message, so a field's name counts too (the stored name is lower-case, as the needle).
        return s.getList("h", Document.class, List.of()).stream()
                .anyMatch(h -> contains(h.getString("n") + ": " + h.getString("v"), needle));
    }

    private static Document search(Document d) {
        Document s = d.get("s", Document.class);
        return s == null ? new Document() : s;
    }

    private static boolean contains(String hay, String lowerNeedle) {
        return hay != null && hay.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static boolean seen(Document d) {
        return d.getList("flags", String.class, List.of()).contains(Flag.SEEN.name());
    }
}
