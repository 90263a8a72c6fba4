package dev.gannet.managesieve.protocol;

import dev.gannet.core.testing.DecoderFeed;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder fed whole, split at every byte boundary, and one byte at a time must frame alike. */
class SieveDecoderTest {

    private static void everyWay(int maxLine, int maxLiteral, byte[] bytes, Consumer<List<Object>> check) {
        DecoderFeed.everyWay(() -> new SieveDecoder(maxLine, maxLiteral), bytes, check);
    }

    private static void everyWay(String input, Consumer<List<Object>> check) {
        everyWay(1000, 1000, input.getBytes(StandardCharsets.UTF_8), check);
    }

    private static List<Object> feed(int maxLine, int maxLiteral, List<byte[]> chunks) {
        return DecoderFeed.feed(() -> new SieveDecoder(maxLine, maxLiteral), chunks);
    }

    private static Token.Atom atom(String s) {
        return new Token.Atom(s);
    }

    private static Token.Str quoted(String s) {
        return new Token.Str(s, false);
    }

    private static Token.Str literal(String s) {
        return new Token.Str(s, true);
    }

    private static Decoded.Line line(Token... tokens) {
        return new Decoded.Line(List.of(tokens));
    }

    @Test
    void framesWordsAndQuotedStringsWithCrlfOrBareLf() {
        everyWay("CAPABILITY\r\nrenamescript \"a \\\"b\\\\\" \"c\"\nHAVESPACE \"x\" 12345\r\n", out -> assertThat(out)
                .containsExactly(line(atom("CAPABILITY")), line(atom("renamescript"), quoted("a \"b\\"), quoted("c")),
                        line(atom("HAVESPACE"), quoted("x"), atom("12345"))));
    }

    @Test
    void literalsWithAndWithoutPlusCarryTheirBytesExactly() {
        String script = "require \"fileinto\";\r\n{3+}\r\n\"é\"";
        int n = script.getBytes(StandardCharsets.UTF_8).length;
        everyWay("PUTSCRIPT {5+}\r\nmy\"sc CHECKSCRIPT {" + n + "}\r\n" + script + "\r\nNOOP {0+}\r\n\r\n", out -> assertThat(out)
                .containsExactly(line(atom("PUTSCRIPT"), literal("my\"sc"), atom("CHECKSCRIPT"), literal(script)),
                        line(atom("NOOP"), literal(""))));
    }

    @Test
    void utf8NamesAreDecodedAndInvalidUtf8IsRefusedAtTheLineEnd() {
        everyWay("GETSCRIPT \"Régles ✓\"\r\n", out -> assertThat(out).containsExactly(line(atom("GETSCRIPT"), quoted("Régles ✓"))));
        byte[] bad = {'G', 'E', 'T', 'S', 'C', 'R', 'I', 'P', 'T', ' ', '"', (byte) 0xC3, '(', '"', '\r', '\n', 'N', 'O', 'O', 'P', '\r', '\n'};
        everyWay(1000, 1000, bad, out -> assertThat(out).containsExactly(
                new Decoded.Problem(Decoded.Kind.SYNTAX, "strings must be UTF-8"), line(atom("NOOP"))));
    }

    @Test
    void aLiteralOverTheLimitIsSkippedUnreadAndItsBytesAreNeverCommands() {
        String body = "LOGOUT\r\nDELETESCRIPT \"x\"\r\n";
        everyWay(1000, 10, ("PUTSCRIPT \"s\" {" + body.length() + "+}\r\n" + body + "\r\nNOOP\r\n").getBytes(StandardCharsets.US_ASCII),
                out -> {
                    assertThat(out).hasSize(2);
                    assertThat(((Decoded.Problem) out.get(0)).kind()).isEqualTo(Decoded.Kind.TOO_BIG);
                    assertThat(out.get(1)).isEqualTo(line(atom("NOOP")));
                });
    }

    @Test
    void hugeAnnouncedLiteralAllocatesNothing() {
        List<Object> out = feed(1000, 1000, List.of("PUTSCRIPT \"s\" {4294967295+}\r\nabc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(out).isEmpty();
        List<Object> tooLong = feed(1000, 1000, List.of("PUTSCRIPT \"s\" {42949672950+}\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(tooLong).containsExactly(new Decoded.Problem(Decoded.Kind.SYNTAX, "literal length out of range"),
                line(atom("NOOP")));
    }

    @Test
    void malformedLinesAreReportedAndTheNextLineStillFrames() {
        everyWay("GETSCRIPT \"a\\x\"\r\nA\"b\"\r\nX {3x}\r\n\"open\r\nNOOP\r\n", out -> assertThat(out).containsExactly(
                new Decoded.Problem(Decoded.Kind.SYNTAX, "only \\\" and \\\\ may be escaped in a quoted string"),
                new Decoded.Problem(Decoded.Kind.SYNTAX, "unexpected character in a word"),
                new Decoded.Problem(Decoded.Kind.SYNTAX, "malformed literal"),
                new Decoded.Problem(Decoded.Kind.SYNTAX, "unterminated quoted string"),
                line(atom("NOOP"))));
        everyWay("PUTSCRIPT \"a\"\"b\"\r\n", out -> assertThat(out).containsExactly(
                new Decoded.Problem(Decoded.Kind.SYNTAX, "arguments must be separated by a space")));
    }

    @Test
    void aLineOverTheLimitClosesTheStream() {
        String longLine = "NOOP \"" + "x".repeat(300) + "\"\r\nNOOP\r\n";
        everyWay(256, 1000, longLine.getBytes(StandardCharsets.US_ASCII), out -> assertThat(out)
                .containsExactly(new Decoded.Problem(Decoded.Kind.LINE_TOO_LONG, "line too long")));
    }

    @Test
    void literalBytesDoNotCountAgainstTheLineLimit() {
        String big = "y".repeat(900);
        everyWay(256, 1000, ("PUTSCRIPT \"s\" {900+}\r\n" + big + "\r\n").getBytes(StandardCharsets.US_ASCII),
                out -> assertThat(out).containsExactly(line(atom("PUTSCRIPT"), quoted("s"), literal(big))));
    }
}
