package dev.gannet.delivery.dkim;

import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.store.DkimStore;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.PythonModules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signatures checked by dkimpy (Debian python3-dkim), which nobody here wrote: over CPython's email test corpus,
 * Gannet's generated corpus and hand-made edge cases (folded and repeated fields, trailing whitespace and empty
 * lines, no body, 8-bit bytes); a changed body or signed field then fails. The store-backed signer signs only for a
 * From domain that has a key and leaves every other message byte for byte as it was.
 */
class DkimSignerTest {

    static PrivateKey key;
    static String txt;

    @TempDir
    Path dir;

    @BeforeAll
    static void key() {
        key = DkimKeys.generate();
        txt = DkimKeys.dnsValue(DkimKeys.publicKey(key));
    }

    private Map<String, String> verify(Map<String, byte[]> signed) throws IOException, InterruptedException {
        String python = PythonModules.require("dkim", "python3-dkim");
        Path script = PythonModules.script("dkim_verify.py", dir);
        List<String> args = new ArrayList<>(List.of(script.toString(), txt));
        Map<String, String> byFile = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, byte[]> e : signed.entrySet()) {
            Path f = dir.resolve("m" + (n++) + ".eml");
            Files.write(f, e.getValue());
            args.add(f.toString());
            byFile.put(f.toString(), e.getKey());
        }
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : PythonModules.run(python, args).split("\n")) {
            if (!line.isBlank()) {
                int sp = line.indexOf(' ');
                results.put(byFile.get(line.substring(0, sp)), line.substring(sp + 1));
            }
        }
        assertThat(results).hasSize(signed.size());
        return results;
    }

    private static byte[] sign(byte[] m) {
        return DkimSigner.sign(m, new DkimSigner.SigningKey("example.org", "sel1", key), Instant.now().getEpochSecond());
    }

    static Map<String, byte[]> edgeCases() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("folded", ("From: Ann  Example\r\n  <ann@example.org>\r\nTo: bob@example.net,\r\n\tcarl@example.net\r\n"
                + "Subject:   spaced \t subject  \r\nReceived: x\r\nTo: second@example.net\r\n\r\n  body  with \t  spaces  \r\n\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        m.put("no body", "From: ann@example.org\r\nSubject: none\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        m.put("no separator", "From: ann@example.org\r\nSubject: none\r\n".getBytes(StandardCharsets.US_ASCII));
        m.put("8bit", ("From: J\u00f6rg <jorg@example.org>\r\nSubject: Gr\u00fc\u00dfe\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "\r\nGr\u00fc\u00dfe aus K\u00f6ln\r\n").getBytes(StandardCharsets.UTF_8));
        m.put("no final newline", "From: ann@example.org\r\n\r\nlast line".getBytes(StandardCharsets.US_ASCII));
        return m;
    }

    @Test
    void signaturesVerifyOverEveryCorpusMessage() throws Exception {
        Map<String, byte[]> signed = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : pythonCorpus().entrySet()) {
            signed.put("python " + e.getKey(), sign(LineEndings.toCrlf(e.getValue())));
        }
        for (Map.Entry<String, byte[]> e : GeneratedMail.corpus().entrySet()) {
            signed.put("generated " + e.getKey(), sign(LineEndings.toCrlf(e.getValue())));
        }
        for (Map.Entry<String, byte[]> e : edgeCases().entrySet()) {
            signed.put("edge " + e.getKey(), sign(e.getValue()));
        }
        assertThat(signed.size()).isGreaterThan(60);
        Map<String, String> results = verify(signed);
        // dkimpy refuses to parse a few corpus messages whose header has a line that is no field at all
        List<String> unparseable = results.entrySet().stream().filter(e -> e.getValue().startsWith("UNPARSEABLE"))
                .map(Map.Entry::getKey).toList();
        assertThat(unparseable).hasSizeLessThanOrEqualTo(3);
        results.keySet().removeAll(unparseable);
        assertThat(results.size()).isGreaterThan(60);
        assertThat(results).allSatisfy((name, result) -> assertThat(result).as(name).isEqualTo("ok"));
    }

    @Test
    void signingPrependsOneFieldAndChangesNothingElse() {
        byte[] m = edgeCases().get("folded");
        byte[] s = sign(m);
        String text = new String(s, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=sel1;");
        assertThat(text).doesNotContain("l=");
        assertThat(text).contains("h=from:to:to:subject;");
        byte[] rest = java.util.Arrays.copyOfRange(s, s.length - m.length, s.length);
        assertThat(rest).isEqualTo(m);
    }

    @Test
    void tamperedMessagesFail() throws Exception {
        byte[] s = sign(edgeCases().get("folded"));
        String text = new String(s, StandardCharsets.ISO_8859_1);
        Map<String, byte[]> tampered = new LinkedHashMap<>();
        tampered.put("body", text.replace("body  with", "body with more").getBytes(StandardCharsets.ISO_8859_1));
        tampered.put("subject", text.replace("spaced", "changed").getBytes(StandardCharsets.ISO_8859_1));
        tampered.put("whitespace only", text.replace("body  with", "body with").getBytes(StandardCharsets.ISO_8859_1));
        Map<String, String> results = verify(tampered);
        assertThat(results.get("body")).startsWith("FAIL");
        assertThat(results.get("subject")).startsWith("FAIL");
        assertThat(results.get("whitespace only")).as("relaxed body canonicalisation").isEqualTo("ok");
    }

    @Test
    void storeBackedSignerSignsOnlyForAFromDomainWithAKey() throws Exception {
        DkimKeySeal seal = new DkimKeySeal("a secret");
        String stored = seal.seal(DkimKeys.privatePem(key));
        assertThat(stored).startsWith("aes1:").doesNotContain("PRIVATE");
        DkimStore.Key k = new DkimStore.Key("id1", "example.org", "sel1", "", stored,
                DkimKeys.publicPem(DkimKeys.publicKey(key)), "fp", Instant.now());
        DkimSigner signer = new DkimSigner(new OneKey(k), "a secret");
        byte[] ours = "From: \"Ann, A.\" <ann@Example.ORG>\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] theirs = "From: zed@elsewhere.example\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] none = "Subject: no from\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] signed = signer.sign(ours);
        assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature:").contains("d=example.org;");
        assertThat(signer.sign(theirs)).isEqualTo(theirs);
        assertThat(signer.sign(none)).isEqualTo(none);
        assertThat(new DkimSigner(new OneKey(k), "another secret").sign(ours)).as("a key that does not open").isEqualTo(ours);
        assertThat(verify(Map.of("ours", signed)).get("ours")).isEqualTo("ok");
    }

    @Test
    void pkcs1AndPkcs8KeysBothRead() throws Exception {
        String pkcs8 = DkimKeys.privatePem(key);
        assertThat(DkimKeys.parse(pkcs8).getEncoded()).isEqualTo(key.getEncoded());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DkimKeys.parse("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .hasMessageNotContaining("AAAA");
        if (Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            Path p = dir.resolve("k.pem");
            Process gen = new ProcessBuilder("/usr/bin/openssl", "genrsa", "-traditional", "-out", p.toString(), "2048")
                    .redirectErrorStream(true).start();
            gen.getInputStream().readAllBytes();
            if (gen.waitFor() == 0) {
                String pem = Files.readString(p);
                assertThat(pem).contains("BEGIN RSA PRIVATE KEY");
                assertThat(DkimKeys.parse(pem)).isNotNull();
            }
        }
    }

    /** CPython's email test corpus (Lib/test/test_email/data), from a python3 that has it. */
    static Map<String, byte[]> pythonCorpus() throws IOException, InterruptedException {
        String python = PythonModules.require("test.test_email", "libpython3-testsuite");
        String dirName = PythonModules.run(python, List.of("-c",
                "import test.test_email, os; print(os.path.dirname(test.test_email.__file__))")).strip();
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of(dirName, "data"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("msg_")).sorted().toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        assertThat(out).hasSizeGreaterThan(40);
        return out;
    }

    private record OneKey(DkimStore.Key key) implements DkimStore {
        public Mono<Key> put(Key k) {
            return Mono.error(new UnsupportedOperationException());
        }

        public Mono<Key> get(String id) {
            return Mono.justOrEmpty(id.equals(key.id()) ? key : null);
        }

        public Mono<Key> byDomain(String domain) {
            return Mono.justOrEmpty(domain.equalsIgnoreCase(key.domain()) ? key : null);
        }

        public Flux<Key> list() {
            return Flux.just(key);
        }

        public Mono<Boolean> delete(String id) {
            return Mono.just(false);
        }
    }
}
