package dev.gannet.api.twofa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * RFC 6238 codes as authenticator apps make them (HMAC-SHA1, 6 digits, 30 s steps), computed by java-otp; seeds
 * are 20 random bytes in unpadded base32, the form apps and WildDuck exchange. A code is accepted for the current
 * step or one step either side (a phone clock a little off); which step matched is returned so the caller can
 * make the code good once.
 */
final class TotpCodes {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TotpCodes() {
    }

    static String newSeed() {
        byte[] key = new byte[20];
        RANDOM.nextBytes(key);
        return new Base32().encodeToString(key).replace("=", "");
    }

    /** The step {@code code} is right for near {@code now}, or empty; a code not of 6 digits never matches. */
    static OptionalLong matchingStep(String seed, String code, Instant now) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        SecretKeySpec key = new SecretKeySpec(new Base32().decode(seed), GENERATOR.getAlgorithm());
        long step = now.getEpochSecond() / STEP.getSeconds();
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        OptionalLong found = OptionalLong.empty();
        // every candidate is computed and compared, so the time taken does not say which one matched
        for (long s = step - 1; s <= step + 1; s++) {
            byte[] expected = String.format("%06d", generate(key, s)).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && found.isEmpty()) {
                found = OptionalLong.of(s);
            }
        }
        return found;
    }

    private static int generate(SecretKeySpec key, long step) {
        try {
            return GENERATOR.generateOneTimePassword(key, Instant.ofEpochSecond(step * STEP.getSeconds()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC-SHA1 key was refused", e);
        }
    }

    /** The {@code otpauth://} URI authenticator apps read from the QR code (Google's Key Uri Format). */
    static String uri(String issuer, String label, String seed) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(label) + "?secret=" + seed + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=6&period=" + STEP.getSeconds();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
