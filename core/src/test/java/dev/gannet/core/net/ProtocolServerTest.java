package dev.gannet.core.net;

import dev.gannet.core.testing.TrustAll;

import dev.gannet.core.testing.GannetExtension;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener plumbing every protocol shares, driven by a toy line protocol over real sockets. */
class ProtocolServerTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api").build();

    private final CountDownLatch release = new CountDownLatch(1);

    /** Greets, answers PING with PONG, holds SLOW until released, and switches to TLS on STARTTLS. */
    private final class Toy extends SimpleChannelInboundHandler<String> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush("HELLO " + Connection.of(ctx.channel()).sessionId() + "\r\n");
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            Connection c = Connection.of(ctx.channel());
            switch (line.trim()) {
                case "PING" -> ctx.writeAndFlush("PONG tls=" + c.isTls() + "\r\n");
                case "SLOW" -> {
                    c.beginCommand();
                    ctx.writeAndFlush("STARTED\r\n");
                    CompletableFuture.runAsync(() -> {
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        ctx.writeAndFlush("DONE\r\n");
                        c.endCommand();
                    });
                }
                case "STARTTLS" -> {
                    StartTls.begin(ctx.channel(), gannet.context().tls());
                    ctx.writeAndFlush("GO\r\n");
                }
                default -> ctx.writeAndFlush("ERR\r\n");
            }
        }
    }

    private ProtocolServer bind(boolean implicitTls, int max) {
        return ProtocolServer.bind(gannet.context(),
                new ProtocolServer.Options("toy", "127.0.0.1", 0, implicitTls, max, "BUSY\r\n", "BYE\r\n"),
                ch -> ch.pipeline().addLast(new LineBasedFrameDecoder(1000),
                        new StringDecoder(StandardCharsets.US_ASCII), new StringEncoder(StandardCharsets.US_ASCII),
                        new Toy()));
    }

    private record Client(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Client over(Socket s) throws IOException {
            s.setSoTimeout(10_000);
            return new Client(s, new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)),
                    s.getOutputStream());
        }

        String send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void eachConnectionHasItsOwnSessionAndTheLimitIsAnsweredInProtocol() throws Exception {
        ProtocolServer server = bind(false, 2);
        try (Client a = Client.over(new Socket("127.0.0.1", server.listener().port()));
             Client b = Client.over(new Socket("127.0.0.1", server.listener().port()))) {
            String ga = a.in.readLine();
            String gb = b.in.readLine();
            assertThat(ga).matches("HELLO [a-z2-9]{10}");
            assertThat(gb).matches("HELLO [a-z2-9]{10}").isNotEqualTo(ga);
            try (Client c = Client.over(new Socket("127.0.0.1", server.listener().port()))) {
                assertThat(c.in.readLine()).isEqualTo("BUSY");
                assertThat(c.in.readLine()).isNull();
            }
            assertThat(a.send("PING")).isEqualTo("PONG tls=false");
        } finally {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void closeWaitsForInFlightCommandsThenSaysGoodbye() throws Exception {
        ProtocolServer server = bind(false, 10);
        try (Client a = Client.over(new Socket("127.0.0.1", server.listener().port()))) {
            a.in.readLine();
            assertThat(a.send("SLOW")).isEqualTo("STARTED");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(10)));
            Thread.sleep(300);
            assertThat(closing).isNotDone();
            release.countDown();
            assertThat(a.in.readLine()).isEqualTo("DONE");
            assertThat(a.in.readLine()).isEqualTo("BYE");
            assertThat(a.in.readLine()).isNull();
            closing.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void implicitTlsAndStartTlsBothEncrypt() throws Exception {
        SSLContext trustAll = TrustAll.context();
        ProtocolServer tls = bind(true, 10);
        ProtocolServer plain = bind(false, 10);
        try (Client a = Client.over(trustAll.getSocketFactory().createSocket("127.0.0.1", tls.listener().port()))) {
            assertThat(a.in.readLine()).startsWith("HELLO");
            assertThat(a.send("PING")).isEqualTo("PONG tls=true");
        }
        try (Socket raw = new Socket("127.0.0.1", plain.listener().port())) {
            Client p = Client.over(raw);
            p.in.readLine();
            assertThat(p.send("STARTTLS")).isEqualTo("GO");
            SSLSocket upgraded = (SSLSocket) trustAll.getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(), false);
            upgraded.startHandshake();
            Client t = Client.over(upgraded);
            assertThat(t.send("PING")).isEqualTo("PONG tls=true");
        } finally {
            tls.close(Duration.ZERO);
            plain.close(Duration.ZERO);
        }
    }
}
