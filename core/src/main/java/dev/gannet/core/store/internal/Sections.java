package dev.gannet.core.store.internal;

import dev.gannet.core.store.PartSpec;
import java.util.List;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * Maps a BODY[section] (RFC 3501 §6.4.5) to a byte range of the raw message using the section entries
 * stored at ingest: HEADER/TEXT of the message or of an embedded message/rfc822 part, part bodies and
 * their MIME headers. Returns null for sections the message does not have.
 */
final class Sections {

    private Sections() {
    }

    static long[] resolve(Document d, PartSpec spec) {
        if (spec instanceof PartSpec.Whole) {
            return new long[] {0, MailboxDocs.num(d, "size")};
        }
        if (spec instanceof PartSpec.Header h) {
            return h.path().isEmpty() ? range(d, "hdr") : embedded(d, h.path(), "mh");
        }
        if (spec instanceof PartSpec.Text t) {
            return t.path().isEmpty() ? range(d, "txt") : embedded(d, t.path(), "mt");
        }
        List<Integer> path = spec instanceof PartSpec.Part p ? p.path() : ((PartSpec.Mime) spec).path();
        Document e = entry(d, path);
        return e == null ? null : range(e, spec instanceof PartSpec.Part ? "b" : "h");
    }

    private static long[] embedded(Document d, List<Integer> path, String field) {
        Document e = entry(d, path);
        return e == null || !e.containsKey(field) ? null : range(e, field);
    }

    private static Document entry(Document d, List<Integer> path) {
        String number = path.stream().map(String::valueOf).collect(Collectors.joining("."));
        for (Document e : d.getList("sec", Document.class, List.of())) {
            if (number.equals(e.getString("p"))) {
                return e;
            }
        }
        return null;
    }

    private static long[] range(Document d, String field) {
        List<?> r = d.getList(field, Object.class);
        return new long[] {((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue()};
    }
}
