package dev.gannet.mta.net;

import dev.gannet.core.metrics.Meters;
import dev.gannet.core.net.Connection;
import dev.gannet.core.net.ConnectionErrors;
import dev.gannet.core.net.ProtocolServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One connection of a request/reply MTA service on its event loop: takes the decoder's requests one at a time and
 * answers strictly in order (Postfix's socketmap and policy clients send the next request only after the reply,
 * but a client that pipelines still gets its answers in order). While a request waits for the store, reading is
 * paused so the queue stays small. The idle timer closes the connection without a word: both protocols have the
 * client reconnect.
 */
public abstract class SerialHandler<T> extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SerialHandler.class);

    private final String protocol;
    private final MeterRegistry metrics;
    private final Class<T> requestType;
    private final ArrayDeque<T> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean busy;
    private boolean draining;
    private boolean closing;

    protected SerialHandler(String protocol, MeterRegistry metrics, Class<T> requestType) {
        this.protocol = protocol;
        this.metrics = metrics;
        this.requestType = requestType;
    }

    /** The answer to one decoded request; a failed or empty Mono becomes {@link #failure}. */
    protected abstract Mono<Answer> answer(T request);

    /** The command name a request is timed under. */
    protected abstract String command(T request);

    /** What a request that failed unexpectedly is answered with (the store's own failures are answered inside {@link #answer}). */
    protected abstract Answer failure();

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing || !requestType.isInstance(msg)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        pending.add(requestType.cast(msg));
        if (busy) {
            ctx.channel().config().setAutoRead(false);
        }
        drain();
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            T next;
            while (!busy && !closing && (next = pending.poll()) != null) {
                T request = next;
                ProtocolServer.withSession(Connection.of(ctx.channel()), () -> run(request));
            }
        } finally {
            draining = false;
        }
        if (!busy && !closing && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void run(T request) {
        busy = true;
        String name = command(request);
        Timer.Sample timing = Timer.start(metrics);
        Connection connection = Connection.of(ctx.channel());
        if (connection != null) {
            connection.beginCommand();
        }
        Mono<Answer> answer;
        try {
            answer = answer(request);
        } catch (RuntimeException e) {
            answer = Mono.error(e);
        }
        answer.onErrorResume(e -> {
                    log.warn("{} {} failed: {}", protocol, name, e.toString());
                    return Mono.just(failure());
                })
                .defaultIfEmpty(failure())
                .subscribe(a -> onLoop(() -> {
                    timing.stop(Meters.command(metrics, protocol, name));
                    if (connection != null) {
                        connection.endCommand();
                    }
                    respond(a);
                }));
    }

    private void onLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    private void respond(Answer a) {
        busy = false;
        if (closing) {
            return;
        }
        byte[] bytes = a.wire().getBytes(StandardCharsets.UTF_8);
        var written = ctx.writeAndFlush(ctx.alloc().buffer(bytes.length).writeBytes(bytes));
        if (a.close()) {
            closing = true;
            pending.clear();
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        drain();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (!closing) {
                closing = true;
                pending.clear();
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        pending.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolServer.withSession(Connection.of(ctx.channel()), () -> ConnectionErrors.log(log, cause));
        ctx.close();
    }
}
