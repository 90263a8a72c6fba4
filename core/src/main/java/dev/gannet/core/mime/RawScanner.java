package dev.gannet.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks the raw bytes of a message once and knows the exact offset of every byte: it reads header
 * blocks and streams part bodies up to the next multipart delimiter line (RFC 2046 §5.1.1). As the
 * RFC says, the line break before a delimiter belongs to the delimiter, so a body that ends at one
 * excludes its last CRLF (or bare LF); at end of input nothing is excluded. Delimiters are found the
 * way Dovecot finds them: at a line start, "--" plus any active boundary as a prefix, the longest
 * match winning and the innermost winning a tie; "--" right after the boundary closes the multipart.
 * Lines may be any length; memory stays at one fixed buffer.
 */
final class RawScanner {

    static final int BOUNDARY_MAX = 256;
    private static final int LOOKAHEAD = BOUNDARY_MAX + 8;

    record Boundary(byte[] value, int owner) {
    }

    record Match(Boundary boundary, boolean close) {
    }

    /** An offset and the number of LF bytes before it, so line counts of ranges are differences. */
    record Mark(long offset, long lf) {
    }

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private long base;
    private long lfCount;
    private boolean eof;
    private final List<Boundary> active = new ArrayList<>();
    /** Length (0..2) of the line break just before pos that no content has claimed yet. */
    private int pendingLen;
    /** The delimiter line at pos that stopped the last read, or null when it stopped at end of input. */
    private Match stop;
    /** Length (1 or 2) of the empty line that ended the last header read, 0 if none did. */
    private int blankLen;

    RawScanner(InputStream in) {
        this.in = in;
    }

    long position() {
        return base + pos;
    }

    /** Where the content read so far ends: before an unclaimed line break. */
    Mark contentEnd() {
        return new Mark(position() - pendingLen, lfCount - (pendingLen > 0 ? 1 : 0));
    }

    int blankLen() {
        return blankLen;
    }

    Match stop() {
        return stop;
    }

    void push(byte[] boundary, int owner) {
        byte[] b = boundary.length > BOUNDARY_MAX ? Arrays.copyOf(boundary, BOUNDARY_MAX) : boundary;
        active.add(new Boundary(b, owner));
    }

    void pop(int owner) {
        active.removeIf(b -> b.owner() == owner);
    }

