package dev.gannet.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Reads bytes as UTF-8 where they form valid UTF-8 (RFC 3629) and as ISO-8859-1 where they do not,
 * one sequence at a time, so unlabelled or mislabelled 8-bit text still reads sensibly (RFC 6532
 * §3.2 makes UTF-8 the likely truth for unlabelled mail).
 */
final class LenientUtf8Reader extends Reader {

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;
    private boolean eof;
    private int pendingLowSurrogate = -1;

    LenientUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (pendingLowSurrogate >= 0) {
                cbuf[off + n++] = (char) pendingLowSurrogate;
                pendingLowSurrogate = -1;
                continue;
            }
            if (lim - pos < 4 && !eof) {
                fill();
            }
            if (pos >= lim) {
                break;
            }
            int b = buf[pos] & 0xff;
            int need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
            int cp = need == 0 ? b : decode(b, need);
            if (cp < 0) {
                cbuf[off + n++] = (char) b;
                pos++;
                continue;
            }
            pos += need + 1;
            if (cp >= 0x10000) {
                cbuf[off + n++] = Character.highSurrogate(cp);
                pendingLowSurrogate = Character.lowSurrogate(cp);
            } else {
                cbuf[off + n++] = (char) cp;
            }
        }
        return n == 0 ? -1 : n;
    }

    private int decode(int lead, int need) {
        if (need < 0 || pos + need >= lim) {
            return -1;
        }
        int cp = lead & (0x3f >> need);
        for (int i = 1; i <= need; i++) {
            int c = buf[pos + i] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (c & 0x3f);
        }
        int min = need == 1 ? 0x80 : need == 2 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return -1;
        }
        return cp;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < buf.length && !eof) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
                if (lim - pos >= 4) {
                    break;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
