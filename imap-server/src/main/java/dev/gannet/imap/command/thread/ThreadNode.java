package dev.gannet.imap.command.thread;

import dev.gannet.core.store.SortKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of a thread tree (RFC 5256 §4): a message, or a dummy standing for a message that is referenced but
 * not among the searched ones. {@code seq} is the message's position in sequence order, the tie-breaker of
 * every date comparison (RFC 5256 §2.2).
 */
final class ThreadNode {

    SortKeys message;
    int seq;
    ThreadNode parent;
    final List<ThreadNode> children = new ArrayList<>();

    ThreadNode(SortKeys message, int seq) {
        this.message = message;
        this.seq = seq;
    }

    static ThreadNode dummy() {
        return new ThreadNode(null, -1);
    }

    boolean isDummy() {
        return message == null;
    }

    /** The message a date comparison uses: a dummy is represented by its first child (children sorted first). */
    ThreadNode representative() {
        ThreadNode n = this;
        while (n.isDummy() && !n.children.isEmpty()) {
            n = n.children.get(0);
        }
        return n;
    }

    void add(ThreadNode child) {
        child.parent = this;
        children.add(child);
    }

    void unlink() {
        if (parent != null) {
            parent.children.remove(this);
            parent = null;
        }
    }

    /** True if {@code other} is this node or one of its ancestors. */
    boolean isOrHasAncestor(ThreadNode other) {
        for (ThreadNode n = this; n != null; n = n.parent) {
            if (n == other) {
                return true;
            }
        }
        return false;
    }
}
