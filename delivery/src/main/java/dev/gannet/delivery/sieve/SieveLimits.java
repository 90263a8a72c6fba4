package dev.gannet.delivery.sieve;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import java.time.Duration;

/**
 * The bounds every script runs within, from the {@code sieve.*} settings. A script over {@code maxScriptBytes}
 * or nested deeper than {@code maxNesting} does not parse; one that runs more than {@code maxSteps} steps
 * (commands, tests and comparisons, regex work included), or produces more than {@code maxActions} actions or
 * {@code maxRedirects} redirects, fails at run time, which keeps the message in INBOX.
 *
 * @param vacationMinPeriod the shortest period between two replies to one sender (RFC 5230 §4.1 asks for at
 *        least a day; tests lower it)
 * @param vacationDefaultPeriod the period when a vacation gives neither :days nor :seconds
 */
public record SieveLimits(int maxScriptBytes, int maxNesting, long maxSteps, int maxActions, int maxRedirects,
        int maxRegexLength, int maxIncludeDepth, int maxVariableLength, Duration vacationMinPeriod,
        Duration vacationDefaultPeriod) {

    public static SieveLimits defaults() {
        return new SieveLimits(64 * 1024, 32, 200_000, 64, 4, 512, 5, 4096, Duration.ofDays(1), Duration.ofDays(7));
    }

    /** The limits the {@code sieve.*} settings give (config/default.toml). */
    public static SieveLimits from(GannetConfig config) {
        SieveLimits d = defaults();
        return new SieveLimits((int) Math.min(Integer.MAX_VALUE, config.get(Settings.SIEVE_MAX_SCRIPT_SIZE)), d.maxNesting(),
                config.get(Settings.SIEVE_MAX_STEPS), config.get(Settings.SIEVE_MAX_ACTIONS),
                config.get(Settings.SIEVE_MAX_REDIRECTS), d.maxRegexLength(), config.get(Settings.SIEVE_MAX_INCLUDE_DEPTH),
                d.maxVariableLength(), config.get(Settings.SIEVE_VACATION_MIN_PERIOD),
                config.get(Settings.SIEVE_VACATION_DEFAULT_PERIOD));
    }
}
