package dev.gannet.imap.command.thread;

import dev.gannet.core.store.SortKeys;
import dev.gannet.imap.command.sort.SortOrder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The threading algorithms of RFC 5256 §4 over precomputed keys. ORDEREDSUBJECT groups by base subject;
 * REFERENCES follows the six steps of §4 (link by References/In-Reply-To with dummies for missing parents,
 * gather the roots, prune dummies, sort the roots, group roots by base subject, sort every set of siblings);
 * REFS (draft-ietf-morg-inthread §3) is REFERENCES without the subject grouping, its threads ordered by their
 * newest message. Messages come in sequence order; dates fall back to internal dates and tie by sequence.
 */
final class Threader {

    private Threader() {
    }

    static List<ThreadNode> orderedSubject(List<SortKeys> messages) {
        List<ThreadNode> nodes = nodes(messages);
        Comparator<ThreadNode> bySubject = (a, b) -> SortOrder.compareCodePoints(a.message.subject(), b.message.subject());
        nodes.sort(bySubject.thenComparing(Threader::compareDates));
        List<ThreadNode> roots = new ArrayList<>();
        ThreadNode root = null;
        for (ThreadNode n : nodes) {
            if (root != null && root.message.subject().equals(n.message.subject())) {
                root.add(n);
            } else {
                root = n;
                roots.add(n);
            }
        }
        roots.sort(Threader::compareDates);
        return roots;
    }

    static List<ThreadNode> references(List<SortKeys> messages, boolean refs) {
        List<ThreadNode> linked = link(nodes(messages));
        Set<ThreadNode> underMissing = refs ? underMissingRoots(linked) : Set.of();
        List<ThreadNode> roots = prune(linked);
        sortSiblings(roots);
        if (!refs) {
            roots = groupBySubject(roots);
        }
        for (ThreadNode r : roots) {
            r.parent = null;
        }
        sortTree(roots);
        if (refs) {
            // as Dovecot, which defined REFS: ties on the newest date go by the root's UID, and a thread whose root
            // is a message not in the mailbox (replies to it are all there is) comes first, as if its UID were 0
            roots.sort(Comparator.comparing(Threader::newest)
                    .thenComparingInt((ThreadNode r) -> r.isDummy() || underMissing.contains(r) ? -1 : r.seq)
                    .thenComparing(Threader::compareDates));
        }
        return roots;
    }

