package dev.gannet.core.mime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;

/**
 * Parses a structured MIME header value into its leading token and parameters (RFC 2045 §5.1,
 * RFC 2183 §2) with mime4j, then joins RFC 2231 §3 continuations as Dovecot does: plain parameters
 * first in their order, then each continued parameter once, sorted by name, as {@code name} or (when
 * any segment is extended) {@code name*} with an {@code ''} charset prefix if the first segment lacks
 * one. Segments with gaps in their numbering stay as they were written.
 */
final class MimeParams {

    record Parsed(String value, List<MimeParam> params) {
    }

    private record Segment(String base, int index, boolean extended, String value) {
    }

    private MimeParams() {
    }

    static Parsed parse(String headerName, String headerValue) {
        RawBody body;
        try {
            body = RawFieldParser.DEFAULT.parseRawBody(new RawField(headerName, headerValue));
        } catch (RuntimeException e) {
            return new Parsed(headerValue.trim(), List.of());
        }
        List<MimeParam> plain = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        for (NameValuePair p : body.getParams()) {
            String name = p.getName() == null ? "" : p.getName().trim();
            if (name.isEmpty() || p.getValue() == null) {
                continue;
            }
            Segment seg = segment(name, p.getValue());
            if (seg == null) {
                plain.add(new MimeParam(name, p.getValue()));
            } else {
                segments.add(seg);
            }
        }
        plain.addAll(join(segments));
        return new Parsed(body.getValue() == null ? "" : body.getValue().trim(), plain);
    }

    private static Segment segment(String name, String value) {
        int star = name.indexOf('*');
        if (star <= 0) {
            return null;
        }
        String rest = name.substring(star + 1);
        if (rest.isEmpty()) {
            return new Segment(name.substring(0, star), 0, true, value);
        }
        int index = 0;
        int i = 0;
        while (i < rest.length() && Character.isDigit(rest.charAt(i)) && i < 6) {
            index = index * 10 + (rest.charAt(i) - '0');
            i++;
        }
        boolean extended = i < rest.length() && rest.charAt(i) == '*';
        if (extended) {
            i++;
        }
        if (i != rest.length()) {
            return null;
        }
        return new Segment(name.substring(0, star), index, extended, value);
    }

    private static List<MimeParam> join(List<Segment> segments) {
        List<MimeParam> out = new ArrayList<>();
        segments.sort(Comparator.comparing((Segment s) -> s.base().toLowerCase(Locale.ROOT)).thenComparingInt(Segment::index));
        int i = 0;
        while (i < segments.size()) {
            int j = i;
            boolean contiguous = true;
            boolean anyExtended = false;
            while (j < segments.size() && segments.get(j).base().equalsIgnoreCase(segments.get(i).base())) {
                contiguous &= segments.get(j).index() == j - i;
                anyExtended |= segments.get(j).extended();
                j++;
            }
            if (!contiguous) {
                for (Segment s : segments.subList(i, j)) {
                    out.add(new MimeParam(s.base() + "*" + s.index() + (s.extended() ? "*" : ""), s.value()));
                }
            } else {
                StringBuilder value = new StringBuilder();
                if (anyExtended && !segments.get(i).extended()) {
                    value.append("''");
                }
                for (Segment s : segments.subList(i, j)) {
                    value.append(anyExtended && !s.extended() ? s.value().replace("%", "%25") : s.value());
                }
                out.add(new MimeParam(segments.get(i).base() + (anyExtended ? "*" : ""), value.toString()));
            }
            i = j;
        }
        return out;
    }
}
