package dev.gannet.pop3.protocol;

import reactor.core.publisher.Flux;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * What a command answers (RFC 1939 §3): one status line, a status line followed by a multi-line body
 * that the session streams through a {@link MultilineEncoder}, or the go-ahead of STLS (RFC 2595 §4),
 * after which the session switches to TLS. {@code close} asks the session to close the connection once
 * the line is written (QUIT).
 */
public sealed interface Reply {

    /** A single line, without CRLF. */
    record Line(String text, boolean close) implements Reply {
    }

    /** A status line, then {@code body} encoded by {@code encoder}, then the terminating dot line. */
    record Multi(String status, Flux<ByteBuffer> body, MultilineEncoder encoder) implements Reply {
    }

    /** "+OK" to STLS: install TLS, discard anything pipelined after the command, then answer. */
    record StartTls() implements Reply {
    }

    static Line ok(String text) {
        return new Line(text.isEmpty() ? "+OK" : "+OK " + text, false);
    }

    static Line err(String text) {
        return new Line("-ERR " + text, false);
    }

    /**
     * A multi-line reply of text lines, produced lazily in batches so that a listing of a very large
     * maildrop is never held in memory whole.
     */
    static Multi lines(String status, Supplier<Iterator<String>> lines) {
        Flux<ByteBuffer> body = Flux.defer(() -> {
            Iterator<String> it = lines.get();
            return Flux.<ByteBuffer>generate(sink -> {
                if (!it.hasNext()) {
                    sink.complete();
                    return;
                }
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < 512 && it.hasNext(); i++) {
                    batch.append(it.next()).append("\r\n");
                }
                sink.next(ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.UTF_8)));
            });
        });
        return new Multi("+OK " + status, body, MultilineEncoder.whole());
    }
}
