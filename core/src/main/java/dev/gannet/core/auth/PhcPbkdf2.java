package dev.gannet.core.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Verifier for PBKDF2 (RFC 8018 §5.2) in the PHC string format, {@code $pbkdf2-<digest>$i=<iterations>$<salt>$<hash>},
 * as written by the npm package {@code @phc/pbkdf2} that WildDuck hashes with by default
 * ({@code $pbkdf2-sha256$i=100000$...}): digest sha1, sha256 or sha512, salt and derived key in the PHC
 * spec's B64 (the standard base-64 alphabet without padding), key length = the decoded hash's length.
 * passlib's variant ({@code $pbkdf2-sha256$29000$salt$hash}: bare rounds, {@code .} for {@code +}) is read too.
 */
final class PhcPbkdf2 {

    /** Above this an imported hash is refused: one login must not cost minutes of CPU. */
    static final long MAX_ITERATIONS = 10_000_000;
    private static final Pattern FORMAT = Pattern.compile(
            "\\$pbkdf2-(sha1|sha256|sha512)\\$(i=)?([0-9]{1,10})\\$([A-Za-z0-9+/.]{2,1400})\\$([A-Za-z0-9+/.]{2,1400})");

    private PhcPbkdf2() {
    }

    static boolean isPhcPbkdf2(String hash) {
        return hash.startsWith("$pbkdf2-");
    }

    private record Parsed(String mac, int iterations, byte[] salt, byte[] hash) {
    }

    /** Throws IllegalArgumentException naming what is wrong if the hash cannot be verified. */
    static void check(String hash) {
        parse(hash);
    }

    static boolean verify(String password, String hash) {
        Parsed p = parse(hash);
        byte[] actual = derive(p.mac, password, p.salt, p.iterations, p.hash.length);
        return MessageDigest.isEqual(p.hash, actual);
    }

    private static Parsed parse(String hash) {
        Matcher m = FORMAT.matcher(hash);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PHC pbkdf2 hash ($pbkdf2-sha1|sha256|sha512$i=N$salt$hash)");
        }
        boolean phc = m.group(2) != null;
        long iterations = Long.parseLong(m.group(3));
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("pbkdf2 iterations must be 1.." + MAX_ITERATIONS);
        }
        byte[] salt = decode(m.group(4), phc);
        byte[] derived = decode(m.group(5), phc);
        if (derived.length < 8) {
            throw new IllegalArgumentException("pbkdf2 derived key is shorter than 8 bytes");
        }
        String mac = switch (m.group(1)) {
            case "sha1" -> "HmacSHA1";
            case "sha256" -> "HmacSHA256";
            default -> "HmacSHA512";
        };
        return new Parsed(mac, (int) iterations, salt, derived);
    }

    /** PHC's B64 is standard base 64 without padding; passlib's uses {@code .} for {@code +}. */
    private static byte[] decode(String text, boolean phc) {
        if (phc ? text.indexOf('.') >= 0 : text.indexOf('+') >= 0) {
            throw new IllegalArgumentException("pbkdf2 salt or hash is not in the expected base-64 alphabet");
        }
        try {
            return Base64.getDecoder().decode(phc ? text : text.replace('.', '+'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pbkdf2 salt or hash is not valid base 64");
        }
    }

    /** PBKDF2 (RFC 8018 §5.2) through the JDK, which encodes the password as UTF-8 as WildDuck's Node.js does. */
    private static byte[] derive(String prf, String password, byte[] salt, int iterations, int length) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
            return SecretKeyFactory.getInstance("PBKDF2With" + prf).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("pbkdf2 cannot be computed: " + e.getMessage());
        }
    }
}
