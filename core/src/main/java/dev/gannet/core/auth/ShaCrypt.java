package dev.gannet.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Verifier for SHA-256-crypt ({@code $5$}) and SHA-512-crypt ({@code $6$}) as specified in Ulrich Drepper's
 * "Unix crypt using SHA-256 and SHA-512" (the glibc scheme, used by Dovecot's {@code {SHA512-CRYPT}}).
 * Only verification is needed: Gannet hashes new passwords with argon2id.
 */
final class ShaCrypt {

    private static final String B64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int[][] ORDER_512 = {
        {0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26}, {6, 27, 48},
        {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13},
        {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}};
    private static final int[][] ORDER_256 = {
        {0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14}, {15, 25, 5}, {6, 16, 26},
        {27, 7, 17}, {18, 28, 8}, {9, 19, 29}};

    private ShaCrypt() {
    }

    static boolean isShaCrypt(String hash) {
        return hash.startsWith("$5$") || hash.startsWith("$6$");
    }

    /** Recomputes the hash from {@code password} and the setting in {@code hash}; compares in constant time. */
    static boolean verify(String password, String hash) {
        String computed = crypt(password.getBytes(StandardCharsets.UTF_8), hash);
        return computed != null && MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    static String crypt(byte[] key, String setting) {
        boolean sha512 = setting.startsWith("$6$");
        String algorithm = sha512 ? "SHA-512" : "SHA-256";
        String rest = setting.substring(3);
        int rounds = 5000;
        boolean explicitRounds = false;
        if (rest.startsWith("rounds=")) {
            int end = rest.indexOf('$');
            if (end < 0) {
                return null;
            }
            try {
                rounds = Math.max(1000, Math.min(999_999_999, Integer.parseInt(rest.substring(7, end))));
            } catch (NumberFormatException e) {
                return null;
            }
            explicitRounds = true;
            rest = rest.substring(end + 1);
        }
        int dollar = rest.indexOf('$');
        String saltText = dollar < 0 ? rest : rest.substring(0, dollar);
        if (saltText.length() > 16) {
            saltText = saltText.substring(0, 16);
        }
        byte[] salt = saltText.getBytes(StandardCharsets.UTF_8);
        MessageDigest a = digest(algorithm);
        MessageDigest b = digest(algorithm);
        b.update(key);
        b.update(salt);
        b.update(key);
        byte[] bResult = b.digest();
        int len = bResult.length;
        a.update(key);
        a.update(salt);
        for (int i = key.length; i > 0; i -= len) {
            a.update(bResult, 0, Math.min(i, len));
        }
        for (int i = key.length; i > 0; i >>= 1) {
            a.update((i & 1) != 0 ? bResult : key);
        }
        byte[] aResult = a.digest();
        MessageDigest dp = digest(algorithm);
        for (int i = 0; i < key.length; i++) {
            dp.update(key);
        }
        byte[] p = fill(dp.digest(), key.length);
        MessageDigest ds = digest(algorithm);
        for (int i = 0; i < 16 + (aResult[0] & 0xff); i++) {
            ds.update(salt);
        }
        byte[] s = fill(ds.digest(), salt.length);
        byte[] c = aResult;
        for (int r = 0; r < rounds; r++) {
            MessageDigest dc = digest(algorithm);
            dc.update((r & 1) != 0 ? p : c);
            if (r % 3 != 0) {
                dc.update(s);
            }
            if (r % 7 != 0) {
                dc.update(p);
            }
            dc.update((r & 1) != 0 ? c : p);
            c = dc.digest();
        }
        StringBuilder out = new StringBuilder(sha512 ? "$6$" : "$5$");
        if (explicitRounds) {
            out.append("rounds=").append(rounds).append('$');
        }
        out.append(saltText).append('$');
        for (int[] t : sha512 ? ORDER_512 : ORDER_256) {
            b64(out, c[t[0]], c[t[1]], c[t[2]], 4);
        }
        if (sha512) {
            b64(out, (byte) 0, (byte) 0, c[63], 2);
        } else {
            b64(out, (byte) 0, c[31], c[30], 3);
        }
        return out.toString();
    }

    private static byte[] fill(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = digest[i % digest.length];
        }
        return out;
    }

    private static void b64(StringBuilder out, byte b2, byte b1, byte b0, int n) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < n; i++) {
            out.append(B64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
