package dev.gannet.core.mime;

/**
 * Bounds that keep parsing hostile mail cheap, since RFC 2046 §5.1 lets multiparts and messages nest
 * without limit: nesting depth and part count (deeper containers become opaque leaves, parts past the
 * count are left out), characters of extracted body text, header bytes examined per part (offsets
 * stay exact beyond it), and header fields kept for SEARCH HEADER (count, and characters each).
 */
public record ParseLimits(
        int maxDepth, int maxParts, int maxTextChars, int maxHeaderBytes, int maxHeaderFields, int maxHeaderValueChars) {

    public static final ParseLimits DEFAULT = new ParseLimits(64, 5_000, 256 * 1024, 256 * 1024, 500, 8 * 1024);

    public ParseLimits {
        if (maxDepth < 1 || maxParts < 1 || maxTextChars < 0 || maxHeaderBytes < 1024
                || maxHeaderFields < 0 || maxHeaderValueChars < 1) {
            throw new IllegalArgumentException("unusable parse limits");
        }
    }

    public ParseLimits withMaxTextChars(int chars) {
        return new ParseLimits(maxDepth, maxParts, chars, maxHeaderBytes, maxHeaderFields, maxHeaderValueChars);
    }
}