    /**
     * Reads a header block through its empty line. Stops before a delimiter line (the previous line
     * break then belongs to the delimiter) or at end of input. Keeps at most {@code maxCapture} bytes.
     */
    byte[] readHeader(int maxCapture) throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream(512);
        stop = null;
        blankLen = 0;
        while (true) {
            Match m = matchAtLineStart();
            if (m != null) {
                stop = m;
                break;
            }
            int avail = ensure(2);
            if (avail == 0) {
                pendingLen = 0;
                break;
            }
            int blank = buf[pos] == '\n' ? 1 : (avail >= 2 && buf[pos] == '\r' && buf[pos + 1] == '\n') ? 2 : 0;
            if (blank > 0) {
                capture(captured, maxCapture, blank);
                advance(blank);
                pendingLen = 0;
                blankLen = blank;
                break;
            }
            pendingLen = 0;
            consumeLine(captured, maxCapture);
        }
        return captured.toByteArray();
    }

    /** Skips the delimiter line at the current position, its line break included. */
    void consumeDelimiterLine() throws IOException {
        consumeLine(null, 0);
        pendingLen = 0;
        stop = null;
    }

    /** The content from here to the next delimiter line or end of input, as raw bytes. */
    InputStream content() {
        stop = null;
        return new ContentStream();
    }

    private void consumeLine(ByteArrayOutputStream captured, int maxCapture) throws IOException {
        byte last = 0;
        while (true) {
            int avail = ensure(1);
            if (avail == 0) {
                pendingLen = 0;
                return;
            }
            int lf = indexOfLf(pos, lim);
            int n = lf >= 0 ? lf + 1 - pos : avail;
            if (captured != null) {
                capture(captured, maxCapture, n);
            }
            byte before = lf > pos ? buf[lf - 1] : last;
            last = buf[pos + n - 1];
            advance(n);
            if (lf >= 0) {
                pendingLen = before == '\r' ? 2 : 1;
                return;
            }
        }
    }

    private Match matchAtLineStart() throws IOException {
        if (active.isEmpty()) {
            return null;
        }
        int avail = ensure(LOOKAHEAD);
        if (avail < 2 || buf[pos] != '-' || buf[pos + 1] != '-') {
            return null;
        }
        int end = pos + Math.min(avail, LOOKAHEAD);
        int lf = indexOfLf(pos, end);
        int candStart = pos + 2;
        int candLen = (lf >= 0 ? lf : end) - candStart;
        Boundary best = null;
        for (int i = active.size() - 1; i >= 0; i--) {
            Boundary b = active.get(i);
            int len = b.value().length;
            if (len <= candLen && (best == null || best.value().length < len)
                    && Arrays.equals(buf, candStart, candStart + len, b.value(), 0, len)) {
                best = b;
            }
        }
        if (best == null) {
            return null;
        }
        int after = candStart + best.value().length;
        boolean close = candLen >= best.value().length + 2 && buf[after] == '-' && buf[after + 1] == '-';
        return new Match(best, close);
    }

    private void capture(ByteArrayOutputStream captured, int maxCapture, int n) {
        int room = maxCapture - captured.size();
        if (room > 0) {
            captured.write(buf, pos, Math.min(room, n));
        }
    }

    private int indexOfLf(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void advance(int n) {
        int end = pos + n;
        long lfs = 0;
        for (int i = pos; i < end; i++) {
            if (buf[i] == '\n') {
                lfs++;
            }
        }
        lfCount += lfs;
        pos = end;
    }

    private int ensure(int n) throws IOException {
        while (lim - pos < n && !eof) {
            if (buf.length - pos < n || lim == buf.length) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                base += pos;
                lim -= pos;
                pos = 0;
            }
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos;
    }

    /** Body bytes up to (not including) the line break before the next delimiter line. */
    private final class ContentStream extends InputStream {
        private boolean done;
        private boolean atLineStart = true;
        private int confirmedBreak;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (confirmedBreak > 0) {
                    int n = 0;
                    if (confirmedBreak == 2) {
                        b[off + n++] = '\r';
                        confirmedBreak = 1;
                    }
                    if (n < len) {
                        b[off + n++] = '\n';
                        confirmedBreak = 0;
                    }
                    return n;
                }
                if (atLineStart) {
                    atLineStart = false;
                    Match m = matchAtLineStart();
                    if (m != null) {
                        stop = m;
                        done = true;
                        return -1;
                    }
                    confirmedBreak = pendingLen;
                    pendingLen = 0;
                    continue;
                }
                int avail = ensure(1);
                if (avail == 0) {
                    done = true;
                    return -1;
                }
                if (active.isEmpty()) {
                    int n = Math.min(len, avail);
                    System.arraycopy(buf, pos, b, off, n);
                    advance(n);
                    return n;
                }
                // Look no further than the caller wants, so byte-at-a-time readers stay linear.
                int window = Math.min(lim, pos + len + 1);
                int lf = indexOfLf(pos, window);
                int contentEnd;
                if (lf >= 0) {
                    contentEnd = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;
                } else if (window < lim) {
                    contentEnd = pos + len;
                } else {
                    contentEnd = !eof && buf[lim - 1] == '\r' ? lim - 1 : lim;
                }
                int n = Math.min(len, contentEnd - pos);
                if (n > 0) {
                    System.arraycopy(buf, pos, b, off, n);
                    advance(n);
                    return n;
                }
                if (lf >= 0) {
                    pendingLen = lf + 1 - pos;
                    advance(pendingLen);
                    atLineStart = true;
                } else {
                    ensure(lim - pos + 1);
                }
            }
        }
    }
}
