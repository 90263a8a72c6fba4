package dev.gannet.core.store.internal;

import dev.gannet.core.mime.MessageParser;
import dev.gannet.core.mime.ParseLimits;
import dev.gannet.core.store.MessageSource;

/**
 * Picks the MIME parser ingest uses: the streaming parser of {@code dev.gannet.core.mime}, reading spool
 * files from disk rather than into memory; {@link FallbackAnalyzer} only if it throws.
 */
final class Analyzers {

    private Analyzers() {
    }

    static MimeAnalyzer standard(int textChars) {
        ParseLimits limits = ParseLimits.DEFAULT.withMaxTextChars(textChars);
        return source -> {
            if (source instanceof MessageSource.Bytes b) {
                return MessageParser.parse(b.bytes(), limits);
            }
            return MessageParser.parse(((MessageSource.SpoolFile) source).path(), limits);
        };
    }
}
