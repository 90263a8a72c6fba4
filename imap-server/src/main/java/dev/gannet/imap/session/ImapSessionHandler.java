package dev.gannet.imap.session;

import dev.gannet.core.net.Connection;
import dev.gannet.core.net.ConnectionErrors;
import dev.gannet.core.metrics.Meters;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.imap.codec.ContinuationRequest;
import dev.gannet.imap.codec.DecodeProblem;
import dev.gannet.imap.codec.ImapDecoder;
import dev.gannet.imap.codec.RawCommand;
import dev.gannet.imap.command.CommandParser;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Runs one connection's commands in order (RFC 3501 §5.5): greets, queues what the decoder frames, parses
 * and dispatches one command at a time, writes its tagged response, then takes the next. While a command
 * waits for a continuation line (AUTHENTICATE, IDLE) that line goes to it instead of the queue. Reading
 * pauses while too many commands are queued, so a client cannot make the server buffer without bound.
 */
public final class ImapSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ImapSessionHandler.class);
    private static final int MAX_QUEUED = 16;

    private final ImapServer server;
    private final Deque<Object> queue = new ArrayDeque<>();
    private ImapSession session;
    private ChannelHandlerContext ctx;
    private boolean busy;
    private boolean closing;

    public ImapSessionHandler(ImapServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        session = new ImapSession(server, ctx.channel(), Connection.of(ctx.channel()));
        session.onDiscardPipelined(this::discardPipelined);
        session.out().flush("* OK [" + session.capabilityLine() + "] Gannet ready.");
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            release(msg);
            return;
        }
        if (msg == ContinuationRequest.INSTANCE) {
            session.out().continuation("Ready for literal data");
            return;
        }
        if (msg instanceof RawCommand raw && session.offerContinuation(raw)) {
            return;
        }
        queue.add(msg);
        if (queue.size() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        drain();
    }

    private void drain() {
        while (!busy && !closing && !queue.isEmpty()) {
            Object next = queue.poll();
            if (queue.size() < MAX_QUEUED / 2 && !ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            if (next instanceof DecodeProblem p) {
                problem(p);
            } else if (next instanceof RawCommand raw) {
                run(raw);
            }
        }
    }

    private void problem(DecodeProblem p) {
        if (p.close()) {
            closing = true;
            session.out().flush("* " + p.status() + " " + p.text()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String tag = p.tag() == null ? "*" : p.tag();
        session.out().flush(tag + " " + p.status() + (p.code() == null ? "" : " [" + p.code() + "]") + " " + p.text());
    }

    private void run(RawCommand raw) {
        ImapCommand command;
        String tag = null;
        try {
            ArgReader reader = new ArgReader(raw);
            tag = reader.tag();
            reader.sp();
            command = CommandParser.parse(tag, reader);
        } catch (ImapParseException e) {
            raw.release();
            session.out().flush((tag == null ? "*" : tag) + " BAD " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            raw.release();
            session.out().flush((tag == null ? "*" : tag) + " BAD Invalid arguments");
            return;
        }
        busy = true;
        Connection connection = session.connection();
        if (connection != null) {
            connection.beginCommand();
        }
        Timer.Sample sample = Timer.start(server.node().metrics());
        String name = command.kind().name();
        ProtocolServer.withSession(connection, () -> {
            MDC.put("command", name);
            MDC.put("user", session.user() == null ? "-" : session.user().username());
            log.debug("{} {}", command.tag(), name);
            MDC.remove("command");
            MDC.remove("user");
        });
        Dispatcher.execute(command, session)
                .defaultIfEmpty(Tagged.no("SERVERBUG", "No response"))
                .subscribe(t -> finish(command, t, raw, sample),
                        e -> finish(command, ImapErrors.toResponse(e), raw, sample));
    }

    private void finish(ImapCommand command, Tagged response, RawCommand raw, Timer.Sample sample) {
        raw.release();
        sample.stop(Meters.command(server.node().metrics(), "imap", command.kind().name()));
        // A response cut short (Responder.abort) has already ended the connection with a BYE: no tagged
        // response may follow it and no queued command may run.
        boolean aborted = session.out().aborted();
        if (!aborted) {
            Runnable then = session.takeAfterTagged();
            var written = then == null ? session.out().flush(response.line(command.tag()))
                    : session.out().flushThen(response.line(command.tag()), then);
            if (response.closeAfter()) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
        Connection connection = session.connection();
        if (connection != null) {
            connection.endCommand();
        }
        ctx.executor().execute(() -> {
            busy = false;
            if (response.closeAfter() || aborted) {
                closing = true;
            }
            drain();
        });
    }

    private void discardPipelined() {
        ImapDecoder decoder = ctx.pipeline().get(ImapDecoder.class);
        if (decoder != null) {
            decoder.discardBuffered();
        }
        queue.forEach(ImapSessionHandler::release);
        queue.clear();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            closing = true;
            session.out().flush("* BYE Autologout; idle for too long").addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        queue.forEach(ImapSessionHandler::release);
        queue.clear();
        if (session != null) {
            session.closed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolServer.withSession(session == null ? null : session.connection(), () -> ConnectionErrors.log(log, cause));
        closing = true;
        if (ConnectionErrors.tls(cause)) {
            ctx.close(); // nothing can be said on a connection whose TLS failed
            return;
        }
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes("* BYE Internal error\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static void release(Object msg) {
        if (msg instanceof RawCommand raw) {
            raw.release();
        }
    }
}
