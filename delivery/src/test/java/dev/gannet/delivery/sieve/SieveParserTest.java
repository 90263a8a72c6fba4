package dev.gannet.delivery.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SieveParserTest {

    private static SieveSyntaxException error(String script) {
        try {
            SieveParser.parse(script);
        } catch (SieveSyntaxException e) {
            return e;
        }
        throw new AssertionError("parsed: " + script);
    }

    @Test
    void rfc5228ExampleParses() throws Exception {
        // RFC 5228 §9 (shortened)
        SieveScript s = SieveParser.parse("""
                require ["fileinto"];
                # a comment
                if header :is "Sender" "owner-ietf-mta-filters@imc.org"
                        {
                            fileinto "filter";  # move to "filter" mailbox
                        }
                elsif address :DOMAIN :is ["From", "To"] "example.com"
                        {
                            keep;               # keep in "In" mailbox
                        }
                elsif anyof (NOT address :all :contains
                               ["To", "Cc", "Bcc"] "me@example.com",
                             header :matches "subject"
                               ["*make*money*fast*", "*university*dipl*mas*"])
                        {
                            fileinto "spam";   /* move to "spam" mailbox */
                        }
                else
                        {
                            fileinto "personal";
                        }
                """);
        assertThat(s.capabilities()).containsExactly("fileinto");
    }

    @Test
    void errorsNameTheirLine() {
        SieveSyntaxException e = error("require \"fileinto\";\n\nfileinto \"x\"\nkeep;");
        assertThat(e.line()).isEqualTo(4);
        assertThat(error("fileinto \"x\";").getMessage()).contains("line 1", "require \"fileinto\"");
        assertThat(error("keep;\nfrobnicate;").getMessage()).contains("line 2", "unknown command");
        assertThat(error("if header :is \"a\" {\n keep;\n}").line()).isEqualTo(1);
        assertThat(error("require \"bogus\";").getMessage()).contains("unsupported extension");
        assertThat(error("keep;\nrequire \"fileinto\";").getMessage()).contains("require must come before");
        assertThat(error("else { keep; }").getMessage()).contains("without a preceding if");
        assertThat(error("if true { keep;").getMessage()).contains("expected '}'");
        assertThat(error("\"unterminated").getMessage()).contains("unterminated string");
        assertThat(error("if header :regex \"s\" \"x\" { keep; }").getMessage()).contains("require \"regex\"");
        assertThat(error("require \"regex\";\nif header :regex \"s\" \"(\" { keep; }").getMessage())
                .contains("line 2", "bad regular expression");
        assertThat(error("if header :is :contains \"s\" \"x\" { keep; }").getMessage()).contains("cannot be combined");
        assertThat(error("if size :over \"big\" { keep; }").getMessage()).contains("must be a number");
        assertThat(error("if header :comparator \"i;bogus\" \"s\" \"x\" { keep; }").getMessage()).contains("unknown comparator");
        assertThat(error("require \"relational\"; if header :value \"xx\" \"s\" \"x\" { keep; }").getMessage())
                .contains("relational operator");
    }

    @Test
    void multilineStringsAndNumbers() throws Exception {
        SieveParser.parse("require \"vacation\";\nvacation :days 1 text:\nline one\n..dot\n.\n;\nif size :over 1M { discard; }");
    }

    @Test
    void limitsAreEnforcedWhileParsing() {
        SieveLimits small = new SieveLimits(100, 3, 1000, 10, 2, 50, 2, 100, java.time.Duration.ofDays(1),
                java.time.Duration.ofDays(7));
        assertThatThrownBy(() -> SieveParser.parse("#".repeat(101), small)).hasMessageContaining("larger than 100");
        assertThatThrownBy(() -> SieveParser.parse("if true { if true { if true { if true { keep; } } } }", small))
                .hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> SieveParser.parse("require \"regex\"; if header :regex \"s\" \"" + "a".repeat(51) + "\" {keep;}", small))
                .hasMessageContaining("longer than 50");
    }
}
