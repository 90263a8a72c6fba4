package dev.gannet.core.store.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A streaming base64 encoder (RFC 2045 §6.8) with a fixed layout: {@code lineLength} characters per line
 * (0 = one line), a chosen line ending, and an optional final line ending. Ingest keeps a part decoded only
 * if this very encoder reproduces the received bytes exactly, so reading reassembles them byte for byte.
 */
final class Base64Lines {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

    private final int lineLength;
    private final byte[] eol;
    private final boolean finalEol;
    private final byte[] carry = new byte[3];
    private int carried;
    private int column;

    Base64Lines(int lineLength, String lineEnding, boolean finalEol) {
        this.lineLength = lineLength;
        this.eol = lineEnding.getBytes(StandardCharsets.US_ASCII);
        this.finalEol = finalEol;
    }

    static byte[] encode(byte[] decoded, int lineLength, String lineEnding, boolean finalEol) {
        Base64Lines enc = new Base64Lines(lineLength, lineEnding, finalEol);
        ByteBuffer a = enc.feed(ByteBuffer.wrap(decoded));
        ByteBuffer b = enc.finish();
        byte[] out = new byte[a.remaining() + b.remaining()];
        int n = a.remaining();
        a.get(out, 0, n);
        b.get(out, n, b.remaining());
        return out;
    }

    /** Encodes a decoded stream; subscribe once per returned Flux. */
    static Flux<ByteBuffer> encode(Flux<ByteBuffer> decoded, int lineLength, String lineEnding, boolean finalEol) {
        return Flux.defer(() -> {
            Base64Lines enc = new Base64Lines(lineLength, lineEnding, finalEol);
            return decoded.map(enc::feed).concatWith(Mono.fromSupplier(enc::finish)).filter(ByteBuffer::hasRemaining);
        });
    }

    /** The encoding of every whole group of three bytes so far; the one or two left over wait for more. */
    ByteBuffer feed(ByteBuffer in) {
        long groups = (carried + (long) in.remaining()) / 3;
        byte[] out = new byte[capacity(groups)];
        int pos = 0;
        while (carried > 0 && carried < 3 && in.hasRemaining()) {
            carry[carried++] = in.get();
        }
        if (carried == 3) {
            pos = group(out, pos, carry[0], carry[1], carry[2], 3);
            carried = 0;
        }
        if (in.hasArray()) {
            byte[] a = in.array();
            int i = in.arrayOffset() + in.position();
            int whole = i + in.remaining() / 3 * 3;
            for (; i < whole; i += 3) {
                pos = group(out, pos, a[i], a[i + 1], a[i + 2], 3);
            }
            in.position(i - in.arrayOffset());
        } else {
            while (in.remaining() >= 3) {
                pos = group(out, pos, in.get(), in.get(), in.get(), 3);
            }
        }
        while (in.hasRemaining()) {
            carry[carried++] = in.get();
        }
        return ByteBuffer.wrap(out, 0, pos);
    }

    ByteBuffer finish() {
        byte[] out = new byte[capacity(1) + eol.length];
        int pos = 0;
        if (carried > 0) {
            pos = group(out, pos, carry[0], carry[1], carry[2], carried);
            carried = 0;
        }
        if (finalEol) {
            System.arraycopy(eol, 0, out, pos, eol.length);
            pos += eol.length;
        }
        return ByteBuffer.wrap(out, 0, pos);
    }

    /** Room for {@code groups} groups and the line endings before them (at most one per line, plus one). */
    private int capacity(long groups) {
        long breaks = lineLength > 0 ? groups * 4 / lineLength + 1 : 0;
        return Math.toIntExact(groups * 4 + breaks * eol.length);
    }

    /** Writes one group ({@code n} of its three bytes are data) at {@code pos}; returns the position after it. */
    private int group(byte[] out, int pos, byte c0, byte c1, byte c2, int n) {
        if (lineLength > 0 && column >= lineLength) {
            System.arraycopy(eol, 0, out, pos, eol.length);
            pos += eol.length;
            column = 0;
        }
        int b0 = c0 & 0xff;
        int b1 = n > 1 ? c1 & 0xff : 0;
        int b2 = n > 2 ? c2 & 0xff : 0;
        out[pos] = ALPHABET[b0 >>> 2];
        out[pos + 1] = ALPHABET[((b0 & 3) << 4) | (b1 >>> 4)];
        out[pos + 2] = n > 1 ? ALPHABET[((b1 & 0xf) << 2) | (b2 >>> 6)] : (byte) '=';
        out[pos + 3] = n > 2 ? ALPHABET[b2 & 0x3f] : (byte) '=';
        column += 4;
        return pos + 4;
    }
}
