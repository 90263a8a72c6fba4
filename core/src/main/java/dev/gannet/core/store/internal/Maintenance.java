package dev.gannet.core.store.internal;

import dev.gannet.core.store.StoreMaintenance;
import reactor.core.publisher.Mono;

/** The store's upkeep, gathered from the parts that own each piece ({@link StoreMaintenance}). */
final class Maintenance implements StoreMaintenance {

    private final Purger purger;
    private final MongoMailboxStore mailboxes;
    private final MongoUserStore users;
    private final OpRepair ops;
    private final StoreCheck check;

    Maintenance(Purger purger, MongoMailboxStore mailboxes, MongoUserStore users, OpRepair ops, StoreCheck check) {
        this.purger = purger;
        this.mailboxes = mailboxes;
        this.users = users;
        this.ops = ops;
        this.check = check;
    }

    @Override
    public Mono<Long> purgeExpunged() {
        return Errors.guard(purger.purgeDue());
    }

    @Override
    public Mono<String> repair() {
        return Errors.guard(mailboxes.repair().flatMap(trees -> ops.repair().flatMap(removals -> users.repair()
                .map(deletions -> trees + " mailbox tree changes, " + removals + " expunges or moves, " + deletions
                        + " user deletions finished"))));
    }

    @Override
    public Mono<String> check() {
        return Errors.guard(check.run());
    }
}
