package dev.gannet.delivery.rules;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Filter;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The user's enabled WildDuck filters as one script, origin FILTERS, compiled at each delivery so that a renamed
 * mailbox is filed into under its current path: one read of the user's filters, one lookup per mailbox a filter
 * names (only the user's own mailboxes count) and one for Junk when a filter marks spam.
 */
public final class FilterRules implements RuleSource {

    private final MailStore store;

    public FilterRules(MailStore store) {
        this.store = store;
    }

    @Override
    public Flux<RuleScript> scripts(User user) {
        return store.filters().list(user.id()).filter(f -> !f.disabled()).collectList()
                .filter(list -> !list.isEmpty())
                .flatMap(list -> compile(user, list))
                .flux();
    }

    /** The script for {@code filters} of {@code user}; empty when none is enabled. */
    public Mono<RuleScript> compile(User user, List<Filter> filters) {
        Map<String, String> paths = new HashMap<>();
        Mono<Void> boxes = Flux.fromIterable(filters).mapNotNull(f -> f.action().mailbox()).distinct()
                .concatMap(id -> mailbox(user, id).doOnNext(box -> paths.put(id, box.name().path()))).then();
        boolean spam = filters.stream().anyMatch(f -> Boolean.TRUE.equals(f.action().spam()));
        Mono<String> junk = spam ? store.mailboxes().bySpecialUse(user.id(), SpecialUse.JUNK).map(b -> b.name().path())
                .defaultIfEmpty(FilterCompiler.DEFAULT_JUNK) : Mono.just(FilterCompiler.DEFAULT_JUNK);
        return boxes.then(junk).mapNotNull(j -> FilterCompiler.compile(filters, paths::get, j))
                .map(source -> new RuleScript(RuleScript.Origin.FILTERS, "filters", source));
    }

    private Mono<Mailbox> mailbox(User user, String id) {
        MailboxId mid;
        try {
            mid = new MailboxId(id);
        } catch (GannetException.Invalid e) {
            return Mono.empty();
        }
        return store.mailboxes().byId(mid).filter(b -> b.user().equals(user.id()));
    }
}
