package dev.gannet.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifier for MD5-crypt ({@code $1$salt$hash}), Poul-Henning Kamp's FreeBSD scheme that glibc, OpenSSL
 * ({@code openssl passwd -1}) and WildDuck accept for imported legacy users. The algorithm is the one
 * documented with FreeBSD's {@code crypt(3)} and in passlib's {@code md5_crypt} description: an MD5 of
 * password, magic and salt mixed with an alternate digest, then 1000 rounds, then crypt's own base-64
 * alphabet over a fixed byte order. Only verification: new passwords get argon2id.
 */
final class Md5Crypt {

    static final Pattern FORMAT = Pattern.compile("\\$1\\$([^$\\n]{0,8})\\$([./0-9A-Za-z]{22})");
    private static final String MAGIC = "$1$";
    private static final String B64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int[][] ORDER = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};

    private Md5Crypt() {
    }

    static boolean verify(String password, String hash) {
        Matcher m = FORMAT.matcher(hash);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an MD5-crypt hash");
        }
        String computed = crypt(password.getBytes(StandardCharsets.UTF_8), m.group(1));
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code $1$salt$hash} for this password and salt (at most 8 characters, no {@code $}). */
    static String crypt(byte[] key, String saltText) {
        byte[] salt = saltText.getBytes(StandardCharsets.UTF_8);
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        MessageDigest alt = md5();
        alt.update(key);
        alt.update(salt);
        alt.update(key);
        byte[] altResult = alt.digest();
        MessageDigest ctx = md5();
        ctx.update(key);
        ctx.update(magic);
        ctx.update(salt);
        for (int left = key.length; left > 0; left -= 16) {
            ctx.update(altResult, 0, Math.min(left, 16));
        }
        for (int i = key.length; i != 0; i >>>= 1) {
            // the historical quirk: a zero byte for a set bit, the password's first byte for a clear one
            ctx.update((i & 1) != 0 ? 0 : key[0]);
        }
        byte[] result = ctx.digest();
        for (int round = 0; round < 1000; round++) {
            MessageDigest r = md5();
            r.update((round & 1) != 0 ? key : result);
            if (round % 3 != 0) {
                r.update(salt);
            }
            if (round % 7 != 0) {
                r.update(key);
            }
            r.update((round & 1) != 0 ? result : key);
            result = r.digest();
        }
        StringBuilder out = new StringBuilder(MAGIC).append(saltText).append('$');
        for (int[] t : ORDER) {
            b64(out, (result[t[0]] & 0xff) << 16 | (result[t[1]] & 0xff) << 8 | (result[t[2]] & 0xff), 4);
        }
        b64(out, result[11] & 0xff, 2);
        return out.toString();
    }

    private static void b64(StringBuilder out, int w, int n) {
        for (int i = 0; i < n; i++) {
            out.append(B64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
