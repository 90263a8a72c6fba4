package dev.gannet.delivery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.Autoreply;
import dev.gannet.core.store.Filter;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.UserId;
import dev.gannet.delivery.sieve.Action;
import dev.gannet.delivery.sieve.MessageContext;
import dev.gannet.delivery.sieve.Sieve;
import dev.gannet.delivery.sieve.SieveLimits;
import dev.gannet.delivery.sieve.SieveResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compiled scripts parse and do on the engine what the WildDuck fields say. */
class CompiledRulesRunTest {

    private static final Sieve SIEVE = new Sieve(SieveLimits.defaults());
    private static final String MAIL = "From: Alice Example <alice@example.com>\r\nTo: bob@example.com\r\n"
            + "Subject: Quarterly report\r\nList-Id: <reports.example.com>\r\nContent-Type: text/plain\r\n\r\n"
            + "Please find the invoice below.\r\n";

    private static SieveResult run(List<RuleScript> scripts) {
        MessageContext ctx = MessageContext.of(MessageSource.of(MAIL.getBytes(StandardCharsets.UTF_8)),
                new MessageContext.Envelope("alice@example.com", "bob@example.com"), name -> true, 1 << 20);
        SieveResult r = SIEVE.evaluate(scripts, ctx);
        assertThat(r.failures()).isEmpty();
        return r;
    }

    private static RuleScript filters(Filter... f) {
        return new RuleScript(RuleScript.Origin.FILTERS, "filters",
                FilterCompiler.compile(List.of(f), Map.of("m1", "Reports")::get, "Junk"));
    }

    private static Filter filter(Filter.Query q, Filter.Action a) {
        return new Filter("f1", new UserId("u"), null, q, a, false, Instant.EPOCH);
    }

    @Test
    void matchingFilterFilesFlagsAndForwards() {
        SieveResult r = run(List.of(filters(filter(
                new Filter.Query("ALICE", "bob", "report", "reports.example.com", "invoice", false, 10L),
                new Filter.Action(true, true, null, null, "m1", List.of("fwd@example.net"))))));
        assertThat(r.actions()).contains(new Action.Redirect("fwd@example.net"));
        assertThat(r.actions()).anySatisfy(a -> {
            assertThat(a).isInstanceOf(Action.FileInto.class);
            assertThat(((Action.FileInto) a).mailbox()).isEqualTo("Reports");
            assertThat(((Action.FileInto) a).flags()).containsExactlyInAnyOrder("\\Seen", "\\Flagged");
        });
        assertThat(r.actions()).noneMatch(a -> a instanceof Action.Keep);
    }

    @Test
    void filterThatDoesNotMatchKeepsInInbox() {
        SieveResult r = run(List.of(filters(filter(new Filter.Query(null, null, null, null, null, true, null),
                new Filter.Action(null, null, true, null, null, null)))));
        assertThat(r.actions()).containsExactly(new Action.Keep(java.util.Set.of()));
        SieveResult big = run(List.of(filters(filter(new Filter.Query(null, null, null, null, null, null, 100_000L),
                new Filter.Action(null, null, true, null, null, null)))));
        assertThat(big.actions()).containsExactly(new Action.Keep(java.util.Set.of()));
    }

    @Test
    void deleteDiscards() {
        SieveResult r = run(List.of(filters(filter(new Filter.Query(null, null, null, null, null, null, -100_000L),
                new Filter.Action(null, null, true, null, null, null)))));
        assertThat(r.actions()).noneMatch(a -> a instanceof Action.Keep || a instanceof Action.FileInto);
    }

    @Test
    void forwardingAndAutoreplyRunAfterFilters() {
        RuleScript fwd = new RuleScript(RuleScript.Origin.FORWARDING, "forwarding",
                ForwardingCompiler.compile(List.of("a@example.net")));
        RuleScript auto = new RuleScript(RuleScript.Origin.AUTOREPLY, "autoreply", AutoreplyCompiler.compile(
                new Autoreply(true, "Bob", "Away", "Back soon", "<p>Back soon</p>", null, null, null), 1,
                "bob@example.com", List.of("bob@example.com")));
        SieveResult r = run(List.of(auto, fwd));
        assertThat(r.actions()).contains(new Action.Redirect("a@example.net"));
        assertThat(r.actions()).anySatisfy(a -> assertThat(a).isInstanceOf(Action.Keep.class));
        Action.Vacation v = r.actions().stream().filter(a -> a instanceof Action.Vacation).map(a -> (Action.Vacation) a)
                .findFirst().orElseThrow();
        assertThat(v.subject()).isEqualTo("Away");
        assertThat(v.mime()).isTrue();
        assertThat(v.from()).isEqualTo("\"Bob\" <bob@example.com>");
        assertThat(v.period()).isEqualTo(java.time.Duration.ofDays(1));
    }
}
