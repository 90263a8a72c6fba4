package dev.gannet.delivery.sieve;

/** One lexical token of RFC 5228 §8.1; {@code text} is the identifier, tag name (without ':'), or string value. */
record Token(Type type, String text, long number, int line) {

    enum Type { IDENTIFIER, TAG, NUMBER, STRING, LBRACKET, RBRACKET, LPAREN, RPAREN, LBRACE, RBRACE, COMMA, SEMICOLON, EOF }

    @Override
    public String toString() {
        return switch (type) {
            case IDENTIFIER -> text;
            case TAG -> ":" + text;
            case NUMBER -> Long.toString(number);
            case STRING -> "string";
            case EOF -> "end of script";
            default -> type.name().toLowerCase();
        };
    }
}
