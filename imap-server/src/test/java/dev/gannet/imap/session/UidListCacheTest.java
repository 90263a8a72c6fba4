package dev.gannet.imap.session;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The cached UID-list form: varint deltas round-trip, and malformed bytes are a miss, never an error. */
class UidListCacheTest {

    @Test
    void roundTripsAndStaysSmall() {
        long[] uids = new long[100_000];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = i + 1 + (i > 50_000 ? 1_000_000 : 0);
        }
        uids[uids.length - 1] = 0xFFFF_FFFFL;
        var entry = new UidListCache.Entry(123_456_789L, uids);
        byte[] bytes = UidListCache.encode(entry);
        assertThat(bytes.length).isLessThan(100_100);
        assertThat(UidListCache.same(UidListCache.decode(bytes), entry)).isTrue();
        assertThat(UidListCache.decode(UidListCache.encode(new UidListCache.Entry(0, new long[0]))).uids()).isEmpty();
    }

    @Test
    void garbageIsAMiss() {
        Random r = new Random(5);
        for (int i = 0; i < 1000; i++) {
            byte[] junk = new byte[r.nextInt(40)];
            r.nextBytes(junk);
            UidListCache.decode(junk);
        }
        assertThat(UidListCache.decode(new byte[] {(byte) 0x80})).isNull();
        assertThat(UidListCache.decode(new byte[] {1, 2, 1, 0})).isNull();
    }
}
