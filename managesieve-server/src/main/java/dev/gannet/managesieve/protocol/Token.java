package dev.gannet.managesieve.protocol;

/**
 * One argument of a ManageSieve command line as the decoder cut it (RFC 5804 §4): a bare word (command
 * names, numbers, the SASL cancel {@code *}) or a string, quoted or literal, already unescaped and checked
 * to be UTF-8.
 */
public sealed interface Token {

    /** A bare word. */
    record Atom(String text) implements Token {
    }

    /** A quoted string or a literal; {@code literal} tells which. */
    record Str(String text, boolean literal) implements Token {
        @Override
        public String toString() {
            return "Str[" + text.length() + " chars" + (literal ? ", literal" : "") + "]";
        }
    }
}
