package dev.gannet.lmtp.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandParserTest {

    private static String error(String line) {
        try {
            CommandParser.parse(line);
        } catch (SyntaxError e) {
            return e.reply().summary();
        }
        throw new AssertionError("parsed: " + line);
    }

    @Test
    void parsesEveryCommand() throws SyntaxError {
        assertThat(CommandParser.parse("lhlo mx.example")).isEqualTo(new LmtpCommand.Lhlo("mx.example"));
        assertThat(CommandParser.parse("MAIL FROM:<a@b.c> SIZE=100 BODY=8BITMIME SMTPUTF8"))
                .isEqualTo(new LmtpCommand.Mail("a@b.c", 100, LmtpCommand.Body.EIGHT_BIT_MIME, true));
        assertThat(CommandParser.parse("MAIL FROM: <>")).isEqualTo(new LmtpCommand.Mail("", -1, LmtpCommand.Body.SEVEN_BIT, false));
        LmtpCommand.Rcpt rcpt = (LmtpCommand.Rcpt) CommandParser.parse("RCPT TO:<@relay:Bob+x@Example.COM>");
        assertThat(rcpt.path()).isEqualTo("Bob+x@Example.COM");
        assertThat(rcpt.address().key()).isEqualTo("bob+x@example.com");
        assertThat(CommandParser.parse("BDAT 42 LAST")).isEqualTo(new LmtpCommand.Bdat(42, true));
        assertThat(CommandParser.parse("bdat 0")).isEqualTo(new LmtpCommand.Bdat(0, false));
        assertThat(CommandParser.parse("DATA")).isEqualTo(new LmtpCommand.Data());
        assertThat(CommandParser.parse("NOOP anything")).isEqualTo(new LmtpCommand.Noop());
        assertThat(CommandParser.parse("VRFY bob")).isEqualTo(new LmtpCommand.Vrfy("bob"));
        assertThat(CommandParser.parse("HELP")).isEqualTo(new LmtpCommand.Help(""));
        assertThat(CommandParser.parse("STARTTLS")).isEqualTo(new LmtpCommand.StartTls());
        assertThat(CommandParser.parse("RSET").verb()).isEqualTo(LmtpCommand.Verb.RSET);
        assertThat(CommandParser.parse("QUIT").verb()).isEqualTo(LmtpCommand.Verb.QUIT);
    }

    @Test
    void malformedCommandsGetTheirCodes() {
        assertThat(error("LHLO")).startsWith("501 5.5.4");
        assertThat(error("MAIL FROM:a@b")).startsWith("501 5.1.7");
        assertThat(error("MAIL TO:<a@b>")).startsWith("501 5.5.4");
        assertThat(error("MAIL FROM:<a@b> SIZE=big")).startsWith("501 5.5.4");
        assertThat(error("MAIL FROM:<a@b> BODY=BINARYMIME")).startsWith("501 5.5.4");
        assertThat(error("MAIL FROM:<a@b> RET=FULL")).startsWith("555 5.5.4");
        assertThat(error("RCPT TO:<nodomain>")).startsWith("501 5.1.3");
        assertThat(error("RCPT TO:<a@b> NOTIFY=NEVER")).startsWith("555 5.5.4");
        assertThat(error("DATA now")).startsWith("501 5.5.4");
        assertThat(error("BDAT -1")).startsWith("501 5.5.4");
        assertThat(error("EHLO x")).startsWith("500 5.5.1");
        assertThat(error("FROB")).startsWith("500 5.5.1");
        assertThat(error("")).startsWith("500 5.5.1");
    }

    @Test
    void framingHelpersAgreeWithTheParser() {
        assertThat(CommandParser.bdatChunkSize("BDAT 10 LAST")).isEqualTo(10);
        assertThat(CommandParser.bdatChunkSize("BDAT ten")).isEqualTo(-1);
        assertThat(CommandParser.pausesInput(" data ")).isTrue();
        assertThat(CommandParser.pausesInput("DATA x")).isFalse();
        assertThatThrownBy(() -> CommandParser.parse("BDAT ten")).isInstanceOf(SyntaxError.class);
        // the parser frames BDAT exactly like the decoder: a line the decoder does not count is refused
        assertThat(CommandParser.bdatChunkSize(" BDAT 5")).isEqualTo(-1);
        assertThatThrownBy(() -> CommandParser.parse(" BDAT 5")).isInstanceOf(SyntaxError.class);
        assertThat(CommandParser.pausesInput("DATA\u2003")).isTrue();
    }
}
