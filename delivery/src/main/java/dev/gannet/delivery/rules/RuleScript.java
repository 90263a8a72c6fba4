package dev.gannet.delivery.rules;

import java.util.Objects;

/**
 * One Sieve script that runs when mail is delivered to a user, with where it came from: the user's WildDuck
 * filters, their own active script (ManageSieve), their forwarding targets, their autoreply. Every rule a user
 * can set is a Sieve script underneath, so one engine runs them all; {@link Origin} gives their order.
 *
 * @param name shown in logs when the script fails ("filters", the ManageSieve script's name, ...)
 */
public record RuleScript(Origin origin, String name, String source) {

    /** Where a script came from, in the order delivery runs them. */
    public enum Origin { FILTERS, PERSONAL, FORWARDING, AUTOREPLY }

    public RuleScript {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }
}
