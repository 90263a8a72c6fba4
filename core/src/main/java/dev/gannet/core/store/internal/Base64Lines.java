package dev.gannet.core.store.internal;

import java.io.ByteArrayOutputStream;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(decoded.length * 4 / 3 + 64);
        ByteBuffer a = enc.feed(ByteBuffer.wrap(decoded));
        out.write(a.array(), a.arrayOffset() + a.position(), a.remaining());
        ByteBuffer b = enc.finish();
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        return out.toByteArray();
    }

    /** Encodes a decoded stream; subscribe once per returned Flux. */
    static Flux<ByteBuffer> encode(Flux<ByteBuffer> decoded, int lineLength, String lineEnding, boolean finalEol) {
        return Flux.defer(() -> {
            Base64Lines enc = new Base64Lines(lineLength, lineEnding, finalEol);
            return decoded.map(enc::feed).concatWith(Mono.fromSupplier(enc::finish)).filter(ByteBuffer::hasRemaining);
        });
    }

    ByteBuffer feed(ByteBuffer in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.remaining() * 4 / 3 + 16);
        while (in.hasRemaining()) {
            carry[carried++] = in.get();
            if (carried == 3) {
                group(out, 3);
                carried = 0;
            }
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    ByteBuffer finish() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        if (carried > 0) {
            group(out, carried);
            carried = 0;
        }
        if (finalEol) {
            out.write(eol, 0, eol.length);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    private void group(ByteArrayOutputStream out, int n) {
        if (lineLength > 0 && column >= lineLength) {
            out.write(eol, 0, eol.length);
            column = 0;
        }
        int b0 = carry[0] & 0xff;
        int b1 = n > 1 ? carry[1] & 0xff : 0;
        int b2 = n > 2 ? carry[2] & 0xff : 0;
        out.write(ALPHABET[b0 >>> 2]);
        out.write(ALPHABET[((b0 & 3) << 4) | (b1 >>> 4)]);
        out.write(n > 1 ? ALPHABET[((b1 & 0xf) << 2) | (b2 >>> 6)] : '=');
        out.write(n > 2 ? ALPHABET[b2 & 0x3f] : '=');
        column += 4;
    }
}
