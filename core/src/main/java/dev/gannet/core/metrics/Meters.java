package dev.gannet.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The names of the meters every protocol shares, so that one dashboard query covers IMAP, POP3, LMTP and
 * the API alike: commands are timed as {@code gannet.commands{protocol, command}} and failed logins
 * counted as {@code gannet.auth.failures{protocol}}. Protocol-specific meters (LMTP deliveries) keep
 * their own names beside these.
 */
public final class Meters {

    private Meters() {
    }

    /** The latency timer of one command of one protocol ({@code command} is the verb, never an argument). */
    public static Timer command(MeterRegistry registry, String protocol, String command) {
        return Timer.builder("gannet.commands").tag("protocol", protocol).tag("command", command)
                .description("commands handled, by protocol and command").register(registry);
    }

    /** Failed authentication attempts of one protocol. */
    public static Counter authFailures(MeterRegistry registry, String protocol) {
        return Counter.builder("gannet.auth.failures").tag("protocol", protocol)
                .description("failed authentication attempts").register(registry);
    }
}
