package dev.gannet.delivery.sieve;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every supported command and test accepts: its capability (the {@code require} it needs), its tags and
 * whether they take a value, its positional arguments, and whether it takes tests or a block. The table is the
 * single list of the language this engine speaks; docs/sieve.md lists the same extensions.
 */
final class Grammar {

    enum Kind { STRING, STRINGLIST, NUMBER, NONE }

    enum Tests { NONE, ONE, LIST }

    /** A tag: its value kind and the capability it needs (null: none beyond the command's). */
    record TagSpec(Kind value, String capability, String group) {
    }

    record Spec(String capability, Map<String, TagSpec> tags, List<Kind> positional, int optionalLeading,
            Tests tests, boolean block) {
    }

    /** Every capability a script may require. */
    static final Set<String> CAPABILITIES = Set.of("fileinto", "reject", "ereject", "envelope", "imap4flags", "copy",
            "body", "variables", "relational", "subaddress", "regex", "date", "mailbox", "vacation", "vacation-seconds",
            "include", "comparator-i;octet", "comparator-i;ascii-casemap", "comparator-i;ascii-numeric", "encoded-character");

    static final Map<String, Spec> COMMANDS = new HashMap<>();
    static final Map<String, Spec> TESTS = new HashMap<>();

    private static Map<String, TagSpec> tags(Object... pairs) {
        Map<String, TagSpec> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (TagSpec) pairs[i + 1]);
        }
        return m;
    }

    private static TagSpec flag(String cap, String group) {
        return new TagSpec(Kind.NONE, cap, group);
    }

    private static TagSpec value(Kind k, String cap) {
        return new TagSpec(k, cap, null);
    }

    /** Comparator and match-type tags, shared by every test that compares strings. */
    private static Map<String, TagSpec> match(Map<String, TagSpec> m) {
        m.put("comparator", value(Kind.STRING, null));
        m.put("is", flag(null, "match"));
        m.put("contains", flag(null, "match"));
        m.put("matches", flag(null, "match"));
        m.put("regex", flag("regex", "match"));
        m.put("count", new TagSpec(Kind.STRING, "relational", "match"));
        m.put("value", new TagSpec(Kind.STRING, "relational", "match"));
        return m;
    }

    private static Map<String, TagSpec> addressParts(Map<String, TagSpec> m) {
        m.put("all", flag(null, "part"));
        m.put("localpart", flag(null, "part"));
        m.put("domain", flag(null, "part"));
        m.put("user", flag("subaddress", "part"));
        m.put("detail", flag("subaddress", "part"));
        return m;
    }

    private static void command(String name, String cap, Map<String, TagSpec> tags, Kind... positional) {
        COMMANDS.put(name, new Spec(cap, tags, List.of(positional), 0, Tests.NONE, false));
    }

    private static void test(String name, String cap, Map<String, TagSpec> tags, Kind... positional) {
        TESTS.put(name, new Spec(cap, tags, List.of(positional), 0, Tests.NONE, false));
    }

    static {
        COMMANDS.put("require", new Spec(null, Map.of(), List.of(Kind.STRINGLIST), 0, Tests.NONE, false));
        COMMANDS.put("if", new Spec(null, Map.of(), List.of(), 0, Tests.ONE, true));
        COMMANDS.put("elsif", new Spec(null, Map.of(), List.of(), 0, Tests.ONE, true));
        COMMANDS.put("else", new Spec(null, Map.of(), List.of(), 0, Tests.NONE, true));
        command("stop", null, Map.of());
        command("keep", null, tags("flags", value(Kind.STRINGLIST, "imap4flags")));
        command("discard", null, Map.of());
        command("fileinto", "fileinto", tags("copy", flag("copy", null), "flags", value(Kind.STRINGLIST, "imap4flags"),
                "create", flag("mailbox", null)), Kind.STRING);
        command("redirect", null, tags("copy", flag("copy", null)), Kind.STRING);
        command("reject", "reject", Map.of(), Kind.STRING);
        command("ereject", "ereject", Map.of(), Kind.STRING);
        for (String f : List.of("setflag", "addflag", "removeflag")) {
            COMMANDS.put(f, new Spec("imap4flags", Map.of(), List.of(Kind.STRING, Kind.STRINGLIST), 1, Tests.NONE, false));
        }
        command("set", "variables", tags("lower", flag(null, "case"), "upper", flag(null, "case"),
                "lowerfirst", flag(null, "first"), "upperfirst", flag(null, "first"),
                "quotewildcard", flag(null, "quote"), "quoteregex", flag("regex", "quoteregex"),
                "length", flag(null, "length")), Kind.STRING, Kind.STRING);
        command("vacation", "vacation", tags("days", new TagSpec(Kind.NUMBER, null, "period"),
                "seconds", new TagSpec(Kind.NUMBER, "vacation-seconds", "period"),
                "subject", value(Kind.STRING, null), "from", value(Kind.STRING, null),
                "addresses", value(Kind.STRINGLIST, null), "mime", flag(null, null), "handle", value(Kind.STRING, null)),
                Kind.STRING);
        command("include", "include", tags("personal", flag(null, "location"), "global", flag(null, "location"),
                "once", flag(null, null), "optional", flag(null, null)), Kind.STRING);
        command("return", "include", Map.of());
        command("global", "include", Map.of(), Kind.STRINGLIST);

        test("address", null, addressParts(match(new HashMap<>())), Kind.STRINGLIST, Kind.STRINGLIST);
        test("envelope", "envelope", addressParts(match(new HashMap<>())), Kind.STRINGLIST, Kind.STRINGLIST);
        test("header", null, match(new HashMap<>()), Kind.STRINGLIST, Kind.STRINGLIST);
        test("exists", null, Map.of(), Kind.STRINGLIST);
        test("size", null, tags("over", flag(null, "size"), "under", flag(null, "size")), Kind.NUMBER);
        test("true", null, Map.of());
        test("false", null, Map.of());
        TESTS.put("not", new Spec(null, Map.of(), List.of(), 0, Tests.ONE, false));
        TESTS.put("anyof", new Spec(null, Map.of(), List.of(), 0, Tests.LIST, false));
        TESTS.put("allof", new Spec(null, Map.of(), List.of(), 0, Tests.LIST, false));
        Map<String, TagSpec> body = match(new HashMap<>());
        body.put("raw", flag(null, "transform"));
        body.put("text", flag(null, "transform"));
        body.put("content", new TagSpec(Kind.STRINGLIST, null, "transform"));
        test("body", "body", body, Kind.STRINGLIST);
        test("string", "variables", match(new HashMap<>()), Kind.STRINGLIST, Kind.STRINGLIST);
        TESTS.put("hasflag", new Spec("imap4flags", match(new HashMap<>()), List.of(Kind.STRINGLIST, Kind.STRINGLIST), 1,
                Tests.NONE, false));
        Map<String, TagSpec> date = match(new HashMap<>());
        date.put("zone", new TagSpec(Kind.STRING, null, "zone"));
        date.put("originalzone", new TagSpec(Kind.NONE, null, "zone"));
        test("date", "date", date, Kind.STRING, Kind.STRING, Kind.STRINGLIST);
        Map<String, TagSpec> current = match(new HashMap<>());
        current.put("zone", value(Kind.STRING, null));
        test("currentdate", "date", current, Kind.STRING, Kind.STRINGLIST);
        test("mailboxexists", "mailbox", Map.of(), Kind.STRINGLIST);
    }

    private Grammar() {
    }
}
