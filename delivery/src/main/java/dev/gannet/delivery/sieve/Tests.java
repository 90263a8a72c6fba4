package dev.gannet.delivery.sieve;

import dev.gannet.delivery.sieve.Ast.Args;
import dev.gannet.delivery.sieve.Ast.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates tests (RFC 5228 §5 and the extensions' tests) against the {@link MailContext}. Each comparison is
 * charged to the {@link Budget}; match variables are set by a successful :matches or :regex only.
 */
final class Tests {

    private final MailContext ctx;
    private final Budget budget;
    private final SieveLimits limits;

    Tests(MailContext ctx, Budget budget, SieveLimits limits) {
        this.ctx = ctx;
        this.budget = budget;
        this.limits = limits;
    }

    boolean eval(Test t, Frame f) {
        budget.line = t.line();
        budget.step(1);
        Args a = t.args();
        return switch (t.name()) {
            case "true" -> true;
            case "false" -> false;
            case "not" -> !eval(t.tests().get(0), f);
            case "anyof" -> {
                for (Test x : t.tests()) {
                    if (eval(x, f)) {
                        yield true;
                    }
                }
                yield false;
            }
            case "allof" -> {
                for (Test x : t.tests()) {
                    if (!eval(x, f)) {
                        yield false;
                    }
                }
                yield true;
            }
            case "size" -> a.has("over") ? ctx.size() > a.number(0) : ctx.size() < a.number(0);
            case "exists" -> a.strings(0).stream().allMatch(h -> !ctx.header(f.expand(h)).isEmpty());
            case "header" -> match(a, f, headers(a.strings(0), f), a.strings(1));
            case "address" -> {
                List<String> values = new ArrayList<>();
                for (String h : a.strings(0)) {
                    for (String v : ctx.header(f.expand(h))) {
                        for (String addr : Addresses.parse(v)) {
                            addPart(values, a, addr);
                        }
                    }
                }
                yield match(a, f, values, a.strings(1));
            }
            case "envelope" -> {
                List<String> values = new ArrayList<>();
                boolean any = false;
                for (String part : a.strings(0)) {
                    Optional<String> v = switch (f.expand(part).toLowerCase(Locale.ROOT)) {
                        case "from" -> ctx.envelopeFrom();
                        case "to" -> ctx.envelopeTo();
                        default -> Optional.empty();
                    };
                    if (v.isPresent()) {
                        any = true;
                        addPart(values, a, v.get());
                    }
                }
                yield any && match(a, f, values, a.strings(1));
            }
            case "body" -> {
                String text = a.has("raw") ? ctx.bodyRaw() : ctx.bodyText();
                yield match(a, f, List.of(text), a.strings(0));
            }
            case "string" -> {
                List<String> values = new ArrayList<>();
                for (String s : a.strings(0)) {
                    String v = f.expand(s);
                    // RFC 5229 §5: :count counts the strings that are not empty
                    if (!a.has("count") || !v.isEmpty()) {
                        values.add(v);
                    }
                }
                yield match(a, f, values, a.strings(1));
            }
            case "hasflag" -> {
                List<String> values = new ArrayList<>();
                if (a.positional().get(0) == null) {
                    values.addAll(currentFlags());
                } else {
                    for (String v : a.strings(0)) {
                        values.addAll(Interpreter.flagSet(List.of(f.get(f.expand(v))), f));
                    }
                }
                yield match(a, f, values, a.strings(1));
            }
            case "date" -> {
                List<String> values = new ArrayList<>();
                String part = a.string(1).toLowerCase(Locale.ROOT);
                for (String v : ctx.header(f.expand(a.string(0)))) {
                    Dates.parse(v).map(d -> Dates.zoned(d, a.has("originalzone") ? null : zone(a, f)))
                            .ifPresent(d -> values.add(Dates.part(d, part)));
                }
                yield !values.isEmpty() && match(a, f, values, a.strings(2));
            }
            case "currentdate" -> {
                String part = a.string(0).toLowerCase(Locale.ROOT);
                var now = Dates.zoned(ctx.now(), zone(a, f));
                yield match(a, f, List.of(Dates.part(now, part)), a.strings(1));
            }
            case "mailboxexists" -> a.strings(0).stream().allMatch(m -> ctx.mailboxExists(f.expand(m)));
            default -> throw new SieveRuntimeException(t.line(), "unsupported test " + t.name());
        };
    }

    /** Set by the interpreter before each run through {@link #flags}; hasflag without variables reads it. */
    private java.util.function.Supplier<java.util.Collection<String>> flags = List::of;

    void flags(java.util.function.Supplier<java.util.Collection<String>> supplier) {
        this.flags = supplier;
    }

    private java.util.Collection<String> currentFlags() {
        return flags.get();
    }

    private String zone(Args a, Frame f) {
        String z = a.string("zone");
        return z == null ? "" : f.expand(z);
    }

    private List<String> headers(List<String> names, Frame f) {
        List<String> out = new ArrayList<>();
        for (String h : names) {
            out.addAll(ctx.header(f.expand(h)));
        }
        return out;
    }

    private static void addPart(List<String> values, Args a, String addr) {
        String part = a.first("localpart", "domain", "user", "detail");
        String value = Addresses.part(addr, part == null ? "all" : part);
        if (value != null) {
            values.add(value);
        }
    }

    private boolean match(Args a, Frame f, List<String> values, List<String> rawKeys) {
        String type = a.first("is", "contains", "matches", "regex", "count", "value");
        if (type == null) {
            type = "is";
        }
        Matching.Comparator cmp = Matching.comparator(a.string("comparator"));
        List<String> keys = rawKeys.stream().map(f::expand).toList();
        if (type.equals("count")) {
            String n = Integer.toString(values.size());
            for (String k : keys) {
                budget.step(1);
                if (Matching.relation(a.string("count"), Matching.compare(cmp, n, k))) {
                    return true;
                }
            }
            return false;
        }
        boolean capture = f.variables && (type.equals("matches") || type.equals("regex"));
        List<String> captures = capture ? new ArrayList<>() : null;
        for (String v : values) {
            for (String k : keys) {
                if (Matching.test(type, a.string("value"), cmp, v, k, captures, budget, limits.maxRegexLength())) {
                    if (capture) {
                        f.captures.clear();
                        f.captures.addAll(captures);
                    }
                    return true;
                }
            }
        }
        return false;
    }
}
