package dev.gannet.managesieve.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SieveParserTest {

    private static Token.Atom a(String s) {
        return new Token.Atom(s);
    }

    private static Token.Str s(String s) {
        return new Token.Str(s, false);
    }

    @Test
    void parsesEveryCommandCaseInsensitively() {
        assertThat(SieveParser.parse(List.of(a("authenticate"), s("PLAIN"), s("AGIgYw=="))))
                .isEqualTo(new SieveCommand.Authenticate("PLAIN", Optional.of("AGIgYw==")));
        assertThat(SieveParser.parse(List.of(a("Authenticate"), s("PLAIN"))))
                .isEqualTo(new SieveCommand.Authenticate("PLAIN", Optional.empty()));
        assertThat(SieveParser.parse(List.of(a("HAVESPACE"), s("x"), a("100")))).isEqualTo(new SieveCommand.HaveSpace("x", 100));
        assertThat(SieveParser.parse(List.of(a("putscript"), s("x"), new Token.Str("keep;", true))))
                .isEqualTo(new SieveCommand.PutScript("x", "keep;"));
        assertThat(SieveParser.parse(List.of(a("NOOP"), s("t1")))).isEqualTo(new SieveCommand.Noop(Optional.of("t1")));
        assertThat(SieveParser.parse(List.of(a("RENAMESCRIPT"), s("a"), s("b")))).isEqualTo(new SieveCommand.RenameScript("a", "b"));
        assertThat(SieveParser.parse(List.of(a("SETACTIVE"), s("")))).isEqualTo(new SieveCommand.SetActive(""));
        for (String bare : List.of("STARTTLS", "LOGOUT", "CAPABILITY", "LISTSCRIPTS", "UNAUTHENTICATE")) {
            assertThat(SieveParser.parse(List.of(a(bare))).verb().name()).isEqualTo(bare);
        }
    }

    @Test
    void refusesWrongArgumentsWithAReason() {
        assertThatThrownBy(() -> SieveParser.parse(List.of(a("FOO")))).hasMessage("unknown command");
        assertThatThrownBy(() -> SieveParser.parse(List.of(a("GETSCRIPT")))).hasMessage("missing argument for GETSCRIPT");
        assertThatThrownBy(() -> SieveParser.parse(List.of(a("GETSCRIPT"), a("x"))))
                .hasMessage("GETSCRIPT expects a string (quoted or literal) as argument 1");
        assertThatThrownBy(() -> SieveParser.parse(List.of(a("HAVESPACE"), s("x"), s("1"))))
                .hasMessage("HAVESPACE expects a number as argument 2");
        assertThatThrownBy(() -> SieveParser.parse(List.of(a("LOGOUT"), s("x")))).hasMessage("wrong number of arguments for LOGOUT");
        assertThatThrownBy(() -> SieveParser.parse(List.of(s("NOOP")))).hasMessage("a command starts with its name");
    }

    @Test
    void passwordsAndScriptsStayOutOfToString() {
        assertThat(new SieveCommand.Authenticate("PLAIN", Optional.of("c2VjcmV0")).toString()).doesNotContain("c2VjcmV0");
        assertThat(SaslPlain.decode("AGFubgBzZWNyZXQ=").toString()).doesNotContain("secret");
        assertThat(new SieveCommand.PutScript("n", "keep; # secret").toString()).doesNotContain("secret");
    }
}
