package dev.gannet.core.store.internal;

import dev.gannet.core.mime.NormalizedAddress;
import dev.gannet.core.mime.Envelope;
import dev.gannet.core.mime.ParsedMessage;
import dev.gannet.core.mime.SortText;
import dev.gannet.core.store.SortKeys;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The compact sort-key subdocument {@code ss} of a message (RFC 5256 §3, RFC 5957 §3): the text keys of SORT
 * already in i;unicode-casemap form and the reply/forward marker of THREAD=REFERENCES (RFC 5256 §4 step 5),
 * written at ingest and carried by COPY and MOVE with the rest of the document. Documents written before it
 * existed get the keys derived from their search facts {@code s}, which lack what the ENVELOPE adds (a group's
 * name, the placeholders of broken addresses): those few sort as if the address were empty.
 */
final class SortKeyDocs {

    /** What SORT and THREAD read of a message that has {@code ss}. */
    static final Document PROJECTION = new Document("uid", 1).append("size", 1).append("idate", 1).append("ss", 1)
            .append("s.date", 1).append("s.msgid", 1).append("s.irt", 1).append("s.refs", 1);

    /** What deriving the keys of an older document needs besides {@link #PROJECTION}. */
    static final Document FALLBACK = new Document(PROJECTION).append("s.from", 1).append("s.to", 1).append("s.cc", 1)
            .append("s.subject", 1);

    private SortKeyDocs() {
    }

    /** The keys of a message being ingested, its addresses as its ENVELOPE has them (groups, placeholders). */
    static Document of(ParsedMessage p) {
        Envelope e = p.envelope();
        SortText.Subject subject = SortText.subject(p.search().subject());
        return new Document("f", SortText.envelopeMailbox(e.from())).append("t", SortText.envelopeMailbox(e.to()))
                .append("c", SortText.envelopeMailbox(e.cc())).append("df", SortText.envelopeDisplay(e.from()))
                .append("dt", SortText.envelopeDisplay(e.to())).append("sj", subject.base())
                .append("rf", subject.replyOrForward());
    }

    private static Document fallback(List<NormalizedAddress> from, List<NormalizedAddress> to, List<NormalizedAddress> cc,
            SortText.Subject subject) {
        return new Document("f", SortText.mailbox(from)).append("t", SortText.mailbox(to)).append("c", SortText.mailbox(cc))
                .append("df", SortText.display(from)).append("dt", SortText.display(to))
                .append("sj", subject.base()).append("rf", subject.replyOrForward());
    }

    static boolean hasKeys(Document d) {
        return d.get("ss") instanceof Document;
    }

    /** The keys of a document read with {@link #PROJECTION}, or with {@link #FALLBACK} when it has no {@code ss}. */
    static SortKeys read(Document d) {
        Document s = d.get("s", Document.class);
        if (s == null) {
            s = new Document();
        }
        Document k = hasKeys(d) ? d.get("ss", Document.class) : derive(s);
        List<String> refs = s.getList("refs", String.class, List.of());
        String irt = s.getString("irt");
        List<String> parents = !refs.isEmpty() ? refs : irt == null ? List.of() : List.of(irt);
        Date sent = s.getDate("date");
        return new SortKeys(JournalWriter.longOf(d.get("uid")), JournalWriter.longOf(d.get("size")),
                d.getDate("idate").toInstant(), sent == null ? null : sent.toInstant(), k.getString("f"), k.getString("t"),
                k.getString("c"), k.getString("df"), k.getString("dt"), k.getString("sj"), k.getBoolean("rf", false),
                s.getString("msgid"), parents);
    }

    private static Document derive(Document s) {
        return fallback(addresses(s, "from"), addresses(s, "to"), addresses(s, "cc"), SortText.subject(s.getString("subject")));
    }

    private static List<NormalizedAddress> addresses(Document s, String field) {
        List<NormalizedAddress> out = new ArrayList<>();
        for (String text : s.getList(field, String.class, List.of())) {
            out.add(SortText.fromSearchText(text));
        }
        return out;
    }
}
