package dev.gannet.core.store.internal;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The updates one STORE sends ({@link FlagUpdater}). {@code \Seen} first, as one conditional update per batch
 * whose modified count is the change of the unseen counter; then the other system flags and keywords as
 * commutative set operations that never name {@code \Seen}, so no write but the conditional one ever changes it.
 * A replace is a {@code $pull} of the system flags it does not keep (with the keywords {@code $set}) and an
 * {@code $addToSet} of those it does: MongoDB refuses both operators on one field in one update.
 */
final class FlagWrites {

    private FlagWrites() {
    }

    /** Applies {@code upd} to the messages of {@code changed}; emits how much the unseen counter moves. */
    static Mono<Long> write(Ctx ctx, Map<Document, Flags> changed, FlagUpdate upd, long modseq) {
        List<String> ids = changed.keySet().stream().map(d -> d.getString("_id")).toList();
        Document max = new Document("modseq", modseq);
        Mono<Long> seen = switch (seenChange(upd)) {
            case 1 -> FlagUpdater.updateInBatches(ctx, ids, new Document("$addToSet", new Document("flags", Flag.SEEN.name()))
                    .append("$max", max), new Document("flags", new Document("$ne", Flag.SEEN.name()))).map(n -> -n);
            case -1 -> FlagUpdater.updateInBatches(ctx, ids, new Document("$pull", new Document("flags", Flag.SEEN.name()))
                    .append("$max", max), new Document("flags", Flag.SEEN.name()));
            default -> Mono.just(0L);
        };
        return seen.flatMap(delta -> Flux.fromIterable(others(changed, upd, modseq).entrySet())
                .concatMap(g -> FlagUpdater.updateInBatches(ctx, g.getValue(), g.getKey()))
                .then(Mono.just(delta)));
    }

    /** +1 if the update sets {@code \Seen}, -1 if it clears it, 0 if it leaves it alone. */
    private static int seenChange(FlagUpdate upd) {
        boolean named = upd.flags().has(Flag.SEEN);
        return switch (upd.mode()) {
            case ADD -> named ? 1 : 0;
            case REMOVE -> named ? -1 : 0;
            case REPLACE -> named ? 1 : -1;
        };
    }

    /** The updates for everything but {@code \Seen}, each with the ids it applies to, in a stable order. */
    private static Map<Document, List<String>> others(Map<Document, Flags> changed, FlagUpdate upd, long modseq) {
        Document max = new Document("modseq", modseq);
        List<String> sys = upd.flags().system().stream().filter(f -> f != Flag.SEEN).map(Enum::name).sorted().toList();
        Map<Document, List<String>> groups = new LinkedHashMap<>();
        List<String> all = changed.keySet().stream().map(d -> d.getString("_id")).toList();
        switch (upd.mode()) {
            case REPLACE -> {
                List<String> drop = new ArrayList<>();
                for (Flag f : EnumSet.complementOf(EnumSet.of(Flag.SEEN))) {
                    if (!upd.flags().has(f)) {
                        drop.add(f.name());
                    }
                }
                List<String> kws = upd.flags().keywords();
                groups.put(new Document("$pull", new Document("flags", new Document("$in", drop)))
                        .append("$set", new Document("kw", kws).append("kwl", lower(kws))).append("$max", max), all);
                if (!sys.isEmpty()) {
                    groups.put(new Document("$addToSet", new Document("flags", new Document("$each", sys)))
                            .append("$max", max), all);
                }
            }
            case ADD -> {
                for (Document d : changed.keySet()) {
                    Flags current = MessageDocs.flags(d);
                    List<String> kws = upd.flags().keywords().stream().filter(k -> !current.hasKeyword(k)).toList();
                    if (sys.isEmpty() && kws.isEmpty()) {
                        continue;
                    }
                    groups.computeIfAbsent(new Document("$addToSet", new Document("flags", new Document("$each", sys))
                                    .append("kw", new Document("$each", kws)).append("kwl", new Document("$each", lower(kws))))
                            .append("$max", max), k -> new ArrayList<>()).add(d.getString("_id"));
                }
            }
            case REMOVE -> {
                List<String> variants = variants(upd, changed.keySet());
                if (!sys.isEmpty() || !variants.isEmpty()) {
                    groups.put(new Document("$pull", new Document("flags", new Document("$in", sys))
                            .append("kw", new Document("$in", variants))
                            .append("kwl", new Document("$in", lower(variants).stream().distinct().toList())))
                            .append("$max", max), all);
                }
            }
        }
        return groups;
    }

    /** Every spelling of the keywords being removed that the messages carry (keywords match without case). */
    private static List<String> variants(FlagUpdate upd, Set<Document> all) {
        Set<String> variants = new LinkedHashSet<>(upd.flags().keywords());
        for (Document d : all) {
            for (String k : d.getList("kw", String.class, List.of())) {
                if (upd.flags().hasKeyword(k)) {
                    variants.add(k);
                }
            }
        }
        return new ArrayList<>(variants);
    }

    static List<String> lower(List<String> keywords) {
        return keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    }
}
