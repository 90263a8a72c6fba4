package dev.gannet.delivery.rules;

import java.util.List;

/**
 * Compiles a user's forwarding targets to one {@code redirect :copy} (RFC 5228 §4.2, RFC 3894) per target: the
 * message is forwarded and still stored for the user, as WildDuck does with a user's {@code targets}.
 */
public final class ForwardingCompiler {

    private ForwardingCompiler() {
    }

    /** Null when there is no target. */
    public static String compile(List<String> targets) {
        if (targets.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("require \"copy\";\r\n");
        for (String t : targets) {
            sb.append("redirect :copy ").append(SieveText.quote(t)).append(";\r\n");
        }
        return sb.toString();
    }
}
