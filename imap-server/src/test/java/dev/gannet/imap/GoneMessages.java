package dev.gannet.imap;

import com.mongodb.client.model.Filters;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.testing.GannetExtension;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;

/**
 * Makes messages gone from the store while sessions still have them in their view: expunged through the store
 * API (so the journal tells the sessions at their next sync), then their documents deleted below it, as the
 * store's purge does once an expunged message is no longer kept for sessions that were not told (docs/store.md).
 * The second step is what makes the message unreadable whether or not the store keeps expunged messages.
 */
final class GoneMessages {

    private GoneMessages() {
    }

    static void expungeAndPurge(GannetExtension gannet, Mailbox box, long... uids) {
        gannet.store().messages().expunge(box.id(), UidSet.of(Arrays.stream(uids).mapToObj(Uid::of).toList())).block();
        List<String> ids = Arrays.stream(uids).mapToObj(u -> box.id().value() + ":" + u).toList();
        var db = gannet.node().storeConnection().database();
        for (String collection : List.of("messages", "bodies")) {
            Mono.from(db.getCollection(collection).deleteMany(Filters.in("_id", ids))).block();
        }
    }
}
