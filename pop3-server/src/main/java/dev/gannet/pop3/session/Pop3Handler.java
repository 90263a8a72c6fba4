package dev.gannet.pop3.session;

import dev.gannet.core.net.Connection;
import dev.gannet.core.net.ConnectionErrors;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.net.StartTls;
import dev.gannet.core.node.NodeContext;
import dev.gannet.pop3.Pop3Config;
import dev.gannet.pop3.protocol.Pop3Command;
import dev.gannet.pop3.protocol.Pop3Exception;
import dev.gannet.pop3.protocol.Pop3LineDecoder;
import dev.gannet.pop3.protocol.Pop3Parser;
import dev.gannet.pop3.protocol.Pop3State;
import dev.gannet.pop3.protocol.Reply;
import io.micrometer.core.instrument.Timer;
import dev.gannet.core.metrics.Meters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * One POP3 connection on its event loop (RFC 1939 §3): greets, takes the decoder's lines one at a time
 * and answers them strictly in order, so pipelined commands (RFC 2449 §6.6) queue behind a command that
 * waits for the store; while one runs, reading from the socket is paused so the queue stays small.
 * Replies are written here, bodies through a {@link BodyStreamer} with back-pressure. Autologout
 * (RFC 1939 §3) and a dropped connection end the session without UPDATE and free the maildrop lock.
 */
public final class Pop3Handler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(Pop3Handler.class);

    private final NodeContext context;
    private final Pop3Config config;
    private final Pop3Session session = new Pop3Session();
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Dispatcher dispatcher;
    private BodyStreamer streamer;
    private boolean busy;
    private boolean draining;
    private boolean closing;
    private String verb;
    private Timer.Sample timing;

    public Pop3Handler(NodeContext context, Pop3Config config) {
        this.context = context;
        this.config = config;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.dispatcher = new Dispatcher(session, context, config, new ChannelPeer(), ctx.executor());
        writeLine("+OK " + context.hostname() + " POP3 server ready");
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        pending.add(msg);
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
            Object next;
            while (!busy && !closing && (next = pending.poll()) != null) {
                Object line = next;
                ProtocolServer.withSession(Connection.of(ctx.channel()), () -> handle(line));
            }
        } finally {
            draining = false;
        }
        if (!busy && !closing && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void handle(Object msg) {
        if (msg == Pop3LineDecoder.TOO_LONG) {
            writeLine("-ERR line too long");
            return;
        }
        if (!(msg instanceof String line)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (session.awaitingSasl()) {
            run("AUTH", () -> dispatcher.saslResponse(line));
            return;
        }
        Pop3Command command;
        try {
            command = Pop3Parser.parse(line);
        } catch (Pop3Exception e) {
            writeLine(e.replyLine());
            return;
        }
        if (!command.verb().legalIn(session.state())) {
            writeLine("-ERR command not valid in this state");
            return;
        }
        run(command.verb().name(), () -> command.accept(dispatcher));
    }

    private void run(String name, Supplier<Mono<Reply>> action) {
        busy = true;
        verb = name;
        timing = Timer.start(context.metrics());
        Connection connection = Connection.of(ctx.channel());
        if (connection != null) {
            connection.beginCommand();
        }
        MDC.put("command", name);
        if (session.user() != null) {
            MDC.put("user", session.user().username());
        }
        log.debug("{}", name);
        Mono<Reply> reply;
        try {
            reply = action.get();
        } catch (RuntimeException e) {
            reply = Mono.error(e);
        } finally {
            MDC.remove("command");
            MDC.remove("user");
        }
        reply.onErrorResume(e -> Mono.just(ErrorReplies.toReply(e)))
                .defaultIfEmpty(Reply.err("[SYS/TEMP] no answer"))
                .subscribe(r -> onLoop(() -> respond(r)));
    }

    private void onLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    private void respond(Reply reply) {
        if (reply instanceof Reply.Line line) {
            ChannelFuture written = writeLine(line.text());
            if (line.close()) {
                closing = true;
                pending.clear();
                written.addListener(ChannelFutureListener.CLOSE);
            }
            finish();
        } else if (reply instanceof Reply.Multi multi) {
            ctx.write(ascii(multi.status() + "\r\n"), ctx.voidPromise());
            if (!ctx.channel().isActive()) {
                finish();
                return;
            }
            streamer = new BodyStreamer(ctx, multi.encoder(), this::finish);
            multi.body().subscribe(streamer);
        } else if (reply instanceof Reply.StartTls) {
            Pop3LineDecoder decoder = ctx.pipeline().get(Pop3LineDecoder.class);
            if (decoder != null) {
                decoder.discardBuffered();
            }
            pending.clear();
            session.takePendingUser();
            StartTls.begin(ctx.channel(), context.tls());
            writeLine("+OK begin TLS negotiation");
            finish();
        }
    }

    private void finish() {
        streamer = null;
        busy = false;
        Connection connection = Connection.of(ctx.channel());
        if (connection != null) {
            connection.endCommand();
        }
        if (timing != null) {
            timing.stop(Meters.command(context.metrics(), "pop3", verb));
            timing = null;
        }
        drain();
    }

    private ChannelFuture writeLine(String text) {
        return ctx.writeAndFlush(ascii(text + "\r\n"));
    }

    private ByteBuf ascii(String s) {
        return ctx.alloc().buffer(s.length()).writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (streamer != null) {
            streamer.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (!closing) {
                closing = true;
                log.info("autologout after {} idle", config.idleTimeout());
                writeLine("-ERR autologout; idle for too long").addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        session.closed();
        pending.clear();
        if (streamer != null) {
            streamer.abort();
        }
        if (session.state() != Pop3State.UPDATE) {
            session.releaseLock();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolServer.withSession(Connection.of(ctx.channel()), () -> ConnectionErrors.log(log, cause));
        ctx.close();
    }

    /** The connection as the dispatcher sees it. */
    private final class ChannelPeer implements Dispatcher.Peer {
        @Override
        public boolean tls() {
            return Connection.tls(ctx.channel());
        }

        @Override
        public boolean loopback() {
            return Connection.loopback(ctx.channel());
        }

        @Override
        public String address() {
            return Connection.peerAddress(ctx.channel());
        }

        @Override
        public String sessionId() {
            return Connection.sessionId(ctx.channel(), Pop3Handler.this);
        }

        @Override
        public void abort() {
            closing = true;
            writeLine("-ERR [SYS/TEMP] maildrop lock lost").addListener(ChannelFutureListener.CLOSE);
        }
    }
}
