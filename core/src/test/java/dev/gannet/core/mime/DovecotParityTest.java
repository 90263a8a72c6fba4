package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** BODYSTRUCTURE, BODY and ENVELOPE equal what Dovecot 2.3.19 returned (see resources/mime/dovecot/README.md). */
class DovecotParityTest {

    static Stream<String> expectations() throws IOException, URISyntaxException {
        Path dir = Path.of(DovecotParityTest.class.getResource("/mime/dovecot").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("expectations")
    void matchesDovecot(String name) throws IOException {
        Properties expected = new Properties();
        try (Reader r = new java.io.InputStreamReader(resource("/mime/dovecot/" + name + ".properties"),
                StandardCharsets.UTF_8)) {
            expected.load(r);
        }
        byte[] raw = name.startsWith("py_")
                ? crlf(resource("/mime/python/" + name.substring(3) + ".txt").readAllBytes())
                : resource("/mime/dovecot/" + name + ".eml").readAllBytes();
        ParsedMessage m = MessageParser.parse(raw);
        Invariants.check(raw, m);
        assertThat(inner(ImapRender.bodyStructure(m))).isEqualTo(expected.getProperty("bodystructure"));
        assertThat(inner(ImapRender.body(m))).isEqualTo(expected.getProperty("body"));
        assertThat(inner(ImapRender.envelope(m))).isEqualTo(expected.getProperty("envelope"));
    }

    private static String inner(String parenthesised) {
        return parenthesised.substring(1, parenthesised.length() - 1);
    }

    private static InputStream resource(String path) {
        InputStream in = DovecotParityTest.class.getResourceAsStream(path);
        assertThat(in).as(path).isNotNull();
        return in;
    }

    private static byte[] crlf(byte[] lf) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(lf.length + lf.length / 20);
        for (int i = 0; i < lf.length; i++) {
            if (lf[i] == '\n' && (i == 0 || lf[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(lf[i]);
        }
        return out.toByteArray();
    }
}
