package dev.gannet.core.auth;

import dev.gannet.core.store.User;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link LoginService#login} decided. A protocol answers a {@link Failure} exactly as it answers a wrong
 * password (the {@link Failure#reason()} is for the log and the auth log only), except that a
 * {@link Failure#throttled()} one may say so where the protocol has a word for it (HTTP 429).
 */
public sealed interface LoginResult {

    /** How the client proved who it is. */
    enum Source {
        /** the account password (WildDuck's {@code master}) */
        PASSWORD("master"),
        /** an application-specific password */
        ASP("asp");

        private final String logName;

        Source(String logName) {
            this.logName = logName;
        }

        /** The auth log's {@code source} value. */
        public String logName() {
            return logName;
        }
    }

    /**
     * The client is {@code user}. With {@link Source#ASP}, {@code aspId} and {@code aspScopes} are the ASP's;
     * otherwise null and empty. {@code event} is the auth log event's id (null if it could not be written).
     * A password login of a user with 2FA on ({@code user.has2fa()}) succeeds only for scope {@code master}
     * (the API), where the caller must still ask for the second factor.
     */
    record Success(User user, Source source, String aspId, List<String> aspScopes, String event)
            implements LoginResult {
        public Success {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(source, "source");
            aspScopes = aspScopes == null ? List.of() : List.copyOf(aspScopes);
        }

        /** True when a password (not an ASP) was used by a user with a second factor on. */
        public boolean needsSecondFactor() {
            return source == Source.PASSWORD && user.has2fa();
        }
    }

    /**
     * The login failed; {@code reason} is one of {@link LoginService}'s {@code REASON_*} tokens. When
     * {@code throttled}, the attempt was refused unchecked and {@code retryAfter} says for how long.
     */
    record Failure(String reason, boolean throttled, Duration retryAfter) implements LoginResult {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
        }
    }
}
