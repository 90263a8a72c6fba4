package dev.gannet.imap.codec;

import java.nio.file.Path;

/**
 * What the decoder accepts before memory or disk is spent: the longest command (line text and the
 * literals of commands other than APPEND together), the largest APPEND literal (APPENDLIMIT, RFC 7889),
 * and from what size a literal goes to a spool file in {@code spoolDir} rather than the heap.
 */
public record CodecLimits(int maxCommandBytes, long appendLimit, int spoolThreshold, Path spoolDir) {
}
