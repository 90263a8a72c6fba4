package dev.gannet.core.mime;

import java.util.Arrays;

/**
 * Watches the raw bytes of a base64 body (RFC 2045 §6.8) go by and decides, without buffering it,
 * whether {@link TransferCodec#encode} can reproduce it exactly: only alphabet characters, padding
 * only at the very end with zero unused bits, one kind of line ending, every line but the last as
 * long as the first and no empty lines. The result is the layout to re-encode with, or null.
 */
final class Base64LayoutCheck {

    /** Each byte's base64 value (RFC 2045 Table 1), -1 for any other byte. */
    private static final int[] VALUES = new int[256];

    static {
        Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private boolean ok = true;
    private boolean pendingCr;
    private String ending;
    private int firstLineLength = -1;
    private int lineLength;
    private boolean shortLineSeen;
    private boolean endedWithBreak;
    private long dataChars;
    private int padChars;
    private int lastValue;

    void update(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && ok) {
            if (pendingCr || shortLineSeen || padChars > 0 || VALUES[b[i] & 0xff] < 0) {
                update(b[i++]);
                continue;
            }
            // the common case, a run of alphabet characters, without the per-character state changes
            int run = i;
            while (run < end && VALUES[b[run] & 0xff] >= 0) {
                run++;
            }
            dataChars += run - i;
            lineLength += run - i;
            lastValue = VALUES[b[run - 1] & 0xff];
            endedWithBreak = false;
            if (firstLineLength >= 0 && lineLength > firstLineLength) {
                ok = false;
            }
            i = run;
        }
    }

    private void update(byte c) {
        if (c == '\r') {
            ok = !pendingCr;
            pendingCr = true;
            return;
        }
        if (c == '\n') {
            String e = pendingCr ? "\r\n" : "\n";
            pendingCr = false;
            if (lineLength == 0 || (ending != null && !ending.equals(e))) {
                ok = false;
                return;
            }
            ending = e;
            if (firstLineLength < 0) {
                firstLineLength = lineLength;
            } else if (lineLength < firstLineLength) {
                shortLineSeen = true;
            }
            lineLength = 0;
            endedWithBreak = true;
            return;
        }
        if (pendingCr || shortLineSeen) {
            ok = false;
            return;
        }
        endedWithBreak = false;
        int v = value(c);
        if (c == '=') {
            ok = ++padChars <= 2;
        } else if (v < 0 || padChars > 0) {
            ok = false;
            return;
        } else {
            dataChars++;
            lastValue = v;
        }
        lineLength++;
        if (firstLineLength >= 0 && lineLength > firstLineLength) {
            ok = false;
        }
    }

    /** The verified layout, or null when re-encoding would not give back these bytes. */
    EncodingLayout result() {
        if (!ok || pendingCr) {
            return null;
        }
        long total = dataChars + padChars;
        if (total % 4 != 0) {
            return null;
        }
        if (padChars == 1 && (lastValue & 0x3) != 0 || padChars == 2 && (lastValue & 0xf) != 0) {
            return null;
        }
        if (total == 0) {
            return endedWithBreak || firstLineLength >= 0
                    ? null : new EncodingLayout(TransferEncoding.BASE64, 0, "\r\n", false);
        }
        int length = firstLineLength < 0 ? 0 : firstLineLength;
        return new EncodingLayout(TransferEncoding.BASE64, length, ending == null ? "\r\n" : ending, endedWithBreak);
    }

    private static int value(byte c) {
        return VALUES[c & 0xff];
    }
}
