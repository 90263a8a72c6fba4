package dev.gannet.managesieve.protocol;

/** What a command answers: bytes to send (then maybe close), or the go-ahead of STARTTLS. */
public sealed interface Reply {

    /** Response lines as built by {@link Responses}. */
    record Text(String wire, boolean close) implements Reply {
        public Text(String wire) {
            this(wire, false);
        }
    }

    /** STARTTLS accepted: install TLS, then send {@code ok}; the capabilities follow the handshake (§2.2). */
    record StartTls(String ok) implements Reply {
    }
}
