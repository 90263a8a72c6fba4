package dev.gannet.core.mime;

import java.util.List;
import java.util.Optional;

/**
 * Resolves IMAP section part numbers (RFC 3501 §6.4.5) against the part tree: a multipart's
 * children are numbered from 1; the single-part body of a message is its part 1; numbers after a
 * message/rfc822 part address the parts of the message inside it.
 */
final class Sections {

    private Sections() {
    }

    static Optional<BodyPart> find(MessageNode root, String number) {
        if (number == null || number.isEmpty()) {
            return Optional.empty();
        }
        String[] pieces = number.split("\\.", -1);
        BodyPart current = root.body();
        boolean atMessageBody = true;
        for (int i = 0; i < pieces.length; i++) {
            int k = parsePositive(pieces[i]);
            if (k < 1) {
                return Optional.empty();
            }
            if (current.kind() == BodyPart.Kind.MULTIPART) {
                if (k > current.parts().size()) {
                    return Optional.empty();
                }
                current = current.parts().get(k - 1);
            } else if (!(atMessageBody && k == 1)) {
                return Optional.empty();
            }
            atMessageBody = false;
            if (i < pieces.length - 1 && current.kind() == BodyPart.Kind.MESSAGE) {
                current = current.message().body();
                atMessageBody = true;
            }
        }
        return Optional.of(current);
    }

    static void collectLeaves(BodyPart part, List<BodyPart> out) {
        switch (part.kind()) {
            case LEAF -> out.add(part);
            case MULTIPART -> part.parts().forEach(p -> collectLeaves(p, out));
            case MESSAGE -> collectLeaves(part.message().body(), out);
        }
    }

    private static int parsePositive(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
