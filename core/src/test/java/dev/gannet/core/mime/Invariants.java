package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/** Structural checks every parse result must pass, whatever the input. */
final class Invariants {

    private Invariants() {
    }

    static void check(byte[] raw, ParsedMessage m) {
        assertThat(m.size()).isEqualTo(raw.length);
        MessageNode root = m.message();
        assertThat(root.header().start()).isZero();
        assertThat(root.text().end()).isEqualTo(raw.length);
        byte[] joined = concat(slice(raw, root.header()), slice(raw, root.text()));
        assertThat(joined).isEqualTo(raw);
        checkMessage(raw, root);
    }

    private static void checkMessage(byte[] raw, MessageNode node) {
        assertThat(node.body().header()).isEqualTo(node.header());
        assertThat(node.body().body()).isEqualTo(node.text());
        checkPart(raw, node.body(), node.whole());
    }

    private static void checkPart(byte[] raw, BodyPart part, ByteRange parent) {
        assertThat(parent.contains(part.header())).as("part %s header within parent", part.partNumber()).isTrue();
        assertThat(parent.contains(part.body())).as("part %s body within parent", part.partNumber()).isTrue();
        assertThat(part.lines()).as("lines of %s", part.partNumber()).isEqualTo(lfCount(raw, part.body()));
        switch (part.kind()) {
            case MESSAGE -> {
                assertThat(part.message().whole()).isEqualTo(part.body());
                checkMessage(raw, part.message());
            }
            case MULTIPART -> {
                long previousEnd = part.body().start();
                int i = 1;
                for (BodyPart child : part.parts()) {
                    String expected = part.partNumber().isEmpty() ? "" + i : part.partNumber() + "." + i;
                    assertThat(child.partNumber()).isEqualTo(expected);
                    assertThat(child.header().start()).isGreaterThanOrEqualTo(previousEnd);
                    checkPart(raw, child, part.body());
                    previousEnd = child.body().end();
                    i++;
                }
            }
            case LEAF -> {
                assertThat(part.leaf().decodedSize()).isNotNegative();
                if (part.encoding().isIdentity()) {
                    assertThat(part.leaf().decodedSize()).isEqualTo(part.size());
                }
                EncodingLayout layout = part.leaf().layout();
                if (layout != null) {
                    byte[] encoded = slice(raw, part.body());
                    assertThat(TransferCodec.reproduces(encoded, layout))
                            .as("layout of %s reproduces its body", part.partNumber()).isTrue();
                }
            }
        }
        reparseAlone(raw, part);
    }

    /** The part's own bytes, parsed as a message, give the same header and body split and type. */
    private static void reparseAlone(byte[] raw, BodyPart part) {
        byte[] alone = slice(raw, new ByteRange(part.header().start(), part.body().end()));
        ParsedMessage again = MessageParser.parse(alone);
        assertThat(again.message().header().length()).as("re-parsed header of %s", part.partNumber())
                .isEqualTo(part.header().length());
        // When the part's own header names a type, parsing it alone sees the same type. (A part
        // without a usable Content-Type may differ: multipart/digest children default to messages.)
        String aloneType = again.body().mimeType();
        if (!aloneType.equals("text/plain")) {
            assertThat(aloneType).as("re-parsed type of %s", part.partNumber()).isEqualTo(part.mimeType());
            if (part.kind() != BodyPart.Kind.LEAF) {
                assertThat(again.body().kind()).isEqualTo(part.kind());
            }
        }
    }

    static byte[] slice(byte[] raw, ByteRange r) {
        return Arrays.copyOfRange(raw, (int) r.start(), (int) r.end());
    }

    private static long lfCount(byte[] raw, ByteRange r) {
        long n = 0;
        for (long i = r.start(); i < r.end(); i++) {
            if (raw[(int) i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
