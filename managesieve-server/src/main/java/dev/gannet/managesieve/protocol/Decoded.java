package dev.gannet.managesieve.protocol;

import java.util.List;

/** What the decoder emits: a whole command line, or the reason one was refused without keeping its bytes. */
public sealed interface Decoded {

    /** A complete line's arguments, literals included. */
    record Line(List<Token> tokens) implements Decoded {
        public Line {
            tokens = List.copyOf(tokens);
        }
    }

    /** A line that could not be taken; the whole line has been consumed. */
    record Problem(Kind kind, String message) implements Decoded {
    }

    enum Kind {
        /** malformed: answer NO and go on */
        SYNTAX,
        /** a literal over the script size limit, skipped unread: NO (QUOTA/MAXSIZE) */
        TOO_BIG,
        /** the line itself is over the limit: BYE and close, nothing after it can be framed safely */
        LINE_TOO_LONG
    }
}
