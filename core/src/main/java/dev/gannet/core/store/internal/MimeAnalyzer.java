package dev.gannet.core.store.internal;

import dev.gannet.core.mime.ParsedMessage;
import dev.gannet.core.store.MessageSource;

/** The store's seam to the MIME parser: parse once, never fail on malformed input. */
@FunctionalInterface
interface MimeAnalyzer {

    ParsedMessage parse(MessageSource source) throws Exception;
}