    private static List<ThreadNode> nodes(List<SortKeys> messages) {
        List<ThreadNode> nodes = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            nodes.add(new ThreadNode(messages.get(i), i));
        }
        return nodes;
    }

    /** Step 1 (parent/child links, dummies for ids without a message) and step 2 (the root set). */
    private static List<ThreadNode> link(List<ThreadNode> messages) {
        Map<String, ThreadNode> byId = new LinkedHashMap<>();
        List<ThreadNode> all = new ArrayList<>();
        for (ThreadNode m : messages) {
            String id = m.message.messageId();
            ThreadNode own = id == null ? null : byId.get(id);
            if (own != null && own.isDummy()) {
                own.message = m.message;
                own.seq = m.seq;
            } else {
                // no Message-ID, or a duplicate of one already seen: a unique id of its own (step 1)
                own = m;
                if (id != null && !byId.containsKey(id)) {
                    byId.put(id, own);
                }
                all.add(own);
            }
            List<String> parents = m.message.parents();
            ThreadNode previous = null;
            for (String ref : parents) {
                ThreadNode node = byId.get(ref);
                if (node == null) {
                    node = ThreadNode.dummy();
                    byId.put(ref, node);
                    all.add(node);
                }
                if (previous != null && node.parent == null && node != own && !previous.isOrHasAncestor(node)) {
                    previous.add(node);
                }
                previous = node;
            }
            if (previous != null && previous != own) {
                own.unlink();
                if (!previous.isOrHasAncestor(own)) {
                    previous.add(own);
                }
            }
        }
        List<ThreadNode> roots = new ArrayList<>();
        for (ThreadNode n : all) {
            if (n.parent == null) {
                roots.add(n);
            }
        }
        return roots;
    }

    /**
     * Step 3: dummies without children go; others give their children to their parent, except at the root
     * where more than one child keeps the dummy. Children are pruned before their parents, without recursion,
     * so a hostile chain of replies cannot exhaust the stack.
     */
    private static List<ThreadNode> prune(List<ThreadNode> roots) {
        for (ThreadNode n : postOrder(roots)) {
            List<ThreadNode> kept = new ArrayList<>();
            for (ThreadNode c : n.children) {
                if (!c.isDummy()) {
                    kept.add(c);
                } else {
                    kept.addAll(c.children);
                }
            }
            n.children.clear();
            kept.forEach(n::add);
        }
        List<ThreadNode> out = new ArrayList<>();
        for (ThreadNode n : roots) {
            if (!n.isDummy() || n.children.size() > 1) {
                out.add(n);
            } else if (n.children.size() == 1) {
                out.add(n.children.get(0));
            }
        }
        return out;
    }

    /** The messages of the threads whose root is a dummy, before step 3 promotes a lone child in its place. */
    private static Set<ThreadNode> underMissingRoots(List<ThreadNode> roots) {
        Set<ThreadNode> out = new HashSet<>();
        for (ThreadNode r : roots) {
            if (r.isDummy()) {
                postOrder(List.of(r)).stream().filter(n -> !n.isDummy()).forEach(out::add);
            }
        }
        return out;
    }

    /** Every node under {@code roots}, each after all of its descendants. */
    private static List<ThreadNode> postOrder(List<ThreadNode> roots) {
        List<ThreadNode> out = new ArrayList<>();
        java.util.ArrayDeque<ThreadNode> stack = new java.util.ArrayDeque<>(roots);
        while (!stack.isEmpty()) {
            ThreadNode n = stack.pop();
            out.add(n);
            n.children.forEach(stack::push);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** Step 4: the roots by date, a dummy by its earliest child. */
    private static void sortSiblings(List<ThreadNode> roots) {
        for (ThreadNode r : roots) {
            if (r.isDummy()) {
                r.children.sort(Threader::compareDates);
            }
        }
        roots.sort(Threader::compareDates);
    }

    /** Step 5: roots with the same base subject are gathered under one. */
    private static List<ThreadNode> groupBySubject(List<ThreadNode> roots) {
        Map<String, ThreadNode> table = new HashMap<>();
        for (ThreadNode r : roots) {
            String subject = subject(r);
            if (subject.isEmpty()) {
                continue;
            }
            ThreadNode t = table.get(subject);
            if (t == null || (r.isDummy() && !t.isDummy()) || (replyOrForward(t) && !replyOrForward(r) && !r.isDummy())) {
                table.put(subject, r);
            }
        }
        List<ThreadNode> out = new ArrayList<>(roots);
        for (ThreadNode r : roots) {
            String subject = subject(r);
            ThreadNode t = subject.isEmpty() ? null : table.get(subject);
            if (t == null || t == r) {
                continue;
            }
            if (t.isDummy() && r.isDummy()) {
                for (ThreadNode c : new ArrayList<>(r.children)) {
                    t.add(c);
                }
                r.children.clear();
                out.remove(r);
            } else if (t.isDummy() || (replyOrForward(r) && !replyOrForward(t))) {
                out.remove(r);
                t.add(r);
            } else {
                ThreadNode d = ThreadNode.dummy();
                out.set(out.indexOf(t), d);
                out.remove(r);
                d.add(t);
                d.add(r);
                table.put(subject, d);
            }
        }
        return out;
    }

    private static String subject(ThreadNode n) {
        ThreadNode m = n.isDummy() && !n.children.isEmpty() ? n.children.get(0) : n;
        return m.isDummy() ? "" : m.message.subject();
    }

    private static boolean replyOrForward(ThreadNode n) {
        return !n.isDummy() && n.message.replyOrForward();
    }

    /** Step 6: every set of siblings by date, the deepest first. */
    private static void sortTree(List<ThreadNode> roots) {
        for (ThreadNode n : postOrder(roots)) {
            n.children.sort(Threader::compareDates);
        }
        roots.sort(Threader::compareDates);
    }

    private static Instant newest(ThreadNode root) {
        Instant max = Instant.MIN;
        for (ThreadNode n : postOrder(List.of(root))) {
            if (!n.isDummy() && n.message.date().isAfter(max)) {
                max = n.message.date();
            }
        }
        return max;
    }

    static int compareDates(ThreadNode a, ThreadNode b) {
        ThreadNode x = a.representative();
        ThreadNode y = b.representative();
        if (x.isDummy() || y.isDummy()) {
            return Boolean.compare(!x.isDummy(), !y.isDummy());
        }
        int c = x.message.date().compareTo(y.message.date());
        return c != 0 ? c : Integer.compare(x.seq, y.seq);
    }
}
