package dev.gannet.lmtp.session;

import dev.gannet.core.net.Connection;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.net.StartTls;
import dev.gannet.core.store.MessageSource;
import dev.gannet.lmtp.command.data.Spool;
import dev.gannet.lmtp.command.misc.Replies;
import dev.gannet.lmtp.delivery.Envelope;
import dev.gannet.lmtp.delivery.LmtpErrors;
import dev.gannet.lmtp.protocol.CommandParser;
import dev.gannet.lmtp.protocol.LmtpCommand;
import dev.gannet.lmtp.protocol.LmtpDecoder;
import dev.gannet.lmtp.protocol.LmtpFrame;
import dev.gannet.lmtp.protocol.Reply;
import dev.gannet.lmtp.protocol.Stage;
import dev.gannet.lmtp.protocol.SyntaxError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One LMTP connection (RFC 2033 §4): frames from {@link LmtpDecoder} are handled strictly in order, so
 * pipelined commands (RFC 2920) are answered in order; while a command waits for the store, later frames
 * queue and reading stops. Legality per stage is checked here once, from {@link LmtpCommand.Verb}; the
 * body of DATA or BDAT goes to a {@link Spool}; after the body every accepted recipient gets its own reply.
 */
public final class LmtpSession extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(LmtpSession.class);

    /** The BDAT chunk being read: stored, or discarded and then answered with {@code refusal}. */
    private record Chunk(LmtpCommand.Bdat command, Reply refusal, LmtpErrors.Outcome perRecipient) {
    }

    private final LmtpServices services;
    private final LmtpDecoder decoder;
    private final Deque<Object> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Connection connection;
    private boolean draining;
    private boolean busy;
    private boolean closing;
    private boolean greeted;
    private boolean inData;
    private Chunk chunk;
    private String lhloName = "unknown";
    private Transaction tx;
    private int transactions;

    public LmtpSession(LmtpServices services, LmtpDecoder decoder) {
        this.services = services;
        this.decoder = decoder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.connection = Connection.of(ctx.channel());
        ctx.writeAndFlush(buffer(Replies.greeting(services.options().hostname())));
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
                content(c.content());
            } finally {
                c.release();
            }
        } else if (closing) {
            ReferenceCountUtil.release(frame);
        } else if (frame instanceof LmtpFrame.Line l) {
            line(l.text());
        } else if (frame instanceof LmtpFrame.LineTooLong) {
            reply(Replies.LINE_TOO_LONG);
        } else if (frame instanceof LmtpFrame.DataEnd end) {
            dataEnd(end.status());
        } else if (frame instanceof LmtpFrame.ChunkEnd) {
            chunkEnd();
        }
    }

    private Stage stage() {
        if (!greeted) {
            return Stage.CONNECTED;
        }
        if (tx == null) {
            return Stage.READY;
        }
        return tx.recipients.isEmpty() ? Stage.MAIL : Stage.RCPT;
    }

    private void line(String text) {
        LmtpCommand command;
        try {
            command = CommandParser.parse(text);
        } catch (SyntaxError e) {
            reply(e.reply());
            return;
        }
        if (!command.verb().legalIn(stage())) {
            boolean body = command.verb() == LmtpCommand.Verb.DATA || command.verb() == LmtpCommand.Verb.BDAT;
            Reply refusal = body && stage() == Stage.MAIL ? Replies.NO_RECIPIENTS : Replies.BAD_SEQUENCE;
            refuse(command, refusal);
            return;
        }
        switch (command.verb()) {
            case LHLO -> {
                discardTransaction();
                greeted = true;
                lhloName = ((LmtpCommand.Lhlo) command).domain();
                reply(services.lhlo().handle((LmtpCommand.Lhlo) command, connection.isTls()));
            }
            case MAIL -> mail((LmtpCommand.Mail) command);
            case RCPT -> rcpt((LmtpCommand.Rcpt) command);
            case DATA -> data();
            case BDAT -> bdat((LmtpCommand.Bdat) command);
            case RSET -> {
                discardTransaction();
                reply(Replies.OK);
            }
            case NOOP -> reply(Replies.OK);
            case VRFY -> reply(Replies.VRFY);
            case HELP -> reply(Replies.HELP);
            case QUIT -> {
                closing = true;
                discardTransaction();
                ctx.writeAndFlush(buffer(Replies.bye(services.options().hostname()))).addListener(ChannelFutureListener.CLOSE);
            }
            case STARTTLS -> startTls();
            default -> throw new IllegalStateException(command.verb().name());
        }
    }

    /** A command that may not be given now; BDAT's bytes are still read, and answered after them. */
    private void refuse(LmtpCommand command, Reply refusal) {
        if (command instanceof LmtpCommand.Bdat b) {
            chunk = new Chunk(b, refusal, null);
            return;
        }
        if (decoder.paused()) {
            decoder.resume();
        }
        reply(refusal);
    }

    private void mail(LmtpCommand.Mail command) {
        Reply refusal = services.mail().refusal(command);
        if (refusal != null) {
            reply(refusal);
            return;
        }
        tx = new Transaction(connection.sessionId() + "-" + (++transactions), command);
        reply(dev.gannet.lmtp.command.mail.MailHandler.OK);
    }

    private void rcpt(LmtpCommand.Rcpt command) {
        if (tx.recipients.size() >= services.options().maxRecipients()) {
            reply(Replies.TOO_MANY_RECIPIENTS);
            return;
        }
        Transaction current = tx;
        async(services.rcpt().handle(command, current.mail.size()), result -> {
            if (result.accepted() != null && tx == current) {
                current.recipients.add(result.accepted());
            }
            reply(result.reply());
        });
    }

    private void data() {
        if (tx.chunked) {
            refuse(new LmtpCommand.Data(), Replies.BAD_SEQUENCE);
            return;
        }
        tx.spool = newSpool();
        inData = true;
        reply(Replies.START_DATA);
        ctx.flush();
        decoder.startData();
    }

    private void bdat(LmtpCommand.Bdat command) {
        if (tx.spool == null) {
            tx.spool = newSpool();
        }
        tx.chunked = true;
        if (tx.spool.size() + command.size() > services.options().maxMessageSize()) {
            LmtpErrors.Outcome tooBig = LmtpErrors.tooBig();
            chunk = new Chunk(command, tooBig.reply(), command.last() ? tooBig : null);
            return;
        }
        chunk = new Chunk(command, null, null);
    }

    private Spool newSpool() {
        return new Spool(services.options().spoolThreshold(), services.options().spoolDir());
    }

    private void content(ByteBuf bytes) {
        boolean storing = inData || (chunk != null && chunk.refusal() == null);
        if (!storing || tx == null || tx.spool == null || tx.spoolFailed) {
            return;
        }
        try {
            tx.spool.write(bytes);
        } catch (IOException e) {
            log.warn("cannot spool message body: {}", e.toString());
            tx.spoolFailed = true;
        }
    }

    private void dataEnd(LmtpFrame.DataStatus status) {
        inData = false;
        switch (status) {
            case COMPLETE -> deliver();
            case TOO_BIG -> refuseAll(LmtpErrors.tooBig());
            case BARE_LINE_ENDING -> refuseAll(LmtpErrors.bareLineEnding());
            default -> throw new IllegalStateException(status.name());
        }
    }

    private void chunkEnd() {
        Chunk c = chunk;
        chunk = null;
        if (c == null) {
            return;
        }
        if (c.refusal() != null) {
            if (c.perRecipient() != null && tx != null) {
                refuseAll(c.perRecipient());
            } else {
                if (c.refusal().code() == 552) {
                    discardTransaction();
                }
                reply(c.refusal());
            }
        } else if (!c.command().last()) {
            reply(tx.spoolFailed ? Replies.LOCAL_ERROR : Replies.chunkReceived(c.command().size()));
        } else {
            deliver();
        }
    }

    /** Ends the transaction with the same answer for every recipient. */
    private void refuseAll(LmtpErrors.Outcome outcome) {
        Transaction t = tx;
        tx = null;
        services.deliverer().refuseAll(envelope(t), outcome).forEach(this::reply);
        t.discard();
    }

    private void deliver() {
        Transaction t = tx;
        tx = null;
        MessageSource source;
        try {
            if (t.spoolFailed) {
                throw new IOException("spool failed");
            }
            source = t.spool.source();
        } catch (IOException e) {
            tx = t;
            refuseAll(LmtpErrors.UNAVAILABLE);
            return;
        }
        async(services.deliverer().deliver(envelope(t), source).doFinally(s -> t.discard()),
                replies -> replies.forEach(this::reply));
    }

    private Envelope envelope(Transaction t) {
        String peer = connection.remote() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(connection.remote());
        return new Envelope(connection.sessionId(), t.queueId, t.mail.reversePath(), t.recipients, lhloName, peer,
                connection.isTls());
    }

    private void startTls() {
        if (connection.isTls() || StartTls.active(ctx.channel())) {
            refuse(new LmtpCommand.StartTls(), Replies.TLS_ACTIVE);
            return;
        }
        decoder.resumeDroppingInput();
        discardTransaction();
        greeted = false;
        lhloName = "unknown";
        StartTls.begin(ctx.channel(), services.tls());
        ctx.writeAndFlush(buffer(Replies.START_TLS));
    }

    /** Runs store work off the event loop; frames wait, and reading stops, until it is answered. */
    private <T> void async(Mono<T> work, Consumer<T> then) {
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

    private void reply(Reply reply) {
        if (ctx.channel().isActive()) {
            ctx.write(buffer(reply));
        }
    }

    private static ByteBuf buffer(Reply reply) {
        return Unpooled.wrappedBuffer(reply.bytes());
    }

    private void discardTransaction() {
        if (tx != null) {
            tx.discard();
            tx = null;
        }
        inData = false;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (!busy && !closing) {
                closing = true;
                ProtocolServer.withSession(connection, () -> log.info("closing idle connection"));
                ctx.writeAndFlush(buffer(Replies.idle(services.options().hostname()))).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (inData || chunk != null) {
            ProtocolServer.withSession(connection, () -> log.info("client left during a message body; nothing stored"));
        }
        Object frame;
        while ((frame = pending.poll()) != null) {
            ReferenceCountUtil.release(frame);
        }
        discardTransaction();
        chunk = null;
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolServer.withSession(connection, () -> log.warn("closing connection: {}", cause.toString()));
        if (!closing && ctx.channel().isActive() && !StartTls.active(ctx.channel())) {
            closing = true;
            ctx.writeAndFlush(buffer(Replies.error(services.options().hostname()))).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
