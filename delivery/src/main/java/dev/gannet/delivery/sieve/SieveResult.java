package dev.gannet.delivery.sieve;

import dev.gannet.delivery.rules.RuleScript;
import java.util.List;

/**
 * The outcome of running a user's scripts on one message: the actions to take, in order, with the implicit
 * keep already turned into a {@link Action.Keep} when no script cancelled it, and the runtime errors that
 * happened (each failed script contributed a keep and nothing else; docs/sieve.md).
 */
public record SieveResult(List<Action> actions, List<RuntimeFailure> failures) {

    /** A script that failed while running: which one, where, and why (never message content). */
    public record RuntimeFailure(RuleScript.Origin origin, String script, int line, String reason) {
    }

    public SieveResult {
        actions = List.copyOf(actions);
        failures = List.copyOf(failures);
    }

    /** The reject, if any script rejected the message. */
    public java.util.Optional<Action.Reject> reject() {
        return actions.stream().filter(a -> a instanceof Action.Reject).map(a -> (Action.Reject) a).findFirst();
    }
}
