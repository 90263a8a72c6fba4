package dev.gannet.delivery.sieve;

import dev.gannet.delivery.sieve.Ast.Arg;
import dev.gannet.delivery.sieve.Ast.Args;
import dev.gannet.delivery.sieve.Ast.Num;
import dev.gannet.delivery.sieve.Ast.Str;
import dev.gannet.delivery.sieve.Ast.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks each command and test against {@link Grammar} as it is parsed: known names, the capability declared
 * with {@code require} (RFC 5228 §3.2: using an extension not required is an error), tag values, one tag per
 * exclusive group, positional count and kinds, and the few value checks the RFCs make compile-time errors
 * (comparator names, relational operators, date parts, regex syntax, flag variable names).
 */
final class Validator {

    private static final Set<String> COMPARATORS = Set.of("i;octet", "i;ascii-casemap", "i;ascii-numeric");
    private static final Set<String> RELATIONS = Set.of("gt", "ge", "lt", "le", "eq", "ne");
    static final Set<String> DATE_PARTS = Set.of("year", "month", "day", "date", "julian", "hour", "minute", "second",
            "time", "iso8601", "std11", "zone", "weekday");

    private final Set<String> required;
    private final int maxRegexLength;

    Validator(Set<String> required, int maxRegexLength) {
        this.required = required;
        this.maxRegexLength = maxRegexLength;
    }

    Args command(String name, List<Arg> raw, int line) throws SieveSyntaxException {
        Grammar.Spec spec = Grammar.COMMANDS.get(name);
        if (spec == null) {
            throw new SieveSyntaxException(line, "unknown command '" + name + "'");
        }
        return check("command", name, spec, raw, line);
    }

    Args test(String name, List<Arg> raw, int line) throws SieveSyntaxException {
        Grammar.Spec spec = Grammar.TESTS.get(name);
        if (spec == null) {
            throw new SieveSyntaxException(line, "unknown test '" + name + "'");
        }
        return check("test", name, spec, raw, line);
    }

    private void need(String capability, String what, int line) throws SieveSyntaxException {
        if (capability != null && !required.contains(capability)) {
            throw new SieveSyntaxException(line, what + " needs require \"" + capability + "\"");
        }
    }

    private Args check(String kind, String name, Grammar.Spec spec, List<Arg> raw, int line) throws SieveSyntaxException {
        need(spec.capability(), kind + " '" + name + "'", line);
        Map<String, Arg> tags = new LinkedHashMap<>();
        Map<String, String> groups = new HashMap<>();
        List<Arg> positional = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Arg a = raw.get(i);
            if (!(a instanceof Tag t)) {
                positional.add(a);
                continue;
            }
            Grammar.TagSpec ts = spec.tags().get(t.name());
            if (ts == null) {
                throw new SieveSyntaxException(t.line(), "'" + name + "' has no tag :" + t.name());
            }
            if (!positional.isEmpty()) {
                throw new SieveSyntaxException(t.line(), "tag :" + t.name() + " must come before the positional arguments of '" + name + "'");
            }
            need(ts.capability(), "tag :" + t.name(), t.line());
            if (tags.containsKey(t.name())) {
                throw new SieveSyntaxException(t.line(), "tag :" + t.name() + " given twice");
            }
            if (ts.group() != null) {
                String other = groups.put(ts.group(), t.name());
                if (other != null) {
                    throw new SieveSyntaxException(t.line(), "tags :" + other + " and :" + t.name() + " cannot be combined");
                }
            }
            if (ts.value() == Grammar.Kind.NONE) {
                tags.put(t.name(), t);
            } else {
                if (i + 1 >= raw.size() || !fits(raw.get(i + 1), ts.value())) {
                    throw new SieveSyntaxException(t.line(), "tag :" + t.name() + " needs a " + describe(ts.value()));
                }
                tags.put(t.name(), raw.get(++i));
            }
        }
        List<Grammar.Kind> kinds = spec.positional();
        int skip = positional.size() == kinds.size() - spec.optionalLeading() ? spec.optionalLeading() : 0;
        if (positional.size() + skip != kinds.size()) {
            throw new SieveSyntaxException(line, "'" + name + "' takes " + kinds.size()
                    + (spec.optionalLeading() > 0 ? " (or " + (kinds.size() - spec.optionalLeading()) + ")" : "")
                    + " positional argument(s), not " + positional.size());
        }
        for (int i = 0; i < positional.size(); i++) {
            Grammar.Kind k = kinds.get(i + skip);
            if (!fits(positional.get(i), k)) {
                throw new SieveSyntaxException(positional.get(i).line(), "argument " + (i + 1) + " of '" + name + "' must be a " + describe(k));
            }
        }
        if (skip > 0) {
            positional.add(0, null);
        }
        Args args = new Args(tags, positional);
        values(name, args, line);
        return args;
    }

    private void values(String name, Args args, int line) throws SieveSyntaxException {
        String comparator = args.string("comparator");
        if (comparator != null && !COMPARATORS.contains(comparator)) {
            throw new SieveSyntaxException(line, "unknown comparator \"" + comparator + "\"");
        }
        if (comparator != null && !comparator.equals("i;ascii-casemap") && !comparator.equals("i;octet")) {
            need("comparator-" + comparator, "comparator " + comparator, line);
        }
        for (String rel : new String[] {"count", "value"}) {
            String op = args.string(rel);
            if (op != null && !RELATIONS.contains(op.toLowerCase())) {
                throw new SieveSyntaxException(line, "unknown relational operator \"" + op + "\"");
            }
        }
        if (name.equals("date") || name.equals("currentdate")) {
            String part = args.string(name.equals("date") ? 1 : 0).toLowerCase();
            if (!DATE_PARTS.contains(part)) {
                throw new SieveSyntaxException(line, "unknown date part \"" + part + "\"");
            }
        }
        if (args.has("regex") && !name.equals("set")) {
            int keys = args.positional().size() - 1;
            for (String re : args.strings(keys)) {
                Matching.compileRegex(re, maxRegexLength, line, required.contains("variables"));
            }
        }
        if (name.equals("vacation")) {
            Long days = args.number("days");
            if (days != null && days < 0) {
                throw new SieveSyntaxException(line, ":days must not be negative");
            }
        }
    }

    private static boolean fits(Arg a, Grammar.Kind k) {
        return switch (k) {
            case STRING -> a instanceof Str s && !s.list();
            case STRINGLIST -> a instanceof Str;
            case NUMBER -> a instanceof Num;
            case NONE -> false;
        };
    }

    private static String describe(Grammar.Kind k) {
        return switch (k) {
            case STRING -> "string";
            case STRINGLIST -> "string list";
            case NUMBER -> "number";
            case NONE -> "nothing";
        };
    }
}
