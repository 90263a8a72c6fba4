package dev.gannet.delivery.rules;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.store.MailStore;
import java.util.List;

/**
 * Adds rule sources to delivery without touching the LMTP role: an implementation named in
 * {@code META-INF/services/dev.gannet.delivery.rules.RuleSourceProvider} is found by {@link RuleSources#standard}
 * (the WildDuck filters, forwarding targets and autoreply compiled to Sieve come in this way).
 */
public interface RuleSourceProvider {

    List<RuleSource> sources(MailStore store, GannetConfig config);
}
