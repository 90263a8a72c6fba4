package dev.gannet.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * An incremental Content-Transfer-Encoding decoder (RFC 2045 §6.7 quoted-printable, §6.8 base64; identity for
 * 7bit, 8bit and binary) fed one buffer at a time, so that a large part is decoded as it streams from the store
 * (IMAP BINARY, RFC 3516) without being held whole: state between buffers is at most three bytes. Malformed
 * input is decoded leniently: characters outside the base64 alphabet are skipped, and a {@code =} that starts
 * neither an escape nor a soft line break is kept as it is.
 */
public final class StreamDecoder {

    private final TransferEncoding encoding;
    // base64: up to 3 pending sextets; quoted-printable: the bytes of an escape or soft break begun in the last buffer
    private final byte[] held = new byte[4];
    private int heldLen;
    private int quantum;
    private int sextets;
    private boolean padded;

    public StreamDecoder(TransferEncoding encoding) {
        if (encoding == TransferEncoding.OTHER) {
            throw new IllegalArgumentException("unknown transfer encoding");
        }
        this.encoding = encoding;
    }

    /** The decoded bytes of {@code in} (consumed), which may be empty while an escape is incomplete. */
    public ByteBuffer feed(ByteBuffer in) {
        return switch (encoding) {
            case BASE64 -> base64(in);
            case QUOTED_PRINTABLE -> quotedPrintable(in, false);
            default -> {
                ByteBuffer out = in.slice();
                in.position(in.limit());
                yield out;
            }
        };
    }

    /** What is left at the end of the input: a quoted-printable escape cut short is kept as it came. */
    public ByteBuffer finish() {
        if (encoding == TransferEncoding.QUOTED_PRINTABLE && heldLen > 0) {
            return quotedPrintable(ByteBuffer.allocate(0), true);
        }
        if (encoding == TransferEncoding.BASE64 && sextets > 1) {
            padded = true; // an unpadded final quantum
            return base64(ByteBuffer.allocate(0));
        }
        return ByteBuffer.allocate(0);
    }

    private ByteBuffer base64(ByteBuffer in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.remaining() * 3 / 4 + 3);
        while (in.hasRemaining()) {
            int c = in.get() & 0xff;
            if (c == '=') {
                padded = true;
                continue;
            }
            int v = value(c);
            if (v < 0 || padded) {
                continue;
            }
            quantum = (quantum << 6) | v;
            sextets++;
            if (sextets == 4) {
                out.write(quantum >> 16);
                out.write(quantum >> 8);
                out.write(quantum);
                quantum = 0;
                sextets = 0;
            }
        }
        if (padded && sextets > 1) {
            // the final quantum: two sextets give one byte, three give two
            int q = quantum << (6 * (4 - sextets));
            out.write(q >> 16);
            if (sextets == 3) {
                out.write(q >> 8);
            }
            quantum = 0;
            sextets = 0;
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static int value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    private ByteBuffer quotedPrintable(ByteBuffer in, boolean end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.remaining() + heldLen);
        while (in.hasRemaining() || (end && heldLen > 0)) {
            if (heldLen == 0) {
                byte b = in.get();
                if (b == '=') {
                    held[heldLen++] = b;
                } else {
                    out.write(b);
                }
                continue;
            }
            if (!in.hasRemaining()) {
                out.write(held, 0, heldLen); // an escape cut short by the end of the part
                heldLen = 0;
                break;
            }
            byte b = in.get();
            held[heldLen++] = b;
            if (heldLen == 2) {
                if (b == '\n') {
                    heldLen = 0; // soft line break "=" LF
                } else if (b != '\r' && Character.digit(b, 16) < 0) {
                    out.write('=');
                    heldLen = 0;
                    in.position(in.position() - 1); // not an escape: "=" stays, the byte is read again
                }
                continue;
            }
            if (held[1] == '\r') {
                if (b == '\n') {
                    heldLen = 0; // soft line break "=" CRLF
                } else {
                    out.write(held, 0, 2);
                    heldLen = 0;
                    in.position(in.position() - 1);
                }
                continue;
            }
            int hi = Character.digit(held[1], 16);
            int lo = Character.digit(b, 16);
            if (lo < 0) {
                out.write(held, 0, 2);
                heldLen = 0;
                in.position(in.position() - 1);
            } else {
                out.write(hi * 16 + lo);
                heldLen = 0;
            }
        }
        return ByteBuffer.wrap(out.toByteArray());
    }
}
