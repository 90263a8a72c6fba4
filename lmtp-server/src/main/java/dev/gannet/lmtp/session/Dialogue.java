package dev.gannet.lmtp.session;

import dev.gannet.core.store.MessageSource;
import dev.gannet.lmtp.command.data.Spool;
import dev.gannet.lmtp.command.mail.MailHandler;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The LMTP state machine of one connection (RFC 2033 §4 on RFC 5321 §4.1.4's command order): it checks once
 * whether a command is legal in the current {@link Stage}, dispatches with one switch over the verbs, tells the
 * decoder what a paused DATA or STARTTLS turned into, collects the body of DATA or BDAT (RFC 3030) in a
 * {@link Spool}, and after the body answers every accepted recipient on its own line (RFC 2033 §4.2).
 */
final class Dialogue {

    private static final Logger log = LoggerFactory.getLogger(Dialogue.class);

    /** The BDAT chunk being read: stored, or discarded and then answered with {@code refusal}. */
    private record Chunk(LmtpCommand.Bdat command, Reply refusal, LmtpErrors.Outcome perRecipient) {
    }

    private final LmtpServices services;
    private final LmtpDecoder decoder;
    private final SessionIo io;
    private boolean greeted;
    private boolean inData;
    private Chunk chunk;
    private String lhloName = "unknown";
    private Transaction tx;
    private int transactions;

    Dialogue(LmtpServices services, LmtpDecoder decoder, SessionIo io) {
        this.services = services;
        this.decoder = decoder;
        this.io = io;
    }

    /** Handles one frame other than content. */
    void frame(LmtpFrame frame) {
        if (frame instanceof LmtpFrame.Line l) {
            line(l.text());
        } else if (frame instanceof LmtpFrame.LineTooLong) {
            io.reply(Replies.LINE_TOO_LONG);
        } else if (frame instanceof LmtpFrame.DataEnd end) {
            dataEnd(end.status());
        } else if (frame instanceof LmtpFrame.ChunkEnd) {
            chunkEnd();
        }
    }

    Stage stage() {
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
            io.reply(e.reply());
            return;
        }
        if (!command.verb().legalIn(stage())) {
            boolean body = command.verb() == LmtpCommand.Verb.DATA || command.verb() == LmtpCommand.Verb.BDAT;
            refuse(command, body && stage() == Stage.MAIL ? Replies.NO_RECIPIENTS : Replies.BAD_SEQUENCE);
            return;
        }
        switch (command.verb()) {
            case LHLO -> {
                discardTransaction();
                greeted = true;
                lhloName = ((LmtpCommand.Lhlo) command).domain();
                io.reply(services.lhlo().handle((LmtpCommand.Lhlo) command, io.connection().isTls()));
            }
            case MAIL -> mail((LmtpCommand.Mail) command);
            case RCPT -> rcpt((LmtpCommand.Rcpt) command);
            case DATA -> data();
            case BDAT -> bdat((LmtpCommand.Bdat) command);
            case RSET -> {
                discardTransaction();
                io.reply(Replies.OK);
            }
            case NOOP -> io.reply(Replies.OK);
            case VRFY -> io.reply(Replies.VRFY);
            case HELP -> io.reply(Replies.HELP);
            case QUIT -> {
                discardTransaction();
                io.close(Replies.bye(services.options().hostname()));
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
        io.reply(refusal);
    }

    private void mail(LmtpCommand.Mail command) {
        Reply refusal = services.mail().refusal(command);
        if (refusal != null) {
            io.reply(refusal);
            return;
        }
        tx = new Transaction(io.connection().sessionId() + "-" + (++transactions), command);
        io.reply(MailHandler.OK);
    }

    private void rcpt(LmtpCommand.Rcpt command) {
        if (tx.recipients.size() >= services.options().maxRecipients()) {
            io.reply(Replies.TOO_MANY_RECIPIENTS);
            return;
        }
        Transaction current = tx;
        io.await(services.rcpt().handle(command, current.mail.size()), result -> {
            if (result.accepted() != null && tx == current) {
                current.recipients.add(result.accepted());
            }
            io.reply(result.reply());
        });
    }

    private void data() {
        if (tx.chunked) {
            refuse(new LmtpCommand.Data(), Replies.BAD_SEQUENCE);
            return;
        }
        tx.spool = newSpool();
        inData = true;
        io.reply(Replies.START_DATA);
        decoder.startData();
    }

    private void bdat(LmtpCommand.Bdat command) {
        if (tx.spool == null) {
            tx.spool = newSpool();
        }
        tx.chunked = true;
        if (tx.spool.storedSize() + command.size() > services.options().maxMessageSize()) {
            LmtpErrors.Outcome tooBig = LmtpErrors.tooBig();
            chunk = new Chunk(command, tooBig.reply(), command.last() ? tooBig : null);
            return;
        }
        chunk = new Chunk(command, null, null);
    }

    private Spool newSpool() {
        return new Spool(services.options().spoolThreshold(), services.options().spoolDir());
    }

    /** Body bytes: kept if a DATA body or an accepted chunk is being read, else dropped. */
    void content(ByteBuf bytes) {
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
            case COMPLETE -> {
                if (tooBigOnceStored()) {
                    refuseAll(LmtpErrors.tooBig());
                } else {
                    deliver();
                }
            }
            case TOO_BIG -> refuseAll(LmtpErrors.tooBig());
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
                io.reply(c.refusal());
            }
        } else if (tooBigOnceStored()) {
            // the chunk's bare LFs, made CRLF, took the message over the limit its octets were within
            LmtpErrors.Outcome tooBig = LmtpErrors.tooBig();
            if (c.command().last()) {
                refuseAll(tooBig);
            } else {
                discardTransaction();
                io.reply(tooBig.reply());
            }
        } else if (!c.command().last()) {
            io.reply(tx.spoolFailed ? Replies.LOCAL_ERROR : Replies.chunkReceived(c.command().size()));
        } else {
            deliver();
        }
    }

    /** The limit is on the message as stored, with CRLF line endings (RFC 1870 counts CR-LF pairs too). */
    private boolean tooBigOnceStored() {
        return tx != null && tx.spool != null && tx.spool.storedSize() > services.options().maxMessageSize();
    }

    /** Ends the transaction with the same answer for every recipient. */
    private void refuseAll(LmtpErrors.Outcome outcome) {
        Transaction t = tx;
        tx = null;
        services.deliverer().refuseAll(envelope(t), outcome).forEach(io::reply);
        t.discard();
    }

    private void deliver() {
        Transaction t = tx;
        MessageSource source;
        try {
            if (t.spoolFailed) {
                throw new IOException("spool failed");
            }
            source = t.spool.source();
        } catch (IOException e) {
            refuseAll(LmtpErrors.UNAVAILABLE);
            return;
        }
        tx = null;
        io.await(services.deliverer().deliver(envelope(t), source).doFinally(s -> t.discard()),
                replies -> replies.forEach(io::reply));
    }

    private Envelope envelope(Transaction t) {
        Object remote = io.connection().remote();
        String peer = remote instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(remote);
        return new Envelope(io.connection().sessionId(), t.queueId, t.mail.reversePath(), t.recipients, lhloName, peer,
                io.connection().isTls());
    }

    private void startTls() {
        if (io.connection().isTls()) {
            refuse(new LmtpCommand.StartTls(), Replies.TLS_ACTIVE);
            return;
        }
        decoder.resumeDroppingInput();
        discardTransaction();
        greeted = false;
        lhloName = "unknown";
        io.startTls(Replies.START_TLS);
    }

    /** True while a message body is being read. */
    boolean receivingBody() {
        return inData || chunk != null;
    }

    /** The connection ended: nothing half-received is kept. */
    void closed() {
        discardTransaction();
        chunk = null;
    }

    private void discardTransaction() {
        if (tx != null) {
            tx.discard();
            tx = null;
        }
        inData = false;
    }
}
