package dev.gannet.lmtp.session;

import dev.gannet.core.net.Connection;
import dev.gannet.lmtp.protocol.Reply;
import reactor.core.publisher.Mono;

import java.util.function.Consumer;

/** What the {@link Dialogue} asks of its connection; {@link LmtpSession} implements it on a Netty channel. */
interface SessionIo {

    Connection connection();

    /** Queues a reply; replies leave in the order they were queued. */
    void reply(Reply reply);

    /** Runs store work; later frames wait until {@code then} has run on the connection's thread. */
    <T> void await(Mono<T> work, Consumer<T> then);

    /** Sends {@code bye} and closes the connection. */
    void close(Reply bye);

    /** Installs TLS, then sends {@code goAhead} in plain text (RFC 3207 §4). */
    void startTls(Reply goAhead);
}
