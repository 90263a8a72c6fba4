package dev.gannet.core.store.internal;

import com.mongodb.client.model.UpdateOptions;
import dev.gannet.core.mime.ThreadKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

/**
 * Thread ids (in the spirit of RFC 5256 REFERENCES, without its full tree): a message joins the thread of
 * the nearest ancestor in its References / In-Reply-To chain that this user already has; failing that, a
 * reply or forward joins the thread of its base subject; otherwise it starts a thread. The {@code threads}
 * collection maps {@code "<user>:m:<message-id>"} and {@code "<user>:s:<base subject>"} to thread ids, so
 * every lookup is an exact {@code _id}.
 */
final class Threads {

    private final Ctx ctx;

    Threads(Ctx ctx) {
        this.ctx = ctx;
    }

    private static String byMessageId(String user, String messageId) {
        return user + ":m:" + cap(messageId, 500);
    }

    private static String bySubject(String user, String base) {
        return user + ":s:" + cap(base, 300);
    }

    private static String cap(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    Mono<String> resolve(String user, ThreadKey key) {
        List<String> ids = new ArrayList<>();
        for (String ref : key.references()) {
            if (ref != null && !ref.isEmpty()) {
                ids.add(byMessageId(user, ref));
            }
        }
        Mono<String> byRefs = ids.isEmpty() ? Mono.empty()
                : reactor.core.publisher.Flux.from(ctx.threads().find(Ctx.byIds(ids))).collectList().flatMap(docs -> {
                    Map<String, String> found = new HashMap<>();
                    docs.forEach(d -> found.put(d.getString("_id"), d.getString("thread")));
                    for (int i = ids.size() - 1; i >= 0; i--) {
                        String t = found.get(ids.get(i));
                        if (t != null) {
                            return Mono.just(t);
                        }
                    }
                    return Mono.empty();
                });
        Mono<String> bySubject = key.replyOrForward() && !key.baseSubject().isEmpty()
                ? Mono.from(ctx.threads().find(Ctx.byId(bySubject(user, key.baseSubject()))).first())
                        .map(d -> d.getString("thread"))
                : Mono.empty();
        return byRefs.switchIfEmpty(bySubject).switchIfEmpty(Mono.fromSupplier(() -> new ObjectId().toHexString()));
    }

    /** Records this message's id and base subject for later replies; first writer wins. */
    Mono<Void> register(String user, ThreadKey key, String thread) {
        Mono<Void> m = key.messageId() == null || key.messageId().isEmpty() ? Mono.empty()
                : upsert(byMessageId(user, key.messageId()), user, thread);
        Mono<Void> s = key.baseSubject().isEmpty() ? Mono.empty() : upsert(bySubject(user, key.baseSubject()), user, thread);
        return Mono.when(m, s);
    }

    private Mono<Void> upsert(String id, String user, String thread) {
        return Mono.from(Ctx.step(ctx.threads()).updateOne(Ctx.byId(id),
                        new Document("$setOnInsert", new Document("user", user).append("thread", thread)),
                        new UpdateOptions().upsert(true)))
                .onErrorResume(Errors::isDuplicateKey, e -> Mono.empty())
                .then();
    }
}
