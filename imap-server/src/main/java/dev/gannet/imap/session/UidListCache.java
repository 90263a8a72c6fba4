package dev.gannet.imap.session;

import dev.gannet.core.coord.KeyValueCache;
import dev.gannet.core.store.MailboxId;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * A selected mailbox's UID list with the modseq it is exact at, in the shared {@link KeyValueCache}
 * (ARCHITECTURE.md: UID lists are cached and advanced from the journal), so SELECT of a large mailbox
 * reads only the journal since then. Stored as varint deltas (about one byte per UID). It is only ever a
 * copy: a miss, a failure or garbage just means reading the list from the store.
 */
public final class UidListCache {

    private static final Duration TTL = Duration.ofDays(1);

    /** A cached list: exactly the mailbox's UIDs after all changes up to {@code modseq}. */
    public record Entry(long modseq, long[] uids) {
    }

    private UidListCache() {
    }

    static String key(MailboxId id) {
        return "imap:uids:" + id.value();
    }

    public static Mono<Entry> get(KeyValueCache cache, MailboxId id) {
        return cache.get(key(id)).flatMap(b -> Mono.justOrEmpty(decode(b))).onErrorResume(e -> Mono.empty());
    }

    public static Mono<Void> put(KeyValueCache cache, MailboxId id, Entry entry) {
        return cache.set(key(id), encode(entry), TTL).onErrorResume(e -> Mono.empty());
    }

    static byte[] encode(Entry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(e.uids().length + 16);
        varint(out, e.modseq());
        varint(out, e.uids().length);
        long prev = 0;
        for (long u : e.uids()) {
            varint(out, u - prev);
            prev = u;
        }
        return out.toByteArray();
    }

    /** The entry, or null if the bytes are not a well-formed list. */
    static Entry decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            long modseq = varint(in);
            long n = varint(in);
            if (n < 0 || n > bytes.length) {
                return null;
            }
            long[] uids = new long[(int) n];
            long prev = 0;
            for (int i = 0; i < n; i++) {
                long d = varint(in);
                if (d <= 0) {
                    return null;
                }
                prev += d;
                uids[i] = prev;
            }
            return in.hasRemaining() ? null : new Entry(modseq, uids);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        long x = v;
        while ((x & ~0x7FL) != 0) {
            out.write((int) ((x & 0x7F) | 0x80));
            x >>>= 7;
        }
        out.write((int) x);
    }

    private static long varint(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    static boolean same(Entry a, Entry b) {
        return a.modseq() == b.modseq() && Arrays.equals(a.uids(), b.uids());
    }
}
