package dev.gannet.lmtp.protocol;

import dev.gannet.core.store.EmailAddress;

import java.util.EnumSet;
import java.util.Objects;

/**
 * A parsed LMTP command (RFC 2033 §4; MAIL and RCPT parameters from RFC 1870 SIZE, RFC 6152 8BITMIME,
 * RFC 6531 SMTPUTF8; BDAT from RFC 3030; STARTTLS from RFC 3207). Handlers see these records, never raw
 * text. Each verb declares the stages it is legal in, and the session checks that once for all of them.
 */
public sealed interface LmtpCommand {

    Verb verb();

    /** Every command, with the stages it may be given in. */
    enum Verb {
        LHLO(EnumSet.allOf(Stage.class)),
        MAIL(EnumSet.of(Stage.READY)),
        RCPT(EnumSet.of(Stage.MAIL, Stage.RCPT)),
        DATA(EnumSet.of(Stage.RCPT)),
        BDAT(EnumSet.of(Stage.RCPT)),
        RSET(EnumSet.allOf(Stage.class)),
        NOOP(EnumSet.allOf(Stage.class)),
        QUIT(EnumSet.allOf(Stage.class)),
        VRFY(EnumSet.allOf(Stage.class)),
        HELP(EnumSet.allOf(Stage.class)),
        STARTTLS(EnumSet.of(Stage.CONNECTED, Stage.READY));

        private final EnumSet<Stage> legalIn;

        Verb(EnumSet<Stage> legalIn) {
            this.legalIn = legalIn;
        }

        public boolean legalIn(Stage stage) {
            return legalIn.contains(stage);
        }
    }

    /** The body types of RFC 6152 §3 (BINARYMIME is not offered). */
    enum Body { SEVEN_BIT, EIGHT_BIT_MIME }

    record Lhlo(String domain) implements LmtpCommand {
        public Lhlo {
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public Verb verb() {
            return Verb.LHLO;
        }
    }

    /**
     * @param reversePath the address between the angle brackets, empty for the null path
     * @param size the declared size (RFC 1870), or -1
     */
    record Mail(String reversePath, long size, Body body, boolean smtpUtf8) implements LmtpCommand {
        public Mail {
            Objects.requireNonNull(reversePath, "reversePath");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public Verb verb() {
            return Verb.MAIL;
        }
    }

    /** @param path the forward path as the client wrote it (without a source route) */
    record Rcpt(String path, EmailAddress address) implements LmtpCommand {
        public Rcpt {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(address, "address");
        }

        @Override
        public Verb verb() {
            return Verb.RCPT;
        }
    }

    record Data() implements LmtpCommand {
        @Override
        public Verb verb() {
            return Verb.DATA;
        }
    }

    record Bdat(long size, boolean last) implements LmtpCommand {
        @Override
        public Verb verb() {
            return Verb.BDAT;
        }
    }

    record Rset() implements LmtpCommand {
        @Override
        public Verb verb() {
            return Verb.RSET;
        }
    }

    record Noop() implements LmtpCommand {
        @Override
        public Verb verb() {
            return Verb.NOOP;
        }
    }

    record Quit() implements LmtpCommand {
        @Override
        public Verb verb() {
            return Verb.QUIT;
        }
    }

    record Vrfy(String argument) implements LmtpCommand {
        @Override
        public Verb verb() {
            return Verb.VRFY;
        }
    }

    record Help(String topic) implements LmtpCommand {
        @Override
        public Verb verb() {
            return Verb.HELP;
        }
    }

    record StartTls() implements LmtpCommand {
        @Override
        public Verb verb() {
            return Verb.STARTTLS;
        }
    }
}
