package dev.gannet.core.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the octets read through it: the raw size of a message, or the decoded octets of a part body
 * (the size RFC 2183 §2.7 would give it).
 */
final class CountingInputStream extends FilterInputStream {

    private final boolean closesSource;
    private long count;

    CountingInputStream(InputStream in) {
        this(in, true);
    }

    /** @param closesSource false when the caller keeps ownership of {@code in}: closing this leaves it open */
    CountingInputStream(InputStream in, boolean closesSource) {
        super(in);
        this.closesSource = closesSource;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (closesSource) {
            super.close();
        }
    }

    @Override
    public long skip(long n) throws IOException {
        long s = in.skip(n);
        count += Math.max(s, 0);
        return s;
    }
}
