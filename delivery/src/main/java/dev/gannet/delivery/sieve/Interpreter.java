package dev.gannet.delivery.sieve;

import dev.gannet.delivery.sieve.Ast.Args;
import dev.gannet.delivery.sieve.Ast.Command;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs one script (and what it includes) against a message: RFC 5228 §2.10 control flow, the actions of
 * §4 and of the extensions, and the implicit keep. It produces actions only; storing, refusing and sending is
 * the delivery's work. Every command costs a step of the shared {@link Budget}.
 */
final class Interpreter {

    /** What one script decided. */
    record Outcome(List<Action> actions, boolean keepCancelled, Set<String> implicitFlags) {
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private static final class Return extends RuntimeException {
        Return() {
            super(null, null, false, false);
        }
    }

    private final SieveLimits limits;
    private final MailContext ctx;
    private final Budget budget;
    private final Includes includes;
    private final Counters counters;
    private final Tests tests;
    private final List<Action> actions = new ArrayList<>();
    private final Map<String, String> globals = new HashMap<>();
    private final Set<String> included = new LinkedHashSet<>();
    private final List<String> includeStack = new ArrayList<>();
    private Set<String> flags = new LinkedHashSet<>();
    private boolean keepCancelled;
    private boolean hasReject;
    private boolean hasOtherDelivery;
    private boolean hasVacation;

    /** Action counts shared by every script of one delivery. */
    static final class Counters {
        int actions;
        int redirects;
    }

    Interpreter(SieveLimits limits, MailContext ctx, Budget budget, Includes includes, Counters counters) {
        this.limits = limits;
        this.ctx = ctx;
        this.budget = budget;
        this.includes = includes;
        this.counters = counters;
        this.tests = new Tests(ctx, budget, limits);
        tests.flags(() -> flags);
    }

    Outcome run(SieveScript script) {
        Frame frame = new Frame(script, globals, limits.maxVariableLength());
        try {
            execute(script.commands(), frame);
        } catch (Stop | Return done) {
            // stop ends the whole script; return at top level too (RFC 6609 §3.2)
        }
        return new Outcome(actions, keepCancelled, Set.copyOf(flags));
    }

    private void execute(List<Command> commands, Frame f) {
        boolean chainTaken = false;
        for (Command c : commands) {
            budget.line = c.line();
            budget.step(1);
            switch (c.name()) {
                case "require" -> { }
                case "if" -> {
                    chainTaken = tests.eval(c.tests().get(0), f);
                    if (chainTaken) {
                        execute(c.block(), f);
                    }
                }
                case "elsif" -> {
                    if (!chainTaken) {
                        chainTaken = tests.eval(c.tests().get(0), f);
                        if (chainTaken) {
                            execute(c.block(), f);
                        }
                    }
                }
                case "else" -> {
                    if (!chainTaken) {
                        execute(c.block(), f);
                    }
                }
                case "stop" -> throw new Stop();
                case "return" -> throw new Return();
                default -> action(c, f);
            }
            budget.line = c.line();
        }
    }

    private void action(Command c, Frame f) {
        Args a = c.args();
        switch (c.name()) {
            case "keep" -> {
                keepCancelled = true;
                otherDelivery(c);
                add(c, new Action.Keep(a.has("flags") ? flagSet(a.strings("flags"), f) : Set.copyOf(flags)));
            }
            case "discard" -> {
                keepCancelled = true;
                add(c, new Action.Discard());
            }
            case "fileinto" -> {
                String box = f.expand(a.string(0));
                if (box.isEmpty() || box.length() > 1024 || box.chars().anyMatch(ch -> ch < 0x20)) {
                    throw new SieveRuntimeException(c.line(), "fileinto: bad mailbox name");
                }
                if (!a.has("copy")) {
                    keepCancelled = true;
                }
                otherDelivery(c);
                add(c, new Action.FileInto(box, a.has("flags") ? flagSet(a.strings("flags"), f) : Set.copyOf(flags),
                        a.has("create")));
            }
            case "redirect" -> {
                String to = f.expand(a.string(0)).trim();
                if (!to.matches("[^\\s<>@,;\"]+@[^\\s<>@,;\"]+\\.?[^\\s<>@,;\"]*")) {
                    throw new SieveRuntimeException(c.line(), "redirect: not an address");
                }
                if (++counters.redirects > limits.maxRedirects()) {
                    throw new SieveRuntimeException(c.line(), "more than " + limits.maxRedirects() + " redirects");
                }
                if (!a.has("copy")) {
                    keepCancelled = true;
                }
                otherDelivery(c);
                add(c, new Action.Redirect(to));
            }
            case "reject", "ereject" -> {
                if (hasOtherDelivery || hasVacation) {
                    throw new SieveRuntimeException(c.line(), c.name() + " cannot be combined with keep, fileinto, redirect or vacation");
                }
                hasReject = true;
                keepCancelled = true;
                add(c, new Action.Reject(f.expand(a.string(0)), c.name().equals("ereject")));
            }
            case "setflag", "addflag", "removeflag" -> flagCommand(c, f);
            case "set" -> f.set(checkedName(c, f.expand(a.string(0))), Variables.modify(a, f.expand(a.string(1))));
            case "vacation" -> vacation(c, f);
            case "include" -> include(c, f);
            case "global" -> {
                for (String n : a.strings(0)) {
                    f.declareGlobal(checkedName(c, f.expand(n)));
                }
            }
            default -> throw new SieveRuntimeException(c.line(), "unsupported command " + c.name());
        }
    }

