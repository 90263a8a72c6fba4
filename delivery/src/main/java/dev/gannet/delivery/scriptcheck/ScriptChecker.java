package dev.gannet.delivery.scriptcheck;

import java.util.List;

/**
 * What ManageSieve (RFC 5804 §2.6 PUTSCRIPT, §2.12 CHECKSCRIPT) and the API's {@code /users/{user}/sieve} routes
 * ask of the Sieve engine before a script is stored: its errors (each naming its line), the extensions it
 * understands (the {@code SIEVE} capability) and how many redirects one script may do ({@code MAXREDIRECTS}).
 * {@link #engine()} is the one place that names the implementation, so both callers always agree.
 */
public interface ScriptChecker {

    /** The script's errors, each {@code "line N: message"}; empty when the script is valid. */
    List<String> errors(String source);

    /** The Sieve extensions (RFC 5228 capability strings) scripts may {@code require}. */
    List<String> extensions();

    /** Redirects one script may perform per message (RFC 5804 §1.7 MAXREDIRECTS). */
    int maxRedirects();

    /** The checker of the delivery engine. */
    static ScriptChecker engine() {
        return EngineChecker.INSTANCE;
    }
}
