package dev.gannet.core.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Shows every byte read from a raw base64 body to a {@link Base64LayoutCheck} (RFC 2045 §6.8). */
final class TapInputStream extends FilterInputStream {

    private final Base64LayoutCheck check;

    TapInputStream(InputStream in, Base64LayoutCheck check) {
        super(in);
        this.check = check;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            check.update(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            check.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 0))];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
