package dev.gannet.api;

import dev.gannet.core.config.Settings;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.testing.GannetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /metrics in Prometheus format shows the node's meters: the connection meters of a protocol listener
 * (one bound here on the node's shared plumbing, as IMAP, POP3 and LMTP do), the API's own command
 * timers with histogram buckets, authentication failures, and the JVM.
 */
class MetricsTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    @Test
    void prometheusTextHasConnectionCommandAndJvmMeters() throws Exception {
        ProtocolServer server = ProtocolServer.bind(gannet.context(),
                new ProtocolServer.Options("testproto", "127.0.0.1", 0, false, 10, "busy\r\n", "bye\r\n"),
                ch -> ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(Unpooled.copiedBuffer("hello\r\n", StandardCharsets.US_ASCII));
                    }
                }));
        try (Socket s = new Socket("127.0.0.1", server.listener().port())) {
            // the greeting comes after the listener has counted the connection
            assertThat(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine())
                    .isEqualTo("hello");
        } finally {
            server.close(Duration.ofSeconds(1));
        }
        ApiClient api = new ApiClient(gannet.port("api"));
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        ApiClient.Response r = api.get("/metrics", "root-token");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body())
                .contains("gannet_connections_opened_total{listener=\"testproto\"} 1.0")
                .contains("gannet_connections_active{listener=\"testproto\"}")
                .contains("gannet_connections_refused_total{listener=\"testproto\"}")
                .contains("gannet_commands_seconds_bucket{command=\"GET /health\",protocol=\"api\"")
                .contains("gannet_commands_seconds_count{command=\"GET /health\",protocol=\"api\"}")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_threads_live_threads")
                .contains("jvm_gc_")
                .contains("process_uptime_seconds");
        assertThat(api.get("/metrics", null).status()).isEqualTo(401);
    }
}
