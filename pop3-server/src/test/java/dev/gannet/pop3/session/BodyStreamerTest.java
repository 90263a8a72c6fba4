package dev.gannet.pop3.session;

import dev.gannet.pop3.protocol.MultilineEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Back-pressure: no chunk is requested from the store while the channel is not writable. */
class BodyStreamerTest {

    @Test
    void waitsForWritabilityBeforeRequestingMore() {
        AtomicReference<BodyStreamer> streamer = new AtomicReference<>();
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                streamer.get().writable();
            }
        });
        ChannelHandlerContext ctx = ch.pipeline().firstContext();
        AtomicLong requested = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Flux<ByteBuffer> body = Flux.range(0, 10)
                .map(i -> ByteBuffer.wrap((".line " + i + "\r\n").getBytes(StandardCharsets.US_ASCII)))
                .doOnRequest(requested::addAndGet);

        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        streamer.set(new BodyStreamer(ctx, MultilineEncoder.whole(), () -> done.set(true)));
        body.subscribe(streamer.get());
        ch.runPendingTasks();
        assertThat(requested.get()).isEqualTo(1);
        assertThat(done).isFalse();

        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        ch.runPendingTasks();
        assertThat(done).isTrue();
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        assertThat(out.toString()).startsWith("..line 0\r\n..line 1\r\n").endsWith("..line 9\r\n.\r\n");
        assertThat(ch.finish()).isFalse();
    }
}
