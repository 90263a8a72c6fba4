package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5322 §3.4 address lists, and the Dovecot-style repairs of broken ones. */
class AddressParserTest {

    private static Address a(String name, String adl, String mailbox, String host) {
        return new Address(name, adl, mailbox, host);
    }

    @Test
    void commonForms() {
        assertThat(AddressParser.parse("\"Doe, John\" <john@example.com>, jane@example.com (Jane)"))
                .containsExactly(a("Doe, John", null, "john", "example.com"), a("Jane", null, "jane", "example.com"));
        assertThat(AddressParser.parse("=?utf-8?q?J=C3=BCrgen?= <j@x.de>"))
                .containsExactly(a("=?utf-8?q?J=C3=BCrgen?=", null, "j", "x.de"));
        assertThat(AddressParser.parse("J. R. \"Bob\" Dobbs <bob@[192.0.2.1]>"))
                .containsExactly(a("J. R. Bob Dobbs", null, "bob", "[192.0.2.1]"));
        assertThat(AddressParser.parse("\"quoted local\"@example.com"))
                .containsExactly(a(null, null, "quoted local", "example.com"));
        assertThat(AddressParser.parse("<@a.example,@b.example:user@c.example>"))
                .containsExactly(a(null, "@a.example,@b.example", "user", "c.example"));
    }

    @Test
    void brokenAddressesAreRepairedNotFatal() {
        assertThat(AddressParser.parse("user")).containsExactly(a(null, null, "user", "MISSING_DOMAIN"));
        assertThat(AddressParser.parse("Real Name")).containsExactly(a("Real Name", null, "MISSING_MAILBOX", "MISSING_DOMAIN"));
        assertThat(AddressParser.parse("<>")).containsExactly(a(null, null, "MISSING_MAILBOX", "MISSING_DOMAIN"));
        assertThat(AddressParser.parse("Name <user@")).containsExactly(a("Name", null, "user", "SYNTAX_ERROR"));
        assertThat(AddressParser.parse("<@route user@host>").get(0).adl()).isEqualTo("INVALID_ROUTE");
        assertThat(AddressParser.parse("a@b.example, , ,c@d.example"))
                .containsExactly(a(null, null, "a", "b.example"), a(null, null, "c", "d.example"));
        assertThat(AddressParser.parse("a@b.example ]]] garbage, c@d.example").get(1))
                .isEqualTo(a(null, null, "c", "d.example"));
        assertThat(AddressParser.parse("")).isEmpty();
        assertThat(AddressParser.parse("   ")).isEmpty();
        assertThat(AddressParser.parse(null)).isEmpty();
    }

    @Test
    void unterminatedGroupsAndCommentsEndCleanly() {
        List<Address> group = AddressParser.parse("friends: a@b.example, c@d.example");
        assertThat(group).hasSize(4);
        assertThat(group.get(0).isGroupStart()).isTrue();
        assertThat(group.get(3).isGroupEnd()).isTrue();
        assertThat(AddressParser.parse("user@host (unterminated comment"))
                .containsExactly(a("unterminated comment", null, "user", "host"));
        assertThat(AddressParser.parse("\"unterminated <a@b>")).hasSize(1);
    }

    @Test
    void survivesHostileInput() {
        String[] inputs = {"<<<<>>>>", "@@@@", ":::;;;", "\"\\", "((((", "a@b@c@d", ",;:<>@\"()[]\\.",
            "x".repeat(100_000), "<".repeat(10_000), "a,".repeat(20_000)};
        for (String input : inputs) {
            assertThat(AddressParser.parse(input)).isNotNull();
        }
    }
}
