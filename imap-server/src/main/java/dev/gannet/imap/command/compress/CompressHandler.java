package dev.gannet.imap.command.compress;

import dev.gannet.imap.codec.DeflateCodec;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import reactor.core.publisher.Mono;

/**
 * COMPRESS (RFC 4978 §3): DEFLATE is the only mechanism; a second COMPRESS answers
 * {@code NO [COMPRESSIONACTIVE]}. The tagged OK is the last uncompressed output: the codec is put in the
 * pipeline in the same event-loop task that writes the OK, so nothing written later and no byte read later
 * bypasses it. It goes right above TLS (if any), so compression happens before encryption (§8).
 * Anything the client pipelined after COMPRESS was sent before it could know the answer and is dropped.
 */
public final class CompressHandler {

    static final String NAME = "imap-deflate";

    private CompressHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Compress c, ImapSession s) {
        if (!c.mechanism().equalsIgnoreCase("DEFLATE")) {
            return Mono.just(Tagged.bad("Unsupported compression mechanism"));
        }
        if (active(s.channel())) {
            return Mono.just(Tagged.no("COMPRESSIONACTIVE", "DEFLATE is already active"));
        }
        s.discardPipelined();
        s.afterTagged(() -> install(s.channel()));
        return Mono.just(Tagged.ok("DEFLATE active"));
    }

    public static boolean active(Channel channel) {
        return channel.pipeline().get(NAME) != null;
    }

    private static void install(Channel channel) {
        ChannelPipeline p = channel.pipeline();
        if (p.get("tls") != null) {
            p.addAfter("tls", NAME, new DeflateCodec());
        } else {
            p.addFirst(NAME, new DeflateCodec());
        }
    }
}
