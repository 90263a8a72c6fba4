package dev.gannet.imap.command.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HEADER.FIELDS and HEADER.FIELDS.NOT (RFC 3501 §6.4.5): the header's fields (with their continuation
 * lines, byte for byte) whose names are, or are not, in the list, compared without regard to case,
 * followed by the blank line that ends the header, if it has one.
 */
final class HeaderFields {

    private HeaderFields() {
    }

    static byte[] filter(byte[] header, List<String> names, boolean not) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int n = header.length;
        boolean ended = false;
        while (i < n) {
            int lineEnd = lineEnd(header, i);
            if (lineEnd - i <= 2 && isBlank(header, i, lineEnd)) {
                ended = true;
                break;
            }
            int fieldEnd = lineEnd;
            while (fieldEnd < n && (header[fieldEnd] == ' ' || header[fieldEnd] == '\t')) {
                fieldEnd = lineEnd(header, fieldEnd);
            }
            int colon = i;
            while (colon < lineEnd && header[colon] != ':') {
                colon++;
            }
            String name = new String(header, i, colon - i, StandardCharsets.ISO_8859_1).strip();
            boolean listed = names.stream().anyMatch(name::equalsIgnoreCase);
            // a line without a colon names no field, so it is never selected and never excluded
            if (colon < lineEnd ? listed != not : not) {
                out.write(header, i, fieldEnd - i);
            }
            i = fieldEnd;
        }
        if (ended) {
            // a header without its empty line (a message that is only a header) gets none, as in Dovecot
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static int lineEnd(byte[] b, int from) {
        int i = from;
        while (i < b.length && b[i] != '\n') {
            i++;
        }
        return Math.min(i + 1, b.length);
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }
}
