package dev.gannet.imap.command.thread;

import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Writes a THREAD response (RFC 5256 §5 {@code thread-data}): each thread a parenthesised list, a chain of
 * single children as numbers in a row, several children as nested lists, a dummy as the lists of its children.
 */
final class ThreadWriter {

    private ThreadWriter() {
    }

    /** {@code number} maps a UID to what the client asked for: the UID itself or its sequence number. */
    static String write(List<ThreadNode> roots, LongUnaryOperator number) {
        StringBuilder sb = new StringBuilder("THREAD");
        if (!roots.isEmpty()) {
            sb.append(' ');
        }
        for (ThreadNode r : roots) {
            list(r, sb, number);
        }
        return sb.toString();
    }

    /** Without recursion: a deep or branching tree cannot exhaust the stack. */
    private static void list(ThreadNode root, StringBuilder sb, LongUnaryOperator number) {
        java.util.ArrayDeque<Object> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object item = todo.pop();
            if (item instanceof String text) {
                sb.append(text);
                continue;
            }
            sb.append('(');
            ThreadNode cur = (ThreadNode) item;
            boolean first = true;
            while (true) {
                if (!cur.isDummy()) {
                    if (!first) {
                        sb.append(' ');
                    }
                    sb.append(number.applyAsLong(cur.message.uid()));
                    first = false;
                }
                if (cur.children.size() != 1) {
                    break;
                }
                cur = cur.children.get(0);
            }
            if (cur.children.isEmpty()) {
                sb.append(')');
                continue;
            }
            if (!first) {
                sb.append(' ');
            }
            todo.push(")");
            for (int k = cur.children.size() - 1; k >= 0; k--) {
                todo.push(cur.children.get(k));
            }
        }
    }
}
