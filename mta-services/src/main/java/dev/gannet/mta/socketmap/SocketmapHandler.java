package dev.gannet.mta.socketmap;

import dev.gannet.core.node.NodeContext;
import dev.gannet.mta.net.Answer;
import dev.gannet.mta.net.SerialHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One socketmap connection (socketmap_table(5)): each request {@code <name> <key>} is answered with one netstring,
 * {@code OK <data>}, {@code NOTFOUND }, {@code TEMP <reason>} when the store fails or is slow (Postfix then defers
 * the mail rather than refusing it) or {@code PERM <reason>} for an unknown map or a request without a key. A
 * framing error is answered {@code PERM} and ends the connection, since the stream cannot be resynchronised.
 */
public final class SocketmapHandler extends SerialHandler<SocketmapRequest> {

    private static final Logger log = LoggerFactory.getLogger(SocketmapHandler.class);

    /** socketmap_table(5): the client refuses a reply longer than this (socketmap_max_reply_size). */
    static final int MAX_REPLY = 100_000;

    private final SocketmapMaps maps;
    private final Duration timeout;

    public SocketmapHandler(NodeContext context, SocketmapConfig config) {
        super("socketmap", context.metrics(), SocketmapRequest.class);
        this.maps = new SocketmapMaps(context.store());
        this.timeout = config.lookupTimeout();
    }

    /** {@code s} as one netstring. */
    public static String netstring(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length + ":" + s + ",";
    }

    @Override
    protected String command(SocketmapRequest request) {
        if (request instanceof SocketmapRequest.Query q) {
            int space = q.text().indexOf(' ');
            String name = space < 0 ? "" : q.text().substring(0, space);
            return SocketmapMaps.NAMES.contains(name) ? name : "unknown";
        }
        return "malformed";
    }

    @Override
    protected Answer failure() {
        return Answer.of(netstring("TEMP lookup failed"));
    }

    @Override
    protected Mono<Answer> answer(SocketmapRequest request) {
        if (request instanceof SocketmapRequest.Malformed m) {
            log.info("socketmap request refused: {}", m.reason());
            return Mono.just(Answer.closing(netstring("PERM " + m.reason())));
        }
        String text = ((SocketmapRequest.Query) request).text();
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1) {
            return Mono.just(Answer.of(netstring("PERM request must be <map> <key>")));
        }
        String name = text.substring(0, space);
        String key = text.substring(space + 1);
        if (!SocketmapMaps.NAMES.contains(name)) {
            return Mono.just(Answer.of(netstring("PERM unknown map; this service has " + String.join(", ", SocketmapMaps.NAMES))));
        }
        return maps.lookup(name, key)
                .map(value -> "OK " + value)
                .map(reply -> reply.getBytes(StandardCharsets.UTF_8).length > MAX_REPLY ? "PERM value too long" : reply)
                .defaultIfEmpty("NOTFOUND ")
                .timeout(timeout)
                .onErrorResume(e -> {
                    boolean slow = e instanceof TimeoutException;
                    log.warn("socketmap {} lookup failed: {}", name, slow ? "no answer within " + timeout : e.toString());
                    return Mono.just(slow ? "TEMP lookup timed out" : "TEMP store unavailable");
                })
                .map(reply -> Answer.of(netstring(reply)));
    }
}
