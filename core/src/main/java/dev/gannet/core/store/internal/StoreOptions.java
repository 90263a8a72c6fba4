package dev.gannet.core.store.internal;

import dev.gannet.core.auth.Passwords;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import java.time.Duration;

/**
 * The store's tunables, read from configuration once at startup.
 *
 * @param inlineBytes raw bytes kept in the message document before the rest goes to blobs
 * @param dedupBytes leaf parts at least this large are stored once per content hash
 * @param maxMessageBytes larger messages are refused with TOO_BIG
 * @param gapWait how long a journal reader waits for an allocated but unwritten modseq
 * @param textBytes bound on the decoded text kept for BODY/TEXT search
 * @param expungedRetention how long an expunged message stays readable for sessions not yet told (Purger)
 * @param repairGrace how old an unfinished operation must be before repair takes it as crashed
 */
public record StoreOptions(Passwords passwords, int inlineBytes, int dedupBytes, long maxMessageBytes,
        Duration gapWait, int textBytes, Duration expungedRetention, Duration repairGrace) {

    public static StoreOptions from(GannetConfig config) {
        return new StoreOptions(new Passwords(config.get(Settings.AUTH_HASH_MEMORY_KIB),
                config.get(Settings.AUTH_HASH_ITERATIONS)), 256 * 1024, config.get(Settings.STORE_DEDUP_BYTES),
                config.get(Settings.STORE_MAX_MESSAGE_BYTES), config.get(Settings.STORE_JOURNAL_GAP_WAIT),
                256 * 1024, config.get(Settings.STORE_EXPUNGED_RETENTION), config.get(Settings.STORE_REPAIR_GRACE));
    }

    /**
     * Defaults with cheap password hashing, for tests; expunged messages may be purged at once (a test calls
     * {@code maintenance().purgeExpunged()} when it wants them gone).
     */
    public static StoreOptions forTests() {
        return new StoreOptions(new Passwords(1024, 1), 64 * 1024, 64 * 1024, 64L << 20, Duration.ofSeconds(5),
                256 * 1024, Duration.ZERO, Duration.ofMinutes(5));
    }

    public StoreOptions withDedupBytes(int bytes) {
        return new StoreOptions(passwords, inlineBytes, bytes, maxMessageBytes, gapWait, textBytes, expungedRetention,
                repairGrace);
    }

    public StoreOptions withInlineBytes(int bytes) {
        return new StoreOptions(passwords, bytes, dedupBytes, maxMessageBytes, gapWait, textBytes, expungedRetention,
                repairGrace);
    }

    public StoreOptions withGapWait(Duration wait) {
        return new StoreOptions(passwords, inlineBytes, dedupBytes, maxMessageBytes, wait, textBytes, expungedRetention,
                repairGrace);
    }

    public StoreOptions withExpungedRetention(Duration retention) {
        return new StoreOptions(passwords, inlineBytes, dedupBytes, maxMessageBytes, gapWait, textBytes, retention,
                repairGrace);
    }

    public StoreOptions withRepairGrace(Duration grace) {
        return new StoreOptions(passwords, inlineBytes, dedupBytes, maxMessageBytes, gapWait, textBytes, expungedRetention,
                grace);
    }
}
