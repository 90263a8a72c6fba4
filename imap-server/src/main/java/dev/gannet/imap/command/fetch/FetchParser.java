package dev.gannet.imap.command.fetch;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;
import dev.gannet.imap.protocol.SequenceSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses FETCH and UID FETCH (RFC 3501 §6.4.5, §9 {@code fetch}): the macros ALL, FAST and FULL, single
 * items or a parenthesised list, body sections with partial ranges, the RFC 7162 CHANGEDSINCE and VANISHED
 * (§3.2.6) modifiers, and the EMAILID/THREADID (RFC 8474), SAVEDATE (RFC 8514) and PREVIEW [(LAZY)] (RFC 8970) items.
 */
public final class FetchParser {

    private FetchParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean uid) {
        r.sp();
        SequenceSet set = r.sequenceSet();
        r.sp();
        List<FetchAtt> atts = new ArrayList<>();
        boolean bare = !r.tryChar('(');
        if (!bare) {
            do {
                if (!atts.isEmpty() && r.peek() == '(' && atts.get(atts.size() - 1).type() == FetchAtt.Type.PREVIEW) {
                    r.expect('(');
                    atts.set(atts.size() - 1, previewModifiers(r.atom(), r));
                    continue;
                }
                atts.add(att(r));
            } while (r.tryChar(' '));
            r.expect(')');
        } else {
            String word = name(r);
            switch (word) {
                case "ALL" -> atts.addAll(macro("FLAGS INTERNALDATE RFC822.SIZE ENVELOPE"));
                case "FAST" -> atts.addAll(macro("FLAGS INTERNALDATE RFC822.SIZE"));
                case "FULL" -> atts.addAll(macro("FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY"));
                default -> atts.add(att(word, r));
            }
        }
        long changedSince = -1;
        boolean vanished = false;
        if (r.tryChar(' ')) {
            r.expect('(');
            String first = r.atom();
            if (bare && atts.get(0).type() == FetchAtt.Type.PREVIEW && first.equalsIgnoreCase("LAZY")) {
                // FETCH 1 PREVIEW (LAZY): the item's own modifiers (RFC 8970 §3.1), then the command's, if any
                atts.set(0, previewModifiers(first, r));
                first = null;
                if (r.tryChar(' ')) {
                    r.expect('(');
                    first = r.atom();
                }
            }
            if (first != null) {
                String modifier = first.toUpperCase(Locale.ROOT);
                while (true) {
                    if (modifier.equals("CHANGEDSINCE") && changedSince < 0) {
                        r.sp();
                        changedSince = r.number();
                    } else if (modifier.equals("VANISHED") && !vanished) {
                        vanished = true;
                    } else {
                        throw new ImapParseException("Unknown or repeated FETCH modifier");
                    }
                    if (!r.tryChar(' ')) {
                        break;
                    }
                    modifier = r.atom().toUpperCase(Locale.ROOT);
                }
                r.expect(')');
            }
        }
        // RFC 7162 §3.2.6: VANISHED only with CHANGEDSINCE, and only in UID FETCH
        if (vanished && (changedSince < 0 || !uid)) {
            throw new ImapParseException(uid ? "VANISHED requires CHANGEDSINCE" : "VANISHED is only allowed in UID FETCH");
        }
        if (uid && atts.stream().noneMatch(a -> a.type() == FetchAtt.Type.UID)) {
            atts.add(0, FetchAtt.simple(FetchAtt.Type.UID));
        }
        if (changedSince >= 0 && atts.stream().noneMatch(a -> a.type() == FetchAtt.Type.MODSEQ)) {
            atts.add(FetchAtt.simple(FetchAtt.Type.MODSEQ));
        }
        return new ImapCommand.Fetch(tag, uid, set, atts, changedSince, vanished);
    }

    /**
     * The rest of {@code PREVIEW (mod *(SP mod))} after its first modifier (RFC 8970 §3.1): LAZY is the only one
     * defined, so any other is an error; the closing parenthesis is read.
     */
    private static FetchAtt previewModifiers(String first, ArgReader r) {
        String mod = first;
        while (true) {
            if (!mod.equalsIgnoreCase("LAZY")) {
                throw new ImapParseException("Unknown PREVIEW modifier");
            }
            if (!r.tryChar(' ')) {
                break;
            }
            mod = r.atom();
        }
        r.expect(')');
        return FetchAtt.simple(FetchAtt.Type.PREVIEW_LAZY);
    }

    private static List<FetchAtt> macro(String items) {
        List<FetchAtt> out = new ArrayList<>();
        for (String i : items.split(" ")) {
            out.add(simpleAtt(i));
        }
        return out;
    }

    private static String name(ArgReader r) {
        String n = r.readWhile(c -> Character.isLetterOrDigit(c) || c == '.').toUpperCase(Locale.ROOT);
        if (n.isEmpty()) {
            throw new ImapParseException("Expected a FETCH item");
        }
        return n;
    }

    /** One fetch-att (RFC 3501 §9), also used by NOTIFY MessageNew (RFC 5465 §8). */
    public static FetchAtt att(ArgReader r) {
        return att(name(r), r);
    }

    private static FetchAtt simpleAtt(String name) {
        return FetchAtt.simple(switch (name) {
            case "UID" -> FetchAtt.Type.UID;
            case "FLAGS" -> FetchAtt.Type.FLAGS;
            case "INTERNALDATE" -> FetchAtt.Type.INTERNALDATE;
            case "RFC822.SIZE" -> FetchAtt.Type.RFC822_SIZE;
            case "ENVELOPE" -> FetchAtt.Type.ENVELOPE;
            case "BODY" -> FetchAtt.Type.BODY;
            case "BODYSTRUCTURE" -> FetchAtt.Type.BODYSTRUCTURE;
            case "MODSEQ" -> FetchAtt.Type.MODSEQ;
            case "RFC822" -> FetchAtt.Type.RFC822;
            case "RFC822.HEADER" -> FetchAtt.Type.RFC822_HEADER;
            case "RFC822.TEXT" -> FetchAtt.Type.RFC822_TEXT;
            case "EMAILID" -> FetchAtt.Type.EMAILID;
            case "THREADID" -> FetchAtt.Type.THREADID;
            case "SAVEDATE" -> FetchAtt.Type.SAVEDATE;
            case "PREVIEW" -> FetchAtt.Type.PREVIEW;
            default -> throw new ImapParseException("Unknown FETCH item " + (name.length() > 20 ? name.substring(0, 20) : name));
        });
    }

    private static FetchAtt att(String name, ArgReader r) {
        if (name.startsWith("BINARY")) {
            return binary(name, r);
        }
        if (!(name.equals("BODY") || name.equals("BODY.PEEK")) || r.peek() != '[') {
            return simpleAtt(name);
        }
        boolean peek = name.equals("BODY.PEEK");
        r.expect('[');
        String spec = r.readWhile(c -> Character.isLetterOrDigit(c) || c == '.').toUpperCase(Locale.ROOT);
        List<Integer> path = new ArrayList<>();
        String text = null;
        if (!spec.isEmpty()) {
            String[] parts = spec.split("\\.", -1);
            int i = 0;
            while (i < parts.length && !parts[i].isEmpty() && parts[i].chars().allMatch(Character::isDigit)) {
                if (parts[i].length() > 6 || Integer.parseInt(parts[i]) == 0) {
                    throw new ImapParseException("Invalid part number");
                }
                path.add(Integer.parseInt(parts[i]));
                i++;
            }
            if (i < parts.length) {
                text = String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length));
                if (!List.of("HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT", "MIME").contains(text)
                        || (text.equals("MIME") && path.isEmpty())) {
                    throw new ImapParseException("Invalid section");
                }
            }
        }
        List<String> fields = new ArrayList<>();
        if (text != null && text.startsWith("HEADER.FIELDS")) {
            r.sp();
            r.expect('(');
            do {
                fields.add(r.astring());
            } while (r.tryChar(' '));
            r.expect(')');
        }
        r.expect(']');
        long offset = -1;
        long length = -1;
        if (r.tryChar('<')) {
            offset = r.number();
            r.expect('.');
            length = r.nzNumber();
            r.expect('>');
        }
        return new FetchAtt(FetchAtt.Type.SECTION, path, text, fields, peek, offset, length);
    }

    /** RFC 3516 §4.2: {@code BINARY[part]<partial>}, {@code BINARY.PEEK[part]<partial>}, {@code BINARY.SIZE[part]}. */
    private static FetchAtt binary(String name, ArgReader r) {
        boolean size = name.equals("BINARY.SIZE");
        if (!size && !name.equals("BINARY") && !name.equals("BINARY.PEEK")) {
            throw new ImapParseException("Unknown FETCH item " + (name.length() > 20 ? name.substring(0, 20) : name));
        }
        r.expect('[');
        String spec = r.readWhile(c -> Character.isDigit(c) || c == '.');
        List<Integer> path = new ArrayList<>();
        if (!spec.isEmpty()) {
            for (String p : spec.split("\\.", -1)) {
                if (p.isEmpty() || p.length() > 6 || Integer.parseInt(p) == 0) {
                    throw new ImapParseException("Invalid part number");
                }
                path.add(Integer.parseInt(p));
            }
        }
        r.expect(']');
        long offset = -1;
        long length = -1;
        if (!size && r.tryChar('<')) {
            offset = r.number();
            r.expect('.');
            length = r.nzNumber();
            r.expect('>');
        }
        return new FetchAtt(size ? FetchAtt.Type.BINARY_SIZE : FetchAtt.Type.BINARY, path, null, List.of(),
                name.equals("BINARY.PEEK"), offset, length);
    }
}
