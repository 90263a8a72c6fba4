package dev.gannet.core.store;

import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;

/**
 * Bytes to send with their exact length known first, because IMAP literals ({@code {N}}) and HTTP
 * Content-Length announce the size before the data. {@code bytes} streams; it is never loaded whole.
 */
public record Content(long size, Flux<ByteBuffer> bytes) {
    public static Content empty() {
        return new Content(0, Flux.empty());
    }
}
