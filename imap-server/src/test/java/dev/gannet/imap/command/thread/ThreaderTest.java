package dev.gannet.imap.command.thread;

import dev.gannet.core.store.SortKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The threading algorithms of RFC 5256 §4 (and REFS) step by step, on keys built by hand. */
class ThreaderTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** uid, base subject (casemapped), reply marker, Message-ID, parents, sent hour (null: none, arrival = uid). */
    private static SortKeys m(long uid, String subject, boolean reply, String id, List<String> parents, Integer hour) {
        return new SortKeys(uid, 100, T0.plusSeconds(uid * 3600), hour == null ? null : T0.plusSeconds(hour * 3600L),
                "", "", "", "", "", subject, reply, id, parents);
    }

    private static String refs(boolean refs, SortKeys... messages) {
        return ThreadWriter.write(Threader.references(List.of(messages), refs), u -> u);
    }

    @Test
    void orderedSubjectGroupsBySubjectAndSortsByDate() {
        List<SortKeys> keys = List.of(m(1, "X", false, null, List.of(), 3), m(2, "Y", false, null, List.of(), 1),
                m(3, "X", true, null, List.of(), 2), m(4, "X", false, null, List.of(), 1), m(5, "Z", false, null, List.of(), 9),
                m(6, "Z", false, null, List.of(), 10));
        assertThat(ThreadWriter.write(Threader.orderedSubject(keys), u -> u)).isEqualTo("THREAD (2)(4 (3)(1))(5 6)");
    }

    @Test
    void emptyResultIsBareThread() {
        assertThat(ThreadWriter.write(Threader.references(List.of(), false), u -> u)).isEqualTo("THREAD");
    }

    @Test
    void linksByReferencesAndInReplyTo() {
        assertThat(refs(false, m(1, "A", false, "a", List.of(), 1), m(2, "A", true, "b", List.of("a"), 2),
                m(3, "A", true, "c", List.of("a", "b"), 3), m(4, "A", true, "d", List.of("a"), 4)))
                .isEqualTo("THREAD (1 (2 3)(4))");
    }

    @Test
    void dummyParentsArePrunedOrKeptAtTheRoot() {
        // two replies to a missing message: a dummy root keeps them together (step 3)
        assertThat(refs(false, m(1, "P", true, "a", List.of("gone"), 2), m(2, "Q", true, "b", List.of("gone"), 1)))
                .isEqualTo("THREAD ((2)(1))");
        // one reply to a missing message: the dummy is dropped and the reply is a root
        assertThat(refs(false, m(1, "P", true, "a", List.of("gone"), 2))).isEqualTo("THREAD (1)");
        // a missing message in the middle of a chain: its children move up to the parent
        assertThat(refs(false, m(1, "P", false, "a", List.of(), 1), m(2, "Q", true, "c", List.of("a", "gone"), 2),
                m(3, "R", true, "d", List.of("a", "gone"), 3))).isEqualTo("THREAD (1 (2)(3))");
    }

    @Test
    void duplicateAndMissingMessageIdsGetIdsOfTheirOwn() {
        assertThat(refs(false, m(1, "A", false, "a", List.of(), 1), m(2, "B", false, "a", List.of(), 2),
                m(3, "C", true, "c", List.of("a"), 3), m(4, "D", false, null, List.of(), 4)))
                .isEqualTo("THREAD (1 3)(2)(4)");
    }

    @Test
    void referencesLoopsAreNotLinked() {
        // 1 is linked under the (then dummy) b first; 2 is b, and its reference to 1 would close a loop
        assertThat(refs(false, m(1, "A", false, "a", List.of("b"), 1), m(2, "B", false, "b", List.of("a"), 2),
                m(3, "C", false, "c", List.of("c"), 3))).isEqualTo("THREAD (2 1)(3)");
    }

    @Test
    void rootsWithTheSameBaseSubjectAreGathered() {
        // a reply under the original (step 5C), two originals under a new dummy, empty subjects left alone
        assertThat(refs(false, m(1, "S", true, "a", List.of(), 1), m(2, "S", false, "b", List.of(), 2),
                m(3, "T", false, "c", List.of(), 3), m(4, "T", false, "d", List.of(), 4),
                m(5, "", false, "e", List.of(), 5), m(6, "", false, "f", List.of(), 6)))
                .isEqualTo("THREAD (2 1)((3)(4))(5)(6)");
    }

    @Test
    void siblingsSortBySentDateFallingBackToArrivalThenSequence() {
        assertThat(refs(false, m(1, "A", false, "a", List.of(), 1), m(2, "A", true, "b", List.of("a"), 9),
                m(3, "A", true, "c", List.of("a"), null), m(4, "A", true, "d", List.of("a"), 3),
                m(5, "A", true, "e", List.of("a"), 3))).isEqualTo("THREAD (1 (3)(4)(5)(2))");
    }

    @Test
    void refsSkipsSubjectGroupingAndOrdersThreadsByTheirNewestMessage() {
        SortKeys[] keys = {m(1, "S", false, "a", List.of(), 1), m(2, "S", false, "b", List.of(), 2),
                m(3, "S", true, "c", List.of("a"), 5)};
        assertThat(refs(true, keys)).isEqualTo("THREAD (2)(1 3)");
        assertThat(refs(false, keys)).isEqualTo("THREAD ((1 3)(2))");
    }

    /** Dovecot's REFS: on the same newest date the root's UID decides, a root not in the mailbox counting as 0. */
    @Test
    void refsBreaksTiesByTheRootsUidWithAMissingRootFirst() {
        assertThat(refs(true, m(1, "A", false, "a", List.of(), 3), m(2, "B", true, "b", List.of("gone"), 3)))
                .isEqualTo("THREAD (2)(1)");
        // by the root's UID, not its date
        assertThat(refs(true, m(1, "A", false, "a", List.of(), 1), m(2, "B", false, "b", List.of(), 3),
                m(3, "C", true, "c", List.of("a"), 3))).isEqualTo("THREAD (1 3)(2)");
        assertThat(refs(true, m(1, "A", false, "a", List.of(), 3), m(2, "B", false, "b", List.of(), 3)))
                .isEqualTo("THREAD (1)(2)");
    }

    @Test
    void longChainsDoNotExhaustTheStack() {
        List<SortKeys> chain = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (int i = 1; i <= 20000; i++) {
            chain.add(m(i, "C", i > 1, "id" + i, List.copyOf(refs.subList(Math.max(0, refs.size() - 1), refs.size())), i));
            refs.add("id" + i);
        }
        String out = ThreadWriter.write(Threader.references(chain, false), u -> u);
        assertThat(out).startsWith("THREAD (1 2 3 ").endsWith(" 19999 20000)");
    }

    @Test
    void deeplyBranchingTreesDoNotExhaustTheStack() {
        // every message has two replies, one of which branches again: nesting as deep as the mailbox is long
        List<SortKeys> tree = new ArrayList<>();
        tree.add(m(1, "B", false, "n1", List.of(), 1));
        for (int i = 1; i <= 10000; i++) {
            tree.add(m(2L * i, "B", true, "n" + (2 * i), List.of("n" + (i == 1 ? 1 : 2 * (i - 1))), 2 * i));
            tree.add(m(2L * i + 1, "B", true, "n" + (2 * i + 1), List.of("n" + (i == 1 ? 1 : 2 * (i - 1))), 2 * i + 1));
        }
        String out = ThreadWriter.write(Threader.references(tree, false), u -> u);
        assertThat(out).startsWith("THREAD (1 (2 (4 (6");
        assertThat(out.chars().filter(c -> c == '(').count()).isEqualTo(out.chars().filter(c -> c == ')').count());
    }
}
