package dev.gannet.core.mime;

/**
 * Facts about a leaf part for attachment listing and deduplication: the file name (from the
 * Content-Disposition filename or the Content-Type name, RFC 2231/2047-decoded), whether it is an
 * attachment (RFC 2183 disposition "attachment", or "inline" with a file name, as Dovecot counts
 * them, or no disposition but a file name and no Content-ID, as older mailers send attachments),
 * the decoded size in octets, and the {@link EncodingLayout} under which re-encoding the
 * decoded bytes was verified, during parsing, to reproduce the body bytes exactly (null when it does
 * not or was not checked, e.g. quoted-printable: then keep the bytes as they came).
 */
public record LeafInfo(String filename, boolean attachment, long decodedSize, EncodingLayout layout) {

    public LeafInfo {
        if (decodedSize < 0) {
            throw new IllegalArgumentException("decodedSize < 0");
        }
    }
}
