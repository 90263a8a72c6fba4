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

    private static void list(ThreadNode n, StringBuilder sb, LongUnaryOperator number) {
        sb.append('(');
        body(n, sb, number);
        sb.append(')');
    }

    private static void body(ThreadNode n, StringBuilder sb, LongUnaryOperator number) {
        // iterative along single-child chains, so a long reply chain cannot exhaust the stack
        ThreadNode cur = n;
        boolean first = true;
        while (true) {
            if (!cur.isDummy()) {
                if (!first) {
                    sb.append(' ');
                }
                sb.append(number.applyAsLong(cur.message.uid()));
                first = false;
            }
            if (cur.children.size() == 1) {
                cur = cur.children.get(0);
                continue;
            }
            if (!cur.children.isEmpty()) {
                if (!first) {
                    sb.append(' ');
                }
                for (ThreadNode c : cur.children) {
                    list(c, sb, number);
                }
            }
            return;
        }
    }
}
