package dev.gannet.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Re-encodes decoded bytes as base64 (RFC 2045 §6.8) under an {@link EncodingLayout} while they are
 * read, so a large deduplicated part can be served in its original encoding without holding it:
 * the output equals {@link TransferCodec#encode} of the same bytes.
 */
final class Base64WrappingStream extends InputStream {

    private static final int CHUNK = 3 * 1024;

    private final InputStream decoded;
    private final int lineLength;
    private final byte[] ending;
    private final boolean finalEnding;
    private final byte[] raw = new byte[CHUNK];
    private byte[] out = new byte[0];
    private int pos;
    private long column;
    private boolean emittedAny;
    private boolean done;

    Base64WrappingStream(InputStream decoded, EncodingLayout layout) {
        this.decoded = decoded;
        this.lineLength = layout.lineLength();
        this.ending = layout.lineEnding().getBytes(StandardCharsets.US_ASCII);
        this.finalEnding = layout.finalLineEnding();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == out.length) {
            if (done) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, out.length - pos);
        System.arraycopy(out, pos, b, off, n);
        pos += n;
        return n;
    }

    private void fill() throws IOException {
        int n = decoded.readNBytes(raw, 0, CHUNK);
        byte[] chars = n == 0 ? new byte[0] : Base64.getEncoder().encode(n == CHUNK ? raw : Arrays.copyOf(raw, n));
        int extra = lineLength == 0 ? 0 : (int) ((column + chars.length) / lineLength + 1) * ending.length;
        byte[] next = new byte[chars.length + extra + ending.length];
        int w = 0;
        for (byte c : chars) {
            if (lineLength > 0 && column == lineLength) {
                System.arraycopy(ending, 0, next, w, ending.length);
                w += ending.length;
                column = 0;
            }
            next[w++] = c;
            column++;
            emittedAny = true;
        }
        if (n < CHUNK) {
            done = true;
            if (finalEnding && emittedAny) {
                System.arraycopy(ending, 0, next, w, ending.length);
                w += ending.length;
            }
        }
        out = Arrays.copyOf(next, w);
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        decoded.close();
    }
}