    private static String checkedName(Command c, String name) {
        if (!Frame.validName(name)) {
            // the name may come from the message through ${..}: not repeated in the error, which is logged
            throw new SieveRuntimeException(c.line(), "bad variable name");
        }
        return name;
    }

    private void otherDelivery(Command c) {
        if (hasReject) {
            throw new SieveRuntimeException(c.line(), c.name() + " cannot be combined with reject");
        }
        hasOtherDelivery = true;
    }

    private void add(Command c, Action action) {
        if (++counters.actions > limits.maxActions()) {
            throw new SieveRuntimeException(c.line(), "more than " + limits.maxActions() + " actions");
        }
        actions.add(action);
    }

    /** IMAP flags from a list of space-separated flag strings; system flags in their usual case (RFC 5232 §3). */
    static Set<String> flagSet(List<String> values, Frame f) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String v : values) {
            for (String flag : f.expand(v).trim().split("\\s+")) {
                if (flag.isEmpty() || flag.length() > 128 || !flag.matches("\\\\?[\\x21-\\x7e&&[^(){%*\"\\\\\\]]]+")) {
                    continue;
                }
                String canonical = switch (flag.toLowerCase(Locale.ROOT)) {
                    case "\\seen" -> "\\Seen";
                    case "\\answered" -> "\\Answered";
                    case "\\flagged" -> "\\Flagged";
                    case "\\deleted" -> "\\Deleted";
                    case "\\draft" -> "\\Draft";
                    default -> flag;
                };
                if (seen.add(canonical.toLowerCase(Locale.ROOT))) {
                    out.add(canonical);
                }
            }
        }
        return out;
    }

    private void flagCommand(Command c, Frame f) {
        Args a = c.args();
        String variable = a.positional().get(0) == null ? null : checkedName(c, f.expand(a.string(0)));
        Set<String> current = variable == null ? flags : flagSet(List.of(f.get(variable)), f);
        Set<String> given = flagSet(a.strings(1), f);
        Set<String> next = new LinkedHashSet<>(c.name().equals("setflag") ? Set.of() : current);
        if (c.name().equals("setflag")) {
            next.addAll(given);
        } else if (c.name().equals("addflag")) {
            Set<String> lower = new java.util.HashSet<>();
            next.forEach(x -> lower.add(x.toLowerCase(Locale.ROOT)));
            given.stream().filter(g -> lower.add(g.toLowerCase(Locale.ROOT))).forEach(next::add);
        } else {
            next.removeIf(x -> given.stream().anyMatch(g -> g.equalsIgnoreCase(x)));
        }
        if (variable == null) {
            flags = next;
        } else {
            f.set(variable, String.join(" ", next));
        }
    }

    private void vacation(Command c, Frame f) {
        Args a = c.args();
        if (hasVacation) {
            throw new SieveRuntimeException(c.line(), "vacation used twice");
        }
        if (hasReject) {
            throw new SieveRuntimeException(c.line(), "vacation cannot be combined with reject");
        }
        hasVacation = true;
        Duration period = a.has("seconds") ? Duration.ofSeconds(a.number("seconds"))
                : a.has("days") ? Duration.ofDays(Math.min(a.number("days"), 3650)) : limits.vacationDefaultPeriod();
        if (period.compareTo(limits.vacationMinPeriod()) < 0) {
            period = limits.vacationMinPeriod();
        }
        String reason = f.expand(a.string(0));
        String subject = a.has("subject") ? f.expand(a.string("subject")) : null;
        String from = a.has("from") ? f.expand(a.string("from")) : null;
        List<String> addresses = a.has("addresses") ? a.strings("addresses").stream().map(f::expand).toList() : List.of();
        // RFC 5230 §4.2: without :handle, the reply's own content tells one vacation from another
        String handle = a.has("handle") ? f.expand(a.string("handle"))
                : sha256((subject == null ? "" : subject) + "\0" + (from == null ? "" : from) + "\0" + reason);
        add(c, new Action.Vacation(reason, a.has("mime"), subject, from, addresses, period, handle));
    }

    static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void include(Command c, Frame f) {
        Args a = c.args();
        // RFC 6609 §3.2: the script name is a constant, never expanded
        String name = a.string(0);
        boolean global = a.has("global");
        String key = (global ? "global:" : "personal:") + name;
        if (a.has("once") && included.contains(key)) {
            return;
        }
        if (includeStack.contains(key)) {
            throw new SieveRuntimeException(c.line(), "include loop through \"" + name + "\"");
        }
        if (includeStack.size() >= limits.maxIncludeDepth()) {
            throw new SieveRuntimeException(c.line(), "includes nested deeper than " + limits.maxIncludeDepth());
        }
        var source = global ? includes.global(name) : includes.personal(name);
        if (source.isEmpty()) {
            if (a.has("optional")) {
                return;
            }
            throw new SieveRuntimeException(c.line(), "included script \"" + name + "\" does not exist");
        }
        SieveScript script;
        try {
            script = SieveParser.parse(source.get(), limits);
        } catch (SieveSyntaxException e) {
            throw new SieveRuntimeException(c.line(), "included script \"" + name + "\": " + e.getMessage());
        }
        included.add(key);
        includeStack.add(key);
        try {
            execute(script.commands(), new Frame(script, globals, limits.maxVariableLength()));
        } catch (Return r) {
            // back to the including script
        } finally {
            includeStack.remove(includeStack.size() - 1);
            budget.line = c.line();
        }
    }
}
