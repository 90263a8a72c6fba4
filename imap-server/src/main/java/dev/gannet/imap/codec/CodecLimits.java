package dev.gannet.imap.codec;

import java.nio.file.Path;

/**
 * What the decoder accepts before memory or disk is spent: the longest command (line text and the
 * literals of commands other than APPEND together), the largest APPEND literal (APPENDLIMIT, RFC 7889),
 * from what size a literal goes to a spool file in {@code spoolDir} rather than the heap (APPEND literals of
 * one command share that much heap), whether non-synchronising literals of any size are accepted (LITERAL+)
 * or only up to 4096 bytes (LITERAL-, RFC 7888 §5), and how many literals and how many bytes of literals
 * one APPEND may carry (MULTIAPPEND, RFC 3502; CATENATE text parts, RFC 4469).
 */
public record CodecLimits(int maxCommandBytes, long appendLimit, int spoolThreshold, Path spoolDir, boolean literalPlus,
        int appendMaxLiterals, long appendMaxBytes) {

    /** Literals a LITERAL- server accepts without a continuation request (RFC 7888 §5). */
    public static final int LITERAL_MINUS_MAX = 4096;

    public CodecLimits(int maxCommandBytes, long appendLimit, int spoolThreshold, Path spoolDir) {
        this(maxCommandBytes, appendLimit, spoolThreshold, spoolDir, true, 1000, Long.MAX_VALUE);
    }
}
