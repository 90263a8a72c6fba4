package dev.gannet.delivery.sieve;

import dev.gannet.core.store.MessageSource;
import dev.gannet.delivery.rules.RuleScript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Builds messages and runs scripts on them for the unit tests. */
final class Mail {

    static final Sieve SIEVE = new Sieve(SieveLimits.defaults());

    private Mail() {
    }

    static MessageContext message(String text) {
        return message(text, "alice@example.org", "bob@example.com");
    }

    static MessageContext message(String text, String from, String to) {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return MessageContext.of(MessageSource.of(bytes), from == null ? null : new MessageContext.Envelope(from, to),
                name -> Set.of("INBOX", "Work", "Lists/gannet").contains(name), 1 << 20);
    }

    static final String SIMPLE = """
            From: Alice <alice@example.org>
            To: Bob <bob+sieve@example.com>, carol@example.net
            Subject: Hello world
            Date: Mon, 07 Dec 2026 10:15:30 +0100
            X-Spam-Score: 7
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            The secret word is avocado.
            """;

    static SieveResult run(String script) {
        return run(script, message(SIMPLE));
    }

    static SieveResult run(String script, MailContext ctx) {
        return SIEVE.evaluate(List.of(new RuleScript(RuleScript.Origin.PERSONAL, "test", script)), ctx);
    }

    static List<Action> actions(String script) {
        SieveResult r = run(script);
        if (!r.failures().isEmpty()) {
            throw new AssertionError("script failed: " + r.failures());
        }
        return r.actions();
    }
}
