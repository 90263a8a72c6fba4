package dev.gannet.pop3.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Pop3ParserTest {

    @Test
    void parsesEveryCommand() {
        assertThat(Pop3Parser.parse("user Alice")).isEqualTo(new Pop3Command.User("Alice"));
        assertThat(Pop3Parser.parse("PASS two words ")).isEqualTo(new Pop3Command.Pass("two words "));
        assertThat(Pop3Parser.parse("AUTH")).isEqualTo(new Pop3Command.Auth(Optional.empty(), Optional.empty()));
        assertThat(Pop3Parser.parse("AUTH PLAIN =")).isEqualTo(new Pop3Command.Auth(Optional.of("PLAIN"), Optional.of("=")));
        assertThat(Pop3Parser.parse("LIST")).isEqualTo(new Pop3Command.List(Optional.empty()));
        assertThat(Pop3Parser.parse("LIST 12")).isEqualTo(new Pop3Command.List(Optional.of(12L)));
        assertThat(Pop3Parser.parse("uidl 3")).isEqualTo(new Pop3Command.Uidl(Optional.of(3L)));
        assertThat(Pop3Parser.parse("TOP 1 10")).isEqualTo(new Pop3Command.Top(1, 10));
        assertThat(Pop3Parser.parse("RETR 7")).isEqualTo(new Pop3Command.Retr(7));
        assertThat(Pop3Parser.parse("DELE 7")).isEqualTo(new Pop3Command.Dele(7));
        for (String s : new String[] {"STAT", "RSET", "NOOP", "QUIT", "CAPA", "STLS"}) {
            assertThat(Pop3Parser.parse(s).verb().name()).isEqualTo(s);
        }
        assertThat(Pop3Parser.parse("PASS secret").toString()).doesNotContain("secret");
        assertThat(Pop3Parser.parse("AUTH PLAIN c2VjcmV0").toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    void rejectsBadSyntax() {
        for (String bad : new String[] {"", "FOO", "USER", "USER a b", "PASS", "RETR", "RETR -1", "RETR 1x", "TOP 1",
                "LIST 1 2", "STAT x", "DELE 1234567890123456789", "AUTH a b c", "APOP u d"}) {
            assertThatThrownBy(() -> Pop3Parser.parse(bad)).as(bad).isInstanceOf(Pop3Exception.class);
        }
    }

    @Test
    void saslPlainDecodes() {
        String ok = Base64.getEncoder().encodeToString("\0bob\0p w".getBytes(StandardCharsets.UTF_8));
        assertThat(SaslPlain.decode(ok)).isEqualTo(new SaslPlain.Credentials("bob", "p w"));
        assertThat(SaslPlain.decode(ok).toString()).doesNotContain("p w");
        String same = Base64.getEncoder().encodeToString("bob\0bob\0pw".getBytes(StandardCharsets.UTF_8));
        assertThat(SaslPlain.decode(same).username()).isEqualTo("bob");
        for (String bad : new String[] {"=", "!!", "Zm9v", Base64.getEncoder().encodeToString("a\0\0p".getBytes()),
                Base64.getEncoder().encodeToString("x\0bob\0pw".getBytes()),
                Base64.getEncoder().encodeToString("\0bob\0pw\0".getBytes())}) {
            assertThatThrownBy(() -> SaslPlain.decode(bad)).as(bad).isInstanceOf(Pop3Exception.class);
        }
    }
}
