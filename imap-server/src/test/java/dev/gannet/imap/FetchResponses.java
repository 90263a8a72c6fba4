package dev.gannet.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads whole IMAP responses, literals included, and checks untagged FETCH data against the grammar of RFC 3501
 * §7.4.2 and §9 ({@code msg-att}): a test reads what a strict client would, so an item written as {@code NIL}
 * where the grammar wants a list, or a literal shorter than announced, fails the test instead of passing as text.
 */
final class FetchResponses {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");
    private static final Pattern FETCH = Pattern.compile("\\* (\\d+) FETCH \\(.*", Pattern.DOTALL);

    private FetchResponses() {
    }

    /** One response: its lines, and the literals that followed the lines ending in {@code {n}}. */
    record Response(List<String> lines, List<byte[]> literals) {
        String first() {
            return lines.get(0);
        }

        boolean isFetch() {
            return FETCH.matcher(first()).matches();
        }
    }

    /** A value in a response: an atom or number, a string (quoted or literal), NIL, or a parenthesised list. */
    sealed interface Value {
    }

    record Atom(String text) implements Value {
    }

    record Str(byte[] bytes) implements Value {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    record Nil() implements Value {
    }

    record ListValue(List<Value> items) implements Value {
    }

    /** The data of one untagged FETCH, item names upper-cased, in the order sent. */
    record Fetch(int seq, Map<String, Value> items) {
        long uid() {
            return Long.parseLong(((Atom) items.get("UID")).text());
        }

        byte[] bytes(String item) {
            return ((Str) items.get(item)).bytes();
        }
    }

    /** Reads one response; throws if the connection ends inside it (a literal cut short, say). */
    static Response read(ImapTestClient c) throws IOException {
        List<String> lines = new ArrayList<>();
        List<byte[]> literals = new ArrayList<>();
        while (true) {
            String line = c.readLine();
            if (line == null) {
                throw new IOException("connection closed inside a response: " + lines);
            }
            lines.add(line);
            Matcher m = LITERAL.matcher(line);
            if (!m.find()) {
                return new Response(lines, literals);
            }
            int n = Integer.parseInt(m.group(1));
            byte[] data = c.readBytes(n);
            if (data.length < n) {
                throw new IOException("literal of " + n + " bytes ended after " + data.length + ": " + lines);
            }
            literals.add(data);
        }
    }

    /** Responses up to and including the tagged one of {@code tag}. */
    static List<Response> untilTagged(ImapTestClient c, String tag) throws IOException {
        List<Response> out = new ArrayList<>();
        while (true) {
            Response r = read(c);
            out.add(r);
            if (r.first().startsWith(tag + " ")) {
                return out;
            }
        }
    }

    static List<Response> command(ImapTestClient c, String tag, String command) throws IOException {
        c.send(tag + " " + command);
        return untilTagged(c, tag);
    }

    /** Parses an untagged FETCH and checks each item's value has the type RFC 3501 §9 gives it. */
    static Fetch parse(Response r) {
        Matcher m = Pattern.compile("\\* (\\d+) FETCH ").matcher(r.first());
        if (!m.lookingAt()) {
            throw new AssertionError("not a FETCH response: " + r.first());
        }
        Parser p = new Parser(r, m.end());
        Value v = p.value();
        p.expectEnd();
        if (!(v instanceof ListValue list) || list.items().isEmpty() || list.items().size() % 2 != 0) {
            throw new AssertionError("FETCH data is not a list of item/value pairs: " + r.lines());
        }
        Map<String, Value> items = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i += 2) {
            if (!(list.items().get(i) instanceof Atom name)) {
                throw new AssertionError("item name expected: " + r.lines());
            }
            String key = name.text().toUpperCase(java.util.Locale.ROOT);
            check(key, list.items().get(i + 1), r);
            items.put(key, list.items().get(i + 1));
        }
        return new Fetch(Integer.parseInt(m.group(1)), items);
    }

    private static void check(String item, Value v, Response r) {
        boolean ok = switch (item.replaceAll("\\[.*", "[")) {
            case "UID", "RFC822.SIZE" -> v instanceof Atom a && a.text().matches("\\d+");
            case "FLAGS" -> v instanceof ListValue l && l.items().stream().allMatch(x -> x instanceof Atom);
            case "INTERNALDATE" -> v instanceof Str;
            case "MODSEQ" -> v instanceof ListValue l && l.items().size() == 1 && l.items().get(0) instanceof Atom;
            case "ENVELOPE" -> v instanceof ListValue l && l.items().size() == 10;
            case "BODY", "BODYSTRUCTURE" -> v instanceof ListValue l && !l.items().isEmpty();
            case "BODY[", "RFC822", "RFC822.HEADER", "RFC822.TEXT" -> v instanceof Str;
            default -> false;
        };
        if (!ok) {
            throw new AssertionError(item + " has an invalid value " + v + " in " + r.lines());
        }
    }

    /** A cursor over a response's lines and literals. */
    private static final class Parser {
        private final Response r;
        private int line;
        private int pos;
        private int literal;

        Parser(Response r, int pos) {
            this.r = r;
            this.pos = pos;
        }

        private String text() {
            return r.lines().get(line);
        }

        private int peek() {
            return pos < text().length() ? text().charAt(pos) : -1;
        }

        void expectEnd() {
            if (pos != text().length() || line != r.lines().size() - 1) {
                throw new AssertionError("text after the FETCH data: " + r.lines());
            }
        }

        Value value() {
            int ch = peek();
            if (ch == '(') {
                pos++;
                List<Value> items = new ArrayList<>();
                while (peek() != ')') {
                    if (peek() == -1) {
                        throw new AssertionError("unclosed list: " + r.lines());
                    }
                    if (!items.isEmpty()) {
                        space();
                    }
                    items.add(value());
                }
                pos++;
                return new ListValue(items);
            }
            if (ch == '"') {
                StringBuilder sb = new StringBuilder();
                pos++;
                while (peek() != '"') {
                    if (peek() == -1) {
                        throw new AssertionError("unclosed string: " + r.lines());
                    }
                    if (peek() == '\\') {
                        pos++;
                    }
                    sb.append((char) peek());
                    pos++;
                }
                pos++;
                return new Str(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            if (ch == '{') {
                byte[] data = r.literals().get(literal++);
                line++;
                pos = 0;
                return new Str(data);
            }
            return atom();
        }

        private void space() {
            if (peek() != ' ') {
                throw new AssertionError("space expected at " + pos + ": " + text());
            }
            pos++;
        }

        private Value atom() {
            int start = pos;
            int depth = 0;
            while (peek() != -1 && (depth > 0 || " ()\"{".indexOf(peek()) < 0)) {
                depth += peek() == '[' ? 1 : peek() == ']' ? -1 : 0;
                pos++;
            }
            String a = text().substring(start, pos);
            if (a.isEmpty()) {
                throw new AssertionError("value expected at " + start + ": " + text());
            }
            return a.equalsIgnoreCase("NIL") ? new Nil() : new Atom(a);
        }
    }
}
