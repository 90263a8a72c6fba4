package dev.gannet.core.store;

import dev.gannet.core.error.GannetException;
import java.util.List;

/**
 * A BODY[section] specifier (RFC 3501 §6.4.5) without the partial range: the whole message, its header or
 * text, a numbered part, or a numbered part's MIME header, embedded message header or text.
 * HEADER.FIELDS selections are built by the IMAP layer from {@link Header}.
 */
public sealed interface PartSpec {

    /** BODY[] */
    record Whole() implements PartSpec {
    }

    /** BODY[HEADER] or BODY[n.HEADER] (of an embedded message/rfc822) */
    record Header(List<Integer> path) implements PartSpec {
        public Header {
            path = checkPath(path, true);
        }
    }

    /** BODY[TEXT] or BODY[n.TEXT] */
    record Text(List<Integer> path) implements PartSpec {
        public Text {
            path = checkPath(path, true);
        }
    }

    /** BODY[n] */
    record Part(List<Integer> path) implements PartSpec {
        public Part {
            path = checkPath(path, false);
        }
    }

    /** BODY[n.MIME] */
    record Mime(List<Integer> path) implements PartSpec {
        public Mime {
            path = checkPath(path, false);
        }
    }

    private static List<Integer> checkPath(List<Integer> path, boolean mayBeEmpty) {
        if (path.isEmpty() && !mayBeEmpty) {
            throw GannetException.invalid("part number required");
        }
        for (int n : path) {
            if (n < 1) {
                throw GannetException.invalid("part numbers start at 1");
            }
        }
        return List.copyOf(path);
    }
}
