package dev.gannet.managesieve.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the client's bytes into command lines of {@link Token}s (RFC 5804 §4: atoms, quoted strings with
 * {@code \"} and {@code \\} escapes, literals {@code {n+}} and {@code {n}} followed by CRLF and n octets; a bare
 * LF ends a line too). An explicit state machine that keeps its place between reads, so input split anywhere
 * frames alike. Limits hold before memory is spent: the line outside literals is at most {@code maxLine} bytes
 * (beyond it: {@link Decoded.Kind#LINE_TOO_LONG}, and nothing more is read), and a literal is allocated only
 * when its announced length is within {@code maxLiteral}; a longer one is skipped unread and the line answered
 * {@link Decoded.Kind#TOO_BIG}. At most one item is emitted per decode call, so the handler sees each line
 * before the next is cut and can {@link #discardBuffered()} after STARTTLS.
 */
public final class SieveDecoder extends ByteToMessageDecoder {

    private static final long MAX_NUMBER = 4_294_967_295L;

    private enum State {
        BETWEEN, ATOM, QUOTED, QUOTED_ESCAPE, LITERAL_LENGTH, LITERAL_CLOSE, LITERAL_EOL, LITERAL_BODY, LITERAL_SKIP,
        LINE_END, SKIP_LINE, CLOSED
    }

    private final int maxLine;
    private final int maxLiteral;
    private final List<Token> tokens = new ArrayList<>();
    private State state = State.BETWEEN;
    private byte[] word = new byte[64];
    private int wordLength;
    private int lineBytes;
    private boolean needSeparator;
    private long literalLength;
    private boolean literalDigits;
    private boolean literalCr;
    private byte[] literal;
    private int literalPos;
    private long skipRemaining;
    private Decoded.Problem pending;
    private String skipReason;

    /**
     * @param maxLine longest line in bytes, literals not counted
     * @param maxLiteral largest literal accepted, in bytes
     */
    public SieveDecoder(int maxLine, int maxLiteral) {
        this.maxLine = maxLine;
        this.maxLiteral = maxLiteral;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && out.isEmpty()) {
            switch (state) {
                case CLOSED -> in.skipBytes(in.readableBytes());
                case LITERAL_BODY -> {
                    int n = Math.min(in.readableBytes(), literal.length - literalPos);
                    in.readBytes(literal, literalPos, n);
                    literalPos += n;
                    if (literalPos == literal.length) {
                        endLiteral();
                    }
                }
                case LITERAL_SKIP -> {
                    int n = (int) Math.min(in.readableBytes(), skipRemaining);
                    in.skipBytes(n);
                    skipRemaining -= n;
                    if (skipRemaining == 0) {
                        afterString();
                    }
                }
                default -> {
                    if (++lineBytes > maxLine) {
                        out.add(new Decoded.Problem(Decoded.Kind.LINE_TOO_LONG, "line too long"));
                        state = State.CLOSED;
                        in.skipBytes(in.readableBytes());
                        return;
                    }
                    step(in.readByte(), out);
                }
            }
        }
    }

    private void step(byte b, List<Object> out) {
        switch (state) {
            case BETWEEN -> between(b, out);
            case ATOM -> {
                if (atomChar(b)) {
                    append(b);
                } else if (b == ' ' || b == '\r' || b == '\n') {
                    tokens.add(new Token.Atom(new String(word, 0, wordLength, StandardCharsets.US_ASCII)));
                    state = State.BETWEEN;
                    between(b, out);
                } else {
                    fail("unexpected character in a word", b, out);
                }
            }
            case QUOTED -> {
                if (b == '"') {
                    string(Arrays.copyOf(word, wordLength), false);
                } else if (b == '\\') {
                    state = State.QUOTED_ESCAPE;
                } else if (b == '\r' || b == '\n' || b == 0) {
                    fail("unterminated quoted string", b, out);
                } else {
                    append(b);
                }
            }
            case QUOTED_ESCAPE -> {
                if (b == '"' || b == '\\') {
                    append(b);
                    state = State.QUOTED;
                } else {
                    fail("only \\\" and \\\\ may be escaped in a quoted string", b, out);
                }
            }
            case LITERAL_LENGTH -> {
                if (b >= '0' && b <= '9') {
                    literalLength = literalLength * 10 + (b - '0');
                    literalDigits = true;
                    if (literalLength > MAX_NUMBER) {
                        fail("literal length out of range", b, out);
                    }
                } else if (literalDigits && b == '+') {
                    state = State.LITERAL_CLOSE;
                } else if (literalDigits && b == '}') {
                    state = State.LITERAL_EOL;
                } else {
                    fail("malformed literal", b, out);
                }
            }
            case LITERAL_CLOSE -> {
                if (b == '}') {
                    state = State.LITERAL_EOL;
                } else {
                    fail("malformed literal", b, out);
                }
            }
            case LITERAL_EOL -> {
                if (b == '\r' && !literalCr) {
                    literalCr = true;
                } else if (b == '\n') {
                    startLiteral();
                } else {
                    fail("a literal's length must end its line", b, out);
                }
            }
            case LINE_END -> {
                if (b == '\n') {
                    endLine(out);
                } else {
                    fail("CR without LF", b, out);
                }
            }
            case SKIP_LINE -> {
                if (b == '\n') {
                    out.add(new Decoded.Problem(Decoded.Kind.SYNTAX, skipReason));
                    reset();
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void between(byte b, List<Object> out) {
        if (b == ' ') {
            needSeparator = false;
        } else if (b == '\r') {
            state = State.LINE_END;
        } else if (b == '\n') {
            endLine(out);
        } else if (needSeparator) {
            fail("arguments must be separated by a space", b, out);
        } else if (b == '"') {
            wordLength = 0;
            state = State.QUOTED;
        } else if (b == '{') {
            literalLength = 0;
            literalDigits = false;
            literalCr = false;
            state = State.LITERAL_LENGTH;
        } else if (atomChar(b)) {
            wordLength = 0;
            append(b);
            state = State.ATOM;
        } else {
            fail("unexpected character", b, out);
        }
    }

    private static boolean atomChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '*' || b == '-'
                || b == '_' || b == '.';
    }

    private void append(byte b) {
        if (wordLength == word.length) {
            word = Arrays.copyOf(word, word.length * 2);
        }
        word[wordLength++] = b;
    }

    private void startLiteral() {
        if (literalLength > maxLiteral) {
            if (pending == null) {
                pending = new Decoded.Problem(Decoded.Kind.TOO_BIG, "a literal of " + literalLength
                        + " bytes is over the limit of " + maxLiteral);
            }
            skipRemaining = literalLength;
            state = State.LITERAL_SKIP;
            if (skipRemaining == 0) {
                afterString();
            }
            return;
        }
        literal = new byte[(int) literalLength];
        literalPos = 0;
        state = State.LITERAL_BODY;
        if (literal.length == 0) {
            endLiteral();
        }
    }

    private void endLiteral() {
        byte[] bytes = literal;
        literal = null;
        string(bytes, true);
    }

    private void string(byte[] bytes, boolean isLiteral) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            tokens.add(new Token.Str(text, isLiteral));
        } catch (CharacterCodingException e) {
            if (pending == null) {
                pending = new Decoded.Problem(Decoded.Kind.SYNTAX, "strings must be UTF-8");
            }
        }
        afterString();
    }

    private void afterString() {
        needSeparator = true;
        state = State.BETWEEN;
    }

    /** Skips to the end of the line, then reports {@code reason}; a LF that caused the failure ends it now. */
    private void fail(String reason, byte b, List<Object> out) {
        skipReason = reason;
        state = State.SKIP_LINE;
        if (b == '\n') {
            step(b, out);
        }
    }

    private void endLine(List<Object> out) {
        out.add(pending != null ? pending : new Decoded.Line(tokens));
        reset();
    }

    private void reset() {
        tokens.clear();
        wordLength = 0;
        lineBytes = 0;
        needSeparator = false;
        pending = null;
        literal = null;
        state = State.BETWEEN;
    }

    /**
     * Drops every byte received but not yet decoded. Called when STARTTLS is accepted: whatever the client sent
     * after it in plain text must not be taken as a command (CVE-2011-0411).
     */
    public void discardBuffered() {
        ByteBuf buffered = internalBuffer();
        if (buffered.isReadable()) {
            buffered.skipBytes(buffered.readableBytes());
        }
        reset();
    }
}
