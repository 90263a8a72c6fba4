package dev.gannet.delivery.outbound;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Sender Rewriting Scheme in its SRS0 form, as libsrs2 (Postfix's postsrsd) writes it:
 * {@code SRS0=HHHH=TT=orig-domain=orig-local@srs-domain}, where TT is the day number modulo 1024 in two
 * base32 characters and HHHH the first four base64 characters of HMAC-SHA1(secret, lower-cased TT + domain +
 * local). A forward's envelope sender is rewritten so that SPF passes at the next hop; a bounce to the
 * rewritten address is taken back to the original sender if the hash matches and the address is not older
 * than the maximum age. The null sender is never rewritten, nor an address already in the SRS domain.
 */
public final class Srs {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int HASH_LENGTH = 4;
    private static final long DAY_SECONDS = 86_400;

    /** What {@link #reverse} found. */
    public sealed interface Reversed {
        /** Not an SRS0 address of our domain: resolve it as it is. */
        record NotSrs() implements Reversed {
        }

        /** An SRS0 address of our domain that does not check out (refuse it). */
        record Invalid(String reason) implements Reversed {
        }

        /** The original sender the bounce belongs to. */
        record Valid(String original) implements Reversed {
        }
    }

    private final String domain;
    private final SecretKeySpec key;
    private final Duration maxAge;
    private final Clock clock;

    public Srs(String domain, String secret, Duration maxAge, Clock clock) {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("SRS needs a domain");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("outbound.srsSecret is required when outbound.srsDomain is set");
        }
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The configured scheme, or empty when {@code outbound.srsDomain} is not set. */
    public static Optional<Srs> from(GannetConfig config) {
        String domain = config.get(Settings.OUTBOUND_SRS_DOMAIN);
        if (domain.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Srs(domain, config.get(Settings.OUTBOUND_SRS_SECRET),
                config.get(Settings.OUTBOUND_SRS_MAX_AGE), Clock.systemUTC()));
    }

    public String domain() {
        return domain;
    }

    /** The SRS0 form of {@code sender}; the null sender, an address without a domain and our own stay as they are. */
    public String forward(String sender) {
        int at = sender.lastIndexOf('@');
        if (sender.isEmpty() || at <= 0 || at == sender.length() - 1) {
            return sender;
        }
        String local = sender.substring(0, at);
        String senderDomain = sender.substring(at + 1);
        if (senderDomain.equalsIgnoreCase(domain)) {
            return sender;
        }
        String stamp = stamp(clock.instant().getEpochSecond() / DAY_SECONDS);
        return "SRS0=" + hash(stamp, senderDomain, local) + "=" + stamp + "=" + senderDomain + "=" + local + "@" + domain;
    }

    /** Takes an address apart if it is an SRS0 address of our domain. */
    public Reversed reverse(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || !address.substring(at + 1).equalsIgnoreCase(domain)) {
            return new Reversed.NotSrs();
        }
        String local = address.substring(0, at);
        if (local.length() < 5 || !local.regionMatches(true, 0, "SRS0", 0, 4) || "=+-".indexOf(local.charAt(4)) < 0) {
            return new Reversed.NotSrs();
        }
        String[] parts = local.substring(5).split("=", 4);
        if (parts.length < 4 || parts[0].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty()) {
            return new Reversed.Invalid("malformed SRS0 address");
        }
        String hash = parts[0];
        String stamp = parts[1];
        Long day = day(stamp);
        if (day == null) {
            return new Reversed.Invalid("malformed SRS0 timestamp");
        }
        long today = clock.instant().getEpochSecond() / DAY_SECONDS;
        long age = Math.floorMod(today - day, 1024);
        if (age * DAY_SECONDS > maxAge.toSeconds()) {
            return new Reversed.Invalid("SRS0 address expired");
        }
        if (!hash.equalsIgnoreCase(hash(stamp.toUpperCase(Locale.ROOT), parts[2], parts[3]))) {
            return new Reversed.Invalid("SRS0 hash does not match");
        }
        return new Reversed.Valid(parts[3] + "@" + parts[2]);
    }

    static String stamp(long day) {
        int t = (int) Math.floorMod(day, 1024);
        return "" + BASE32.charAt(t >> 5) + BASE32.charAt(t & 31);
    }

    private static Long day(String stamp) {
        if (stamp.length() != 2) {
            return null;
        }
        int hi = BASE32.indexOf(Character.toUpperCase(stamp.charAt(0)));
        int lo = BASE32.indexOf(Character.toUpperCase(stamp.charAt(1)));
        return hi < 0 || lo < 0 ? null : (long) (hi << 5 | lo);
    }

    private String hash(String stamp, String senderDomain, String local) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            byte[] digest = mac.doFinal((stamp + senderDomain + local).toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest).substring(0, HASH_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "Srs[" + domain + "]";
    }
}
