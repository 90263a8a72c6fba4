package dev.gannet.lmtp.session;

import dev.gannet.core.net.Connection;
import dev.gannet.core.net.ConnectionErrors;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.net.StartTls;
import dev.gannet.lmtp.command.misc.Replies;
import dev.gannet.lmtp.protocol.LmtpDecoder;
import dev.gannet.lmtp.protocol.LmtpFrame;
import dev.gannet.lmtp.protocol.Reply;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The Netty side of one LMTP connection (RFC 2033): frames from {@link LmtpDecoder} are handed to the
 * {@link Dialogue} strictly in order, so pipelined commands (RFC 2920 §3.1) are answered in order; while a
 * command waits for the store, later frames queue and reading stops, which bounds what a client can make
 * the server hold. Replies are flushed once the queue is drained. It also answers the idle timeout (421
 * 4.4.2) and releases everything when the connection ends.
 */
public final class LmtpSession extends ChannelInboundHandlerAdapter implements SessionIo {

    private static final Logger log = LoggerFactory.getLogger(LmtpSession.class);

    private final LmtpServices services;
    private final Dialogue dialogue;
    private final Deque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Connection connection;
    private boolean draining;
    private boolean busy;
    private boolean closing;

    public LmtpSession(LmtpServices services, LmtpDecoder decoder) {
        this.services = services;
        this.dialogue = new Dialogue(services, decoder, this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.connection = Connection.of(ctx.channel());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Replies.greeting(services.options().hostname()).bytes()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof LmtpFrame) || closing || connection == null) {
            // connection == null: refused over the connection limit before this session started
            ReferenceCountUtil.release(msg);
            return;
        }
        pending.add(msg);
        drain();
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            ProtocolServer.withSession(connection, () -> {
                while (!busy && !pending.isEmpty()) {
                    handle(pending.poll());
                }
            });
        } finally {
            draining = false;
        }
        ctx.flush();
        boolean read = !busy && !closing;
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    private void handle(Object frame) {
        if (frame instanceof LmtpFrame.Content c) {
            try {
                dialogue.content(c.content());
            } finally {
                c.release();
            }
        } else if (!closing) {
            dialogue.frame((LmtpFrame) frame);
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public void reply(Reply reply) {
        if (ctx.channel().isActive()) {
            ctx.write(Unpooled.wrappedBuffer(reply.bytes()));
        }
    }

    @Override
    public <T> void await(Mono<T> work, Consumer<T> then) {
        busy = true;
        connection.beginCommand();
        work.single().subscribe(
                result -> onEventLoop(() -> resume(() -> then.accept(result))),
                error -> onEventLoop(() -> resume(() -> {
                    log.warn("command failed: {}", error.toString());
                    reply(Replies.LOCAL_ERROR);
                })));
    }

    private void onEventLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            // the node is stopping and the connection is gone; what was stored stays stored
        }
    }

    private void resume(Runnable then) {
        busy = false;
        connection.endCommand();
        ProtocolServer.withSession(connection, then);
        drain();
    }

    @Override
    public void close(Reply bye) {
        closing = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(bye.bytes())).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void startTls(Reply goAhead) {
        StartTls.begin(ctx.channel(), services.tls());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(goAhead.bytes()));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (!busy && !closing) {
                ProtocolServer.withSession(connection, () -> log.info("closing idle connection"));
                close(Replies.idle(services.options().hostname()));
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (dialogue.receivingBody()) {
            ProtocolServer.withSession(connection, () -> log.info("client left during a message body; nothing stored"));
        }
        Object frame;
        while ((frame = pending.poll()) != null) {
            ReferenceCountUtil.release(frame);
        }
        dialogue.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolServer.withSession(connection, () -> ConnectionErrors.log(log, cause));
        if (!closing && ctx.channel().isActive() && !StartTls.active(ctx.channel()) && !ConnectionErrors.tls(cause)) {
            close(Replies.error(services.options().hostname()));
        } else {
            closing = true;
            ctx.close();
        }
    }
}
