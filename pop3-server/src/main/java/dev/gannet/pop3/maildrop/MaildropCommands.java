package dev.gannet.pop3.maildrop;

import dev.gannet.pop3.protocol.Pop3Command;
import dev.gannet.pop3.protocol.Reply;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * STAT, LIST, UIDL, DELE and RSET (RFC 1939 §5 and §7): answered from the session's {@link Maildrop}
 * snapshot without touching the store. Messages marked deleted are left out of listings and refused
 * by number; nothing is removed before UPDATE.
 */
public final class MaildropCommands {

    private MaildropCommands() {
    }

    public static Reply stat(Maildrop drop) {
        return Reply.ok(drop.liveCount() + " " + drop.liveOctets());
    }

    public static Reply list(Maildrop drop, Pop3Command.List c) {
        if (c.message().isPresent()) {
            long n = c.message().get();
            return Reply.ok(n + " " + drop.size(drop.index(n)));
        }
        return Reply.lines(drop.liveCount() + " messages (" + drop.liveOctets() + " octets)",
                () -> live(drop, i -> (i + 1) + " " + drop.size(i)));
    }

    public static Reply uidl(Maildrop drop, Pop3Command.Uidl c) {
        if (c.message().isPresent()) {
            long n = c.message().get();
            return Reply.ok(n + " " + drop.uniqueId(drop.index(n)));
        }
        return Reply.lines("unique-id listing follows", () -> live(drop, i -> (i + 1) + " " + drop.uniqueId(i)));
    }

    public static Reply dele(Maildrop drop, Pop3Command.Dele c) {
        drop.delete(drop.index(c.message()));
        return Reply.ok("message " + c.message() + " deleted");
    }

    public static Reply rset(Maildrop drop) {
        drop.undeleteAll();
        return Reply.ok("maildrop has " + drop.liveCount() + " messages (" + drop.liveOctets() + " octets)");
    }

    /** One line per message not marked deleted, made as the listing is written. */
    private static Iterator<String> live(Maildrop drop, IntFunction<String> line) {
        return new Iterator<>() {
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < drop.count() && drop.isDeleted(i)) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < drop.count();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String s = line.apply(next);
                next = advance(next + 1);
                return s;
            }
        };
    }
}
