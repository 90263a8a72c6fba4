package dev.gannet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void mailboxNames() {
        assertThat(MailboxName.of("inbox/Sub").path()).isEqualTo("INBOX/Sub");
        assertThat(MailboxName.of("Inboxes").path()).isEqualTo("Inboxes");
        assertThat(MailboxName.of("a").isAncestorOf(MailboxName.of("a/b"))).isTrue();
        assertThat(MailboxName.of("a").isAncestorOf(MailboxName.of("ab"))).isFalse();
        assertThat(MailboxName.of("a/b/c").reparent(MailboxName.of("a"), MailboxName.of("x"))).isEqualTo(MailboxName.of("x/b/c"));
        for (String bad : List.of("", "/a", "a/", "a//b", "a*", "a\u0001")) {
            assertThatThrownBy(() -> MailboxName.of(bad)).isInstanceOf(GannetException.Invalid.class);
        }
    }

    @Test
    void flagsKeepFirstKeywordCase() {
        Flags f = Flags.parse(List.of("\\Seen", "$Junk", "$junk", "Foo"));
        assertThat(f.keywords()).containsExactly("$Junk", "Foo");
        assertThat(f.hasKeyword("FOO")).isTrue();
        assertThat(f.minus(Flags.parse(List.of("foo"))).keywords()).containsExactly("$Junk");
        assertThat(f.toImap()).containsExactly("\\Seen", "$Junk", "Foo");
        assertThatThrownBy(() -> Flags.parse(List.of("\\Recent"))).isInstanceOf(GannetException.Invalid.class);
        assertThatThrownBy(() -> Flags.parse(List.of("bad word"))).isInstanceOf(GannetException.Invalid.class);
    }

    @Test
    void addresses() {
        EmailAddress a = EmailAddress.parse("Jane.Doe+tag@B\u00fccher.EXAMPLE");
        assertThat(a.domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(a.localPart()).isEqualTo("Jane.Doe+tag");
        assertThat(a.key()).isEqualTo("jane.doe+tag@xn--bcher-kva.example");
        assertThat(a.withoutTag().toString()).isEqualTo("Jane.Doe@xn--bcher-kva.example");
        assertThatThrownBy(() -> EmailAddress.parse("nodomain")).isInstanceOf(GannetException.Invalid.class);
    }

    @Test
    void uidSets() {
        UidSet s = new UidSet(List.of(new UidSet.Range(5, 7), new UidSet.Range(1, 2), new UidSet.Range(3, 3)));
        assertThat(s.ranges()).containsExactly(new UidSet.Range(1, 3), new UidSet.Range(5, 7));
        assertThat(s.contains(4)).isFalse();
        assertThat(s.intersect(new long[] {1, 4, 6, 9})).containsExactly(1, 6);
        assertThatThrownBy(() -> Uid.of(0)).isInstanceOf(GannetException.Invalid.class);
    }
}
