package dev.gannet.delivery.sieve;

import dev.gannet.delivery.rules.RuleScript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Sieve engine: runs a user's scripts (filters, personal script, forwarding, autoreply, in that order) on
 * one message and says what to do with it. How the scripts combine, and what a runtime error does, is
 * docs/sieve.md: actions accumulate; the implicit keep stays unless some script cancelled it; {@code stop} ends
 * only its own script; a reject ends the run with the reject alone; a script that fails contributes a keep in
 * INBOX and nothing else, and the next scripts still run. Parsed scripts are cached by their source.
 */
public final class Sieve {

    private final SieveLimits limits;
    private final Map<String, Object> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > 256;
        }
    });

    public Sieve(SieveLimits limits) {
        this.limits = limits;
    }

    public SieveLimits limits() {
        return limits;
    }

    /** Parses with this engine's limits (what ManageSieve and the API check a script with). */
    public SieveScript parse(String source) throws SieveSyntaxException {
        return SieveParser.parse(source, limits);
    }

    public SieveResult evaluate(List<RuleScript> scripts, MailContext ctx) {
        return evaluate(scripts, ctx, Includes.NONE);
    }

    /** Runs one parsed script on a message (filters applied to stored messages); origin PERSONAL in the result. */
    public SieveResult evaluate(SieveScript script, MailContext ctx, Includes includes) {
        return run(List.of(new Parsed(RuleScript.Origin.PERSONAL, "script", script, null)), ctx, includes);
    }

    /** Runs {@code scripts} in {@link RuleScript.Origin} order (the order given within one origin). */
    public SieveResult evaluate(List<RuleScript> scripts, MailContext ctx, Includes includes) {
        List<RuleScript> ordered = new ArrayList<>(scripts);
        ordered.sort((x, y) -> x.origin().compareTo(y.origin()));
        List<Parsed> parsed = new ArrayList<>();
        for (RuleScript s : ordered) {
            Object cached = cache.get(s.source());
            if (cached == null) {
                try {
                    cached = SieveParser.parse(s.source(), limits);
                } catch (SieveSyntaxException e) {
                    cached = e;
                }
                cache.put(s.source(), cached);
            }
            parsed.add(cached instanceof SieveScript sc ? new Parsed(s.origin(), s.name(), sc, null)
                    : new Parsed(s.origin(), s.name(), null, (SieveSyntaxException) cached));
        }
        return run(parsed, ctx, includes);
    }

    private record Parsed(RuleScript.Origin origin, String name, SieveScript script, SieveSyntaxException error) {
    }

    private SieveResult run(List<Parsed> scripts, MailContext ctx, Includes includes) {
        Budget budget = new Budget(limits.maxSteps());
        Interpreter.Counters counters = new Interpreter.Counters();
        List<Action> actions = new ArrayList<>();
        List<SieveResult.RuntimeFailure> failures = new ArrayList<>();
        boolean keepCancelled = false;
        Set<String> implicitFlags = new LinkedHashSet<>();
        for (Parsed p : scripts) {
            if (p.error() != null) {
                failures.add(new SieveResult.RuntimeFailure(p.origin(), p.name(), p.error().line(), p.error().reason()));
                actions.add(new Action.Keep(Set.of()));
                continue;
            }
            Interpreter.Counters before = new Interpreter.Counters();
            before.actions = counters.actions;
            before.redirects = counters.redirects;
            try {
                Interpreter.Outcome o = new Interpreter(limits, ctx, budget, includes, counters).run(p.script());
                if (o.actions().stream().anyMatch(a -> a instanceof Action.Reject)) {
                    // a reject refuses the message: nothing stored, nothing sent, no later script (docs/sieve.md)
                    return new SieveResult(o.actions().stream().filter(a -> a instanceof Action.Reject).limit(1).toList(),
                            failures);
                }
                actions.addAll(o.actions());
                keepCancelled |= o.keepCancelled();
                implicitFlags.addAll(o.implicitFlags());
            } catch (SieveRuntimeException e) {
                failures.add(new SieveResult.RuntimeFailure(p.origin(), p.name(), e.line(), e.getMessage()));
                counters.actions = before.actions;
                counters.redirects = before.redirects;
                actions.add(new Action.Keep(Set.of()));
                if (budget.exhausted()) {
                    budget.refill(limits.maxSteps() / 10);
                }
            }
        }
        if (!keepCancelled) {
            actions.add(new Action.Keep(implicitFlags));
        }
        return new SieveResult(merge(actions), failures);
    }

    /** One Keep (INBOX), one FileInto per mailbox, one Redirect per address, the first Vacation (RFC 5228 §2.10.3). */
    private static List<Action> merge(List<Action> actions) {
        Map<String, Action> out = new LinkedHashMap<>();
        for (Action a : actions) {
            if (a instanceof Action.FileInto fi && fi.mailbox().equalsIgnoreCase("INBOX")) {
                a = new Action.Keep(fi.flags());
            }
            String key = key(a);
            Action prev = out.get(key);
            if (prev == null) {
                out.put(key, a);
            } else if (prev instanceof Action.Keep pk && a instanceof Action.Keep k) {
                out.put(key, new Action.Keep(union(pk.flags(), k.flags())));
            } else if (prev instanceof Action.FileInto pf && a instanceof Action.FileInto f) {
                out.put(key, new Action.FileInto(pf.mailbox(), union(pf.flags(), f.flags()), pf.create() || f.create()));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static String key(Action a) {
        if (a instanceof Action.FileInto fi) {
            return "fileinto:" + fi.mailbox();
        }
        if (a instanceof Action.Redirect r) {
            return "redirect:" + r.address().toLowerCase(Locale.ROOT);
        }
        return a.getClass().getSimpleName();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }
}
