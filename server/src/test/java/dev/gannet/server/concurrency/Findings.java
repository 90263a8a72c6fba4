package dev.gannet.server.concurrency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run found, per round and invariant, with the evidence for each: the suite's output, printed with
 * the seed so that {@code -Dgannet.concurrency.seed=N} replays it. Thread-safe; keeps the first few pieces
 * of evidence per invariant and counts the rest, so one broken invariant cannot drown the others.
 */
final class Findings {

    private static final int KEPT_PER_INVARIANT = 8;
    private static final int KEPT_PER_KIND = 2;

    /** One broken invariant: where and what showed it. */
    record Finding(int round, String invariant, String evidence) {
    }

    private final long seed;
    private final List<Finding> kept = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Integer> kinds = new LinkedHashMap<>();
    private int round;

    Findings(long seed) {
        this.seed = seed;
    }

    synchronized void round(int r) {
        round = r;
    }

    synchronized int round() {
        return round;
    }

    synchronized void add(String invariant, String evidence) {
        add(invariant, "", evidence);
    }

    /** As {@link #add(String, String)}; {@code kind} sorts evidence so that one frequent kind keeps few examples. */
    synchronized void add(String invariant, String kind, String evidence) {
        int n = counts.merge(invariant, 1, Integer::sum);
        int k = kinds.merge(invariant + "\u0000" + kind, 1, Integer::sum);
        if (kind.isEmpty() ? n <= KEPT_PER_INVARIANT : k <= KEPT_PER_KIND) {
            kept.add(new Finding(round, invariant, evidence.length() > 1500 ? evidence.substring(0, 1500) + "…" : evidence));
        }
    }

    synchronized boolean isEmpty() {
        return kept.isEmpty();
    }

    synchronized int count() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Every finding, grouped by invariant, with how often each was seen; starts with the seed. */
    synchronized String report(String backend) {
        StringBuilder sb = new StringBuilder("concurrency suite on ").append(backend).append(": seed ").append(seed)
                .append(" (replay with -Dgannet.concurrency.seed=").append(seed).append("), ")
                .append(count()).append(" findings\n");
        counts.forEach((invariant, n) -> {
            sb.append("== ").append(invariant).append(" (").append(n).append("x)\n");
            kinds.forEach((key, m) -> {
                if (key.startsWith(invariant + "\u0000") && key.length() > invariant.length() + 1) {
                    sb.append("  ").append(m).append("x ").append(key.substring(invariant.length() + 1)).append('\n');
                }
            });
            kept.stream().filter(f -> f.invariant().equals(invariant))
                    .forEach(f -> sb.append("  round ").append(f.round()).append(": ").append(f.evidence()).append('\n'));
        });
        return sb.toString();
    }
}
