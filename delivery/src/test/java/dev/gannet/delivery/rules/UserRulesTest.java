package dev.gannet.delivery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.store.Autoreply;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Filter;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** UserRules over a real store: what scripts a user's stored filters, targets and autoreply give at a delivery. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final StoreFixture fixture = StoreFixture.memory();

    @AfterAll
    void close() {
        fixture.close();
    }

    private UserRules rules(Instant now) {
        return new UserRules(fixture.store(), GannetConfig.defaults(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void filtersTargetsAndAutoreplyBecomeScriptsInOrder() {
        User u = fixture.newUser();
        fixture.store().addresses().add(u.id(), EmailAddress.parse(u.username() + "@example.com"), true).block(WAIT);
        Mailbox work = fixture.store().mailboxes().create(u.id(), MailboxName.of("Work")).block(WAIT);
        fixture.store().filters().create(u.id(), null, new Filter.Query("a", null, null, null, null, null, null),
                new Filter.Action(true, null, null, null, null, null), false).block(WAIT);
        fixture.store().filters().create(u.id(), null, Filter.Query.EMPTY,
                new Filter.Action(null, null, null, null, work.id().value(), null), false).block(WAIT);
        fixture.store().filters().create(u.id(), null, Filter.Query.EMPTY,
                new Filter.Action(null, null, null, true, null, null), false).block(WAIT);
        fixture.store().forwarding().setUser(u.id(), List.of("copy@example.net"), null).block(WAIT);
        fixture.store().autoreplies().put(u.id(), new Autoreply(true, "", "Away", "later", "",
                Instant.parse("2030-01-01T00:00:00Z"), null, Instant.now())).block(WAIT);

        UserRules before = rules(Instant.parse("2029-06-01T00:00:00Z"));
        List<RuleScript> scripts = before.scripts(u).collectList().block(WAIT);
        assertThat(scripts).extracting(RuleScript::origin)
                .containsExactly(RuleScript.Origin.FILTERS, RuleScript.Origin.FORWARDING);
        assertThat(scripts.get(0).source()).contains("fileinto \"Work\"").contains("fileinto \"Junk\"");
        assertThat(scripts.get(1).source()).contains("redirect :copy \"copy@example.net\"");

        UserRules during = rules(Instant.parse("2030-06-01T00:00:00Z"));
        List<RuleScript> later = during.scripts(u).collectList().block(WAIT);
        assertThat(later).extracting(RuleScript::origin).containsExactly(RuleScript.Origin.FILTERS,
                RuleScript.Origin.FORWARDING, RuleScript.Origin.AUTOREPLY);
        assertThat(later.get(2).source()).contains(":from \"" + u.username() + "@example.com\"");
    }

    @Test
    void aUserWithoutRulesGetsNoScript() {
        User u = fixture.newUser();
        fixture.store().filters().create(u.id(), null, Filter.Query.EMPTY, Filter.Action.EMPTY, true).block(WAIT);
        assertThat(rules(Instant.now()).scripts(u).collectList().block(WAIT)).isEmpty();
    }
}
