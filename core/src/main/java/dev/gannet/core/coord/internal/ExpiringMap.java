package dev.gannet.core.coord.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * A concurrent map whose entries vanish at a deadline, the in-JVM stand-in for Redis keys with a TTL.
 * Expired entries are invisible at once and are swept out at most every {@link #SWEEP_EVERY} during
 * writes, so keys that are never read again (a rate-limit key per client address) do not pile up.
 */
final class ExpiringMap<V> {

    static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

    /** A value and the {@link System#nanoTime()} at which it expires. */
    record Entry<V>(V value, long deadline) {

        boolean expiredAt(long now) {
            return now - deadline >= 0;
        }

        long remainingNanos(long now) {
            return Math.max(0, deadline - now);
        }
    }

    private final ConcurrentHashMap<String, Entry<V>> map = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final AtomicLong lastSweep;

    ExpiringMap() {
        this(System::nanoTime);
    }

    ExpiringMap(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.lastSweep = new AtomicLong(nanoClock.getAsLong());
    }

    long now() {
        return clock.getAsLong();
    }

    static long deadline(long now, Duration ttl) {
        return now + ttl.toNanos();
    }

    /** The live entry for {@code key}, or null. */
    Entry<V> get(String key) {
        Entry<V> entry = map.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiredAt(now())) {
            map.remove(key, entry);
            return null;
        }
        return entry;
    }

    /**
     * Atomically replaces {@code key}'s entry with what {@code fn} returns for the live entry (null if
     * absent or expired) and the current time; returning null removes it. Returns the new entry.
     */
    Entry<V> compute(String key, BiFunction<Entry<V>, Long, Entry<V>> fn) {
        long now = now();
        Entry<V> result = map.compute(key, (k, old) -> fn.apply(old == null || old.expiredAt(now) ? null : old, now));
        maybeSweep(now);
        return result;
    }

    void put(String key, V value, Duration ttl) {
        long now = now();
        map.put(key, new Entry<>(value, deadline(now, ttl)));
        maybeSweep(now);
    }

    /** Removes the live entry; returns whether there was one. */
    boolean remove(String key) {
        Entry<V> old = map.remove(key);
        return old != null && !old.expiredAt(now());
    }

    int size() {
        return map.size();
    }

    private void maybeSweep(long now) {
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY.toNanos() && lastSweep.compareAndSet(last, now)) {
            map.entrySet().removeIf(e -> e.getValue().expiredAt(now));
        }
    }
}
