package dev.gannet.delivery.rules;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.store.MailStore;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The rule sources delivery runs: the personal script, then every {@link RuleSourceProvider} on the class path. */
public final class RuleSources {

    private RuleSources() {
    }

    public static List<RuleSource> standard(MailStore store, GannetConfig config) {
        List<RuleSource> out = new ArrayList<>();
        out.add(new PersonalScript(store.sieve()));
        for (RuleSourceProvider p : ServiceLoader.load(RuleSourceProvider.class, RuleSources.class.getClassLoader())) {
            out.addAll(p.sources(store, config));
        }
        return List.copyOf(out);
    }
}
