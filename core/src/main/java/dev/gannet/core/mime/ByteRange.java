package dev.gannet.core.mime;

/**
 * A half-open range {@code [start, end)} of byte offsets into the raw message as delivered; the
 * store serves IMAP {@code BODY[section]} (RFC 3501 §6.4.5) by streaming exactly these bytes.
 */
public record ByteRange(long start, long end) {

    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad byte range [" + start + ", " + end + ")");
        }
    }

    public long length() {
        return end - start;
    }

    /** True when {@code other} lies entirely inside this range. */
    public boolean contains(ByteRange other) {
        return other.start >= start && other.end <= end;
    }
}
