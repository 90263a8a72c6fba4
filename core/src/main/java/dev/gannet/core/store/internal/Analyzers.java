package dev.gannet.core.store.internal;

/** Picks the MIME parser ingest uses; the fallback view until the streaming parser is wired in. */
final class Analyzers {

    private Analyzers() {
    }

    static MimeAnalyzer standard() {
        return new FallbackAnalyzer();
    }
}
