package dev.gannet.core.mime;

import java.util.Objects;

/**
 * How a part body was transfer-encoded (RFC 2045 §6.7, §6.8), precisely enough to re-encode decoded
 * bytes to the original encoded bytes: line length in encoded characters (0 = one unbroken line),
 * the line ending used, and whether the encoded body ends with a line ending. Identity encodings
 * (7bit, 8bit, binary) need no layout beyond the encoding itself.
 */
public record EncodingLayout(TransferEncoding encoding, int lineLength, String lineEnding, boolean finalLineEnding) {

    public EncodingLayout {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(lineEnding, "lineEnding");
        if (encoding == TransferEncoding.OTHER) {
            throw new IllegalArgumentException("no layout for an unknown transfer encoding");
        }
        if (lineLength < 0) {
            throw new IllegalArgumentException("lineLength < 0");
        }
        if (!lineEnding.equals("\r\n") && !lineEnding.equals("\n")) {
            throw new IllegalArgumentException("lineEnding must be CRLF or LF");
        }
    }

    public static EncodingLayout identity(TransferEncoding encoding) {
        if (!encoding.isIdentity()) {
            throw new IllegalArgumentException(encoding + " is not an identity encoding");
        }
        return new EncodingLayout(encoding, 0, "\r\n", false);
    }
}
