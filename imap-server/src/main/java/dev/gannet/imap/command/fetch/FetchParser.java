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
 * items or a parenthesised list, body sections with partial ranges, and the RFC 7162 CHANGEDSINCE modifier.
 */
public final class FetchParser {

    private FetchParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean uid) {
        r.sp();
        SequenceSet set = r.sequenceSet();
        r.sp();
        List<FetchAtt> atts = new ArrayList<>();
        if (r.tryChar('(')) {
            do {
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
        if (r.tryChar(' ')) {
            r.expect('(');
            if (!r.atom().equalsIgnoreCase("CHANGEDSINCE")) {
                throw new ImapParseException("Unknown FETCH modifier");
            }
            r.sp();
            changedSince = r.number();
            r.expect(')');
        }
        if (uid && atts.stream().noneMatch(a -> a.type() == FetchAtt.Type.UID)) {
            atts.add(0, FetchAtt.simple(FetchAtt.Type.UID));
        }
        if (changedSince >= 0 && atts.stream().noneMatch(a -> a.type() == FetchAtt.Type.MODSEQ)) {
            atts.add(FetchAtt.simple(FetchAtt.Type.MODSEQ));
        }
        return new ImapCommand.Fetch(tag, uid, set, atts, changedSince);
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
            default -> throw new ImapParseException("Unknown FETCH item " + (name.length() > 20 ? name.substring(0, 20) : name));
        });
    }

    private static FetchAtt att(String name, ArgReader r) {
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
}
