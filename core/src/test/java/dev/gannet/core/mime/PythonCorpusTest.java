package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CPython's email test messages (see resources/mime/python/README.md): every one parses and keeps the invariants. */
class PythonCorpusTest {

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        URL dir = PythonCorpusTest.class.getResource("/mime/python");
        assertThat(dir).as("corpus directory on the test classpath").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            List<Path> msgs = files.filter(p -> p.getFileName().toString().matches("msg_.*\\.txt")).sorted().toList();
            assertThat(msgs).hasSizeGreaterThanOrEqualTo(40);
            return msgs.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void parsesAndKeepsInvariants(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        ParsedMessage m = MessageParser.parse(raw);
        Invariants.check(raw, m);
        assertThat(ImapRender.bodyStructure(m)).startsWith("(").endsWith(")");
        assertThat(ImapRender.envelope(m)).startsWith("(").endsWith(")");
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(MessageParser.parse(in)).isEqualTo(m);
        }
    }

    @Test
    void knownShapes() throws IOException, URISyntaxException {
        ParsedMessage report = parse("msg_16.txt");
        assertThat(report.body().mimeType()).isEqualTo("multipart/report");
        BodyPart returned = report.part("3").orElseThrow();
        assertThat(returned.kind()).isEqualTo(BodyPart.Kind.MESSAGE);
        assertThat(ImapRender.body(returned)).startsWith("(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" ");

        ParsedMessage digest = parse("msg_02.txt");
        assertThat(digest.part("3").orElseThrow().mimeType()).isEqualTo("multipart/digest");
        BodyPart first = digest.part("3.1").orElseThrow();
        assertThat(first.kind()).isEqualTo(BodyPart.Kind.MESSAGE);
        assertThat(first.message().envelope().subject()).isEqualTo("[Ppp] testing #1");
        assertThat(digest.part("3.5").orElseThrow().kind()).isEqualTo(BodyPart.Kind.MESSAGE);
    }

    private static ParsedMessage parse(String name) throws IOException, URISyntaxException {
        return MessageParser.parse(Files.readAllBytes(Path.of(PythonCorpusTest.class.getResource("/mime/python/" + name).toURI())));
    }
}
