package dev.gannet.api.forwarding;

import dev.gannet.api.ApiException;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.EmailAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Forwarding targets and limits as WildDuck's {@code targets} and {@code forwards} fields take them. Targets are
 * e-mail addresses; WildDuck's {@code smtp://} relay and {@code http(s)://} targets are refused with a 400 naming
 * the field (Gannet forwards through its outbound queue and relay only).
 */
public final class ForwardingInput {

    public static final int MAX_TARGETS = 10;

    private ForwardingInput() {
    }

    /** Null stays null (not given); the list is checked, normalised and de-duplicated. */
    public static List<String> targets(List<String> given, String field) {
        if (given == null) {
            return null;
        }
        if (given.size() > MAX_TARGETS) {
            throw ApiException.badRequest("field " + field + ": at most " + MAX_TARGETS + " targets");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String t : given) {
            if (t == null) {
                throw ApiException.badRequest("field " + field + " must hold strings");
            }
            String s = t.strip();
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.startsWith("smtp:") || lower.startsWith("smtps:") || lower.startsWith("http:")
                    || lower.startsWith("https:")) {
                throw ApiException.badRequest("field " + field + ": " + s
                        + " is a relay or HTTP target; Gannet forwards to e-mail addresses only");
            }
            EmailAddress a;
            try {
                a = EmailAddress.parse(s);
            } catch (GannetException.Invalid e) {
                throw ApiException.badRequest("field " + field + ": " + s + " is not an e-mail address");
            }
            if (a.isWildcard()) {
                throw ApiException.badRequest("field " + field + ": " + s + " is not an e-mail address");
            }
            out.add(a.toString());
        }
        return new ArrayList<>(out);
    }

    /** The daily limit: 0 for the default ({@code rules.forwardsPerDay}), else 1..1000000. */
    public static Long forwards(Long given, String field) {
        if (given != null && (given < 0 || given > 1_000_000)) {
            throw ApiException.badRequest("field " + field + " must be 0 (the default) .. 1000000");
        }
        return given;
    }
}
