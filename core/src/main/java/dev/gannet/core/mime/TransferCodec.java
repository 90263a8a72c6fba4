package dev.gannet.core.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Pure functions over part bodies for the store's deduplication: decode a transfer encoding
 * (RFC 2045 §6.7 quoted-printable, §6.8 base64, identity for 7bit/8bit/binary and unknown
 * encodings) leniently with mime4j, re-encode decoded bytes under an {@link EncodingLayout}, and
 * check, never assume, that re-encoding reproduces the original encoded bytes exactly. Base64 is
 * re-encoded as the standard alphabet with padding, wrapped every {@code lineLength} characters;
 * quoted-printable as the plain RFC 2045 encoding (only {@code !}-{@code ~} except {@code =} literal,
 * trailing white space escaped, soft breaks to keep lines within {@code lineLength} characters).
 */
public final class TransferCodec {

    private TransferCodec() {
    }

    /** A stream of the decoded bytes of {@code encoded}; malformed input is decoded as well as it can be. */
    public static InputStream decoder(InputStream encoded, TransferEncoding encoding) {
        return switch (encoding) {
            case BASE64 -> new Base64InputStream(encoded, DecodeMonitor.SILENT);
            case QUOTED_PRINTABLE -> new QuotedPrintableInputStream(encoded, DecodeMonitor.SILENT);
            default -> encoded;
        };
    }

    public static byte[] decode(byte[] encoded, TransferEncoding encoding) {
        try (InputStream in = decoder(new ByteArrayInputStream(encoded), encoding)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes decoded bytes under {@code layout}. */
    public static byte[] encode(byte[] decoded, EncodingLayout layout) {
        return switch (layout.encoding()) {
            case BASE64 -> base64(decoded, layout);
            case QUOTED_PRINTABLE -> quotedPrintable(decoded, layout);
            default -> decoded.clone();
        };
    }

    /**
     * A stream of {@code decoded} re-encoded under {@code layout}, equal to {@link #encode} of the
     * same bytes; base64 and identity encodings stream, quoted-printable is encoded in memory.
     */
    public static InputStream encoder(InputStream decoded, EncodingLayout layout) throws IOException {
        return switch (layout.encoding()) {
            case BASE64 -> new Base64WrappingStream(decoded, layout);
            case QUOTED_PRINTABLE -> new ByteArrayInputStream(quotedPrintable(decoded.readAllBytes(), layout));
            default -> decoded;
        };
    }

    /** True when decoding {@code encoded} and re-encoding it under {@code layout} gives back the same bytes. */
    public static boolean reproduces(byte[] encoded, EncodingLayout layout) {
        return Arrays.equals(encode(decode(encoded, layout.encoding()), layout), encoded);
    }

    /**
     * The layout {@code encoded} appears to use (line length and ending from its first line), if
     * re-encoding under it reproduces {@code encoded} exactly; empty otherwise.
     */
    public static Optional<EncodingLayout> reproducibleLayout(byte[] encoded, TransferEncoding encoding) {
        if (encoding == TransferEncoding.OTHER) {
            return Optional.empty();
        }
        if (encoding.isIdentity()) {
            return Optional.of(EncodingLayout.identity(encoding));
        }
        int lf = indexOf(encoded, (byte) '\n');
        String ending = lf > 0 && encoded[lf - 1] == '\r' ? "\r\n" : "\n";
        boolean finalEnding = encoded.length > 0 && encoded[encoded.length - 1] == '\n';
        int lineLength;
        if (encoding == TransferEncoding.QUOTED_PRINTABLE) {
            lineLength = 76;
        } else {
            lineLength = lf < 0 ? 0 : lf - (ending.length() - 1);
        }
        EncodingLayout layout = new EncodingLayout(encoding, lineLength, ending, finalEnding);
        return reproduces(encoded, layout) ? Optional.of(layout) : Optional.empty();
    }

    private static byte[] base64(byte[] decoded, EncodingLayout layout) {
        byte[] flat = Base64.getEncoder().encode(decoded);
        byte[] ending = layout.lineEnding().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(flat.length + flat.length / 38 + 4);
        int step = layout.lineLength() == 0 ? Math.max(flat.length, 1) : layout.lineLength();
        for (int i = 0; i < flat.length; i += step) {
            if (i > 0) {
                out.write(ending, 0, ending.length);
            }
            out.write(flat, i, Math.min(step, flat.length - i));
        }
        if (layout.finalLineEnding() && flat.length > 0) {
            out.write(ending, 0, ending.length);
        }
        return out.toByteArray();
    }

    /** Hard line breaks are CRLF in decoded data (mime4j decodes them so); they become the layout's ending. */
    private static byte[] quotedPrintable(byte[] decoded, EncodingLayout layout) {
        byte[] ending = layout.lineEnding().getBytes(StandardCharsets.US_ASCII);
        int max = layout.lineLength() < 4 ? 76 : layout.lineLength();
        ByteArrayOutputStream out = new ByteArrayOutputStream(decoded.length + decoded.length / 8 + 8);
        int col = 0;
        for (int i = 0; i < decoded.length; i++) {
            int b = decoded[i] & 0xff;
            if (b == '\r' && i + 1 < decoded.length && decoded[i + 1] == '\n') {
                out.write(ending, 0, ending.length);
                col = 0;
                i++;
                continue;
            }
            boolean lineEndsNext = i + 1 == decoded.length
                    || (decoded[i + 1] == '\r' && i + 2 < decoded.length && decoded[i + 2] == '\n');
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEndsNext);
            int width = literal ? 1 : 3;
            // Room must stay for a soft break '=' unless this is the last character of the line.
            int limit = lineEndsNext ? max : max - 1;
            if (col + width > limit) {
                out.write('=');
                out.write(ending, 0, ending.length);
                col = 0;
            }
            if (literal) {
                out.write(b);
            } else {
                out.write('=');
                out.write(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
                out.write(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
            col += width;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
