package dev.gannet.delivery.scriptcheck;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What ManageSieve and the API learn from the engine before storing a script, and the name rules they share. */
class ScriptCheckerTest {

    private final ScriptChecker checker = ScriptChecker.engine();

    @Test
    void validScriptsHaveNoErrorsAndBadOnesNameTheirLine() {
        assertThat(checker.errors("require \"fileinto\";\r\nif header :contains \"subject\" \"x\" { fileinto \"X\"; }\r\n")).isEmpty();
        assertThat(checker.errors("keep;\nfileinto \"X\";\n")).singleElement().asString().startsWith("line 2: ");
        assertThat(checker.errors("require \"enotify\";")).singleElement().asString().startsWith("line 1: ");
    }

    @Test
    void advertisesExactlyWhatTheParserAccepts() {
        assertThat(checker.extensions()).contains("fileinto", "reject", "ereject", "envelope", "imap4flags", "copy",
                "body", "variables", "relational", "subaddress", "regex", "date", "mailbox", "vacation", "include");
        assertThat(checker.extensions()).doesNotContain("enotify", "notify", "comparator-i;octet");
        for (String ext : checker.extensions()) {
            assertThat(checker.errors("require \"" + ext + "\";")).as(ext).isEmpty();
        }
        assertThat(checker.maxRedirects()).isPositive();
    }

    @Test
    void scriptNamesFollowRfc5804() {
        assertThat(ScriptNames.problem("Règles d'été ✓")).isNull();
        assertThat(ScriptNames.problem("")).isNotNull();
        assertThat(ScriptNames.problem("a\u0000b")).isNotNull();
        assertThat(ScriptNames.problem("a\u0085b")).isNotNull();
        assertThat(ScriptNames.problem("a\u2028b")).isNotNull();
        assertThat(ScriptNames.problem("e\u0301")).isEqualTo("a script name must be in Unicode NFC");
        assertThat(ScriptNames.problem("\ud800x")).isEqualTo("a script name must be valid UTF-8");
        assertThat(ScriptNames.problem("x".repeat(ScriptNames.MAX_LENGTH + 1))).isNotNull();
        assertThat(ScriptNames.problem("😀".repeat(ScriptNames.MAX_LENGTH))).isNull();
    }
}
