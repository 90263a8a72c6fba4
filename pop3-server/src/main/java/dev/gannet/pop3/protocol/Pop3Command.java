package dev.gannet.pop3.protocol;

import java.util.Optional;

/**
 * A parsed POP3 command (RFC 1939 §5-§7, RFC 2449 §5, RFC 2595 §4, RFC 5034 §4). Handlers get these
 * records, never raw tokens; the {@link Visitor} makes dispatch exhaustive at compile time, so a new
 * command without a handler does not build. Message numbers are kept as parsed (possibly 0 or beyond
 * the maildrop); the maildrop decides whether one exists.
 */
public sealed interface Pop3Command {

    Verb verb();

    <R> R accept(Visitor<R> visitor);

    /** One method per command: the dispatcher implements it. */
    interface Visitor<R> {
        R user(User c);

        R pass(Pass c);

        R auth(Auth c);

        R stls(Stls c);

        R capa(Capa c);

        R quit(Quit c);

        R stat(Stat c);

        R list(List c);

        R uidl(Uidl c);

        R retr(Retr c);

        R top(Top c);

        R dele(Dele c);

        R rset(Rset c);

        R noop(Noop c);
    }

    record User(String name) implements Pop3Command {
        public Verb verb() {
            return Verb.USER;
        }

        public <R> R accept(Visitor<R> v) {
            return v.user(this);
        }
    }

    record Pass(String password) implements Pop3Command {
        public Verb verb() {
            return Verb.PASS;
        }

        public <R> R accept(Visitor<R> v) {
            return v.pass(this);
        }

        @Override
        public String toString() {
            return "Pass[***]";
        }
    }

    /** {@code AUTH} alone lists the mechanisms; an initial response of "=" is an empty one (RFC 5034 §4). */
    record Auth(Optional<String> mechanism, Optional<String> initialResponse) implements Pop3Command {
        public Verb verb() {
            return Verb.AUTH;
        }

        public <R> R accept(Visitor<R> v) {
            return v.auth(this);
        }

        @Override
        public String toString() {
            return "Auth[" + mechanism.orElse("") + (initialResponse.isPresent() ? " ***" : "") + "]";
        }
    }

    record Stls() implements Pop3Command {
        public Verb verb() {
            return Verb.STLS;
        }

        public <R> R accept(Visitor<R> v) {
            return v.stls(this);
        }
    }

    record Capa() implements Pop3Command {
        public Verb verb() {
            return Verb.CAPA;
        }

        public <R> R accept(Visitor<R> v) {
            return v.capa(this);
        }
    }

    record Quit() implements Pop3Command {
        public Verb verb() {
            return Verb.QUIT;
        }

        public <R> R accept(Visitor<R> v) {
            return v.quit(this);
        }
    }

    record Stat() implements Pop3Command {
        public Verb verb() {
            return Verb.STAT;
        }

        public <R> R accept(Visitor<R> v) {
            return v.stat(this);
        }
    }

    /** LIST with an optional message number. */
    record List(Optional<Long> message) implements Pop3Command {
        public Verb verb() {
            return Verb.LIST;
        }

        public <R> R accept(Visitor<R> v) {
            return v.list(this);
        }
    }

    /** UIDL with an optional message number. */
    record Uidl(Optional<Long> message) implements Pop3Command {
        public Verb verb() {
            return Verb.UIDL;
        }

        public <R> R accept(Visitor<R> v) {
            return v.uidl(this);
        }
    }

    record Retr(long message) implements Pop3Command {
        public Verb verb() {
            return Verb.RETR;
        }

        public <R> R accept(Visitor<R> v) {
            return v.retr(this);
        }
    }

    record Top(long message, long lines) implements Pop3Command {
        public Verb verb() {
            return Verb.TOP;
        }

        public <R> R accept(Visitor<R> v) {
            return v.top(this);
        }
    }

    record Dele(long message) implements Pop3Command {
        public Verb verb() {
            return Verb.DELE;
        }

        public <R> R accept(Visitor<R> v) {
            return v.dele(this);
        }
    }

    record Rset() implements Pop3Command {
        public Verb verb() {
            return Verb.RSET;
        }

        public <R> R accept(Visitor<R> v) {
            return v.rset(this);
        }
    }

    record Noop() implements Pop3Command {
        public Verb verb() {
            return Verb.NOOP;
        }

        public <R> R accept(Visitor<R> v) {
            return v.noop(this);
        }
    }
}
