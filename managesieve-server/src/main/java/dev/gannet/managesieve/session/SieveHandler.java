package dev.gannet.managesieve.session;

import dev.gannet.core.metrics.Meters;
import dev.gannet.core.net.Connection;
import dev.gannet.core.net.ConnectionErrors;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.net.StartTls;
import dev.gannet.core.node.NodeContext;
import dev.gannet.delivery.scriptcheck.ScriptChecker;
import dev.gannet.managesieve.ManageSieveConfig;
import dev.gannet.managesieve.protocol.Decoded;
import dev.gannet.managesieve.protocol.Reply;
import dev.gannet.managesieve.protocol.Responses;
import dev.gannet.managesieve.protocol.SieveCommand;
import dev.gannet.managesieve.protocol.SieveDecoder;
import dev.gannet.managesieve.protocol.SieveParseException;
import dev.gannet.managesieve.protocol.SieveParser;
import io.micrometer.core.instrument.Timer;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * One ManageSieve connection on its event loop (RFC 5804 §1.2): greets with the capabilities, takes the
 * decoder's lines one at a time and answers strictly in order; while a command waits for the store, reading is
 * paused so the queue stays small. STARTTLS drops whatever was pipelined after it and re-sends the
 * capabilities once the handshake is done (§2.2). An over-long line ends the connection with BYE, as does the
 * idle timer.
 */
public final class SieveHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SieveHandler.class);

    private final NodeContext context;
    private final ManageSieveConfig config;
    private final ScriptChecker checker;
    private final SieveSession session = new SieveSession();
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Dispatcher dispatcher;
    private boolean busy;
    private boolean draining;
    private boolean closing;
    private String verb;
    private Timer.Sample timing;

    public SieveHandler(NodeContext context, ManageSieveConfig config) {
        this(context, config, ScriptChecker.engine());
    }

    public SieveHandler(NodeContext context, ManageSieveConfig config, ScriptChecker checker) {
        this.context = context;
        this.config = config;
        this.checker = checker;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.dispatcher = new Dispatcher(session, context, config, checker, new ChannelPeer(), ctx.executor());
        write(dispatcher.capabilities() + Responses.ok(context.hostname() + " ManageSieve ready"));
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
                Object item = next;
                ProtocolServer.withSession(Connection.of(ctx.channel()), () -> handle(item));
            }
        } finally {
            draining = false;
        }
        if (!busy && !closing && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void handle(Object msg) {
        if (msg instanceof Decoded.Problem p) {
            session.awaitingSasl(false);
            switch (p.kind()) {
                case LINE_TOO_LONG -> close(Responses.bye(null, "line too long"));
                case TOO_BIG -> write(Responses.no("QUOTA/MAXSIZE", "a script may have at most "
                        + config.maxScriptSize() + " bytes"));
                case SYNTAX -> write(Responses.no(p.message()));
            }
            return;
        }
        if (!(msg instanceof Decoded.Line line)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (session.awaitingSasl()) {
            run("AUTHENTICATE", () -> dispatcher.saslResponse(line.tokens()));
            return;
        }
        SieveCommand command;
        try {
            command = SieveParser.parse(line.tokens());
        } catch (SieveParseException e) {
            write(Responses.no(e.getMessage()));
            return;
        }
        run(command.verb().name(), () -> dispatcher.execute(command));
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
        reply.onErrorResume(e -> Mono.just(Dispatcher.toReply(e)))
                .defaultIfEmpty(new Reply.Text(Responses.no("TRYLATER", "no answer"), true))
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
        if (reply instanceof Reply.Text t) {
            if (t.close()) {
                close(t.wire());
            } else {
                write(t.wire());
            }
        } else if (reply instanceof Reply.StartTls s) {
            SieveDecoder decoder = ctx.pipeline().get(SieveDecoder.class);
            if (decoder != null) {
                decoder.discardBuffered();
            }
            pending.clear();
            StartTls.begin(ctx.channel(), context.tls()).addListener(f -> {
                if (f.isSuccess()) {
                    onLoop(() -> write(dispatcher.capabilities() + Responses.ok("TLS negotiation successful")));
                }
            });
            write(s.ok());
        }
        finish();
    }

    private void finish() {
        busy = false;
        Connection connection = Connection.of(ctx.channel());
        if (connection != null) {
            connection.endCommand();
        }
        if (timing != null) {
            timing.stop(Meters.command(context.metrics(), "managesieve", verb));
            timing = null;
        }
        drain();
    }

    private ChannelFuture write(String wire) {
        return ctx.writeAndFlush(utf8(wire));
    }

    private void close(String wire) {
        closing = true;
        pending.clear();
        write(wire).addListener(ChannelFutureListener.CLOSE);
    }

    private ByteBuf utf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return ctx.alloc().buffer(bytes.length).writeBytes(bytes);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (!closing) {
                log.info("autologout after {} idle", config.idleTimeout());
                close(Responses.bye(null, "autologout; idle for too long"));
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
            return Connection.sessionId(ctx.channel(), SieveHandler.this);
        }
    }
}
