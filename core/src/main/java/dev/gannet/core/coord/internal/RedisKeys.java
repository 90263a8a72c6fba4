package dev.gannet.core.coord.internal;

/**
 * Every Redis key, channel and script Gannet uses, in one place so that operators can see what a
 * shared Redis holds ({@code gannet:*}) and each script is checked against the others. Scripts compare
 * the owner before touching a lock, which is what makes release and renew safe after a lease expired.
 */
final class RedisKeys {

    static final String LOCK = "gannet:lock:";
    static final String RATE = "gannet:rl:";
    static final String CACHE = "gannet:kv:";
    static final String CHANGES = "gannet:chg:";

    /** KEYS[1] lock, ARGV[1] owner, ARGV[2] ttl ms → 1 if extended. */
    static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""";

    /** KEYS[1] lock, ARGV[1] owner → 1 if deleted. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    /** KEYS[1] counter, ARGV[1] window ms → {count, ttl ms}; the window starts at the first hit. */
    static final String HIT = """
            local n = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {n, ttl}""";

    /**
     * KEYS[1] counter, ARGV[1] window ms, ARGV[2] n, ARGV[3] limit → {1 if taken, count, ttl ms}: adds n only if
     * the count stays within the limit.
     */
    static final String TAKE = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            local add = tonumber(ARGV[2])
            if n + add > tonumber(ARGV[3]) then
              return {0, n, redis.call('PTTL', KEYS[1])}
            end
            n = redis.call('INCRBY', KEYS[1], add)
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {1, n, ttl}""";

    /** KEYS[1] counter → {count, ttl ms}, {0, 0} when absent. */
    static final String PEEK = """
            local n = redis.call('GET', KEYS[1])
            if not n then
              return {0, 0}
            end
            return {tonumber(n), redis.call('PTTL', KEYS[1])}""";

    private RedisKeys() {
    }
}
