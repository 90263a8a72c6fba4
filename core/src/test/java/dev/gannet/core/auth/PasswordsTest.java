package dev.gannet.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.testing.HashFixtures;
import dev.gannet.core.testing.HashFixtures.Fixture;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordsTest {

    private final Passwords passwords = new Passwords(1024, 1);

    @Test
    void newHashesAreArgon2idAndVerify() {
        String h = passwords.hash("correct horse");
        assertThat(h).startsWith("$argon2id$");
        assertThat(passwords.verify("correct horse", h)).isTrue();
        assertThat(passwords.verify("wrong", h)).isFalse();
        assertThat(passwords.needsRehash(h)).isFalse();
        assertThat(new Passwords(2048, 1).needsRehash(h)).isTrue();
    }

    @Test
    void sha512CryptVectorsFromTheSpecification() {
        assertThat(passwords.verify("Hello world!",
                "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"))
                .isTrue();
        String rounds = "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.";
        assertThat(passwords.verify("Hello world!", rounds)).isTrue();
        assertThat(passwords.verify("Hello world!", "{SHA512-CRYPT}" + rounds)).isTrue();
        assertThat(passwords.verify("Hello world?", rounds)).isFalse();
        assertThat(passwords.verify("secret", "$5$abcdefgh$gruCpC7VkOTspMQTTSAR8mtlO9Upms.fwqE5y16JVM.")).isTrue();
        assertThat(passwords.needsRehash(rounds)).isTrue();
    }

    @Test
    void importedBcryptAndPbkdf2() {
        String bcrypt = "$2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW";
        assertThat(passwords.verify("secret", bcrypt)).isTrue();
        assertThat(passwords.verify("secret", "{BLF-CRYPT}" + bcrypt.replace("$2b$", "$2y$"))).isTrue();
        assertThat(passwords.verify("Secret", bcrypt)).isFalse();
        assertThat(passwords.verify("secret",
                "pbkdf2_sha256$1000$salt$qN+JnzxPIE2WfgrWPAkph8EAVeuwF7PZ0ordIY1Peq0=")).isTrue();
        assertThat(passwords.verify("secret", "{MD5}whatever")).isFalse();
        assertThat(passwords.verify("secret", "garbage")).isFalse();
    }

    static List<Fixture> fixtures() {
        return HashFixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyHashWildDucksLibrariesWriteVerifies(Fixture f) {
        Passwords.checkImportable(f.hash());
        assertThat(passwords.verify(f.password(), f.hash())).isTrue();
        assertThat(passwords.verify(f.password() + "x", f.hash())).isFalse();
        assertThat(passwords.verify(f.password().substring(1), f.hash())).isFalse();
        assertThat(passwords.needsRehash(f.hash())).isTrue();
    }

    @Test
    void fixturesCoverEverySchemeWildDuckAccepts() {
        List<String> prefixes = fixtures().stream().map(f -> f.hash().substring(0, f.hash().indexOf('$', 1) + 1)).toList();
        assertThat(prefixes).contains("$pbkdf2-sha1$", "$pbkdf2-sha256$", "$pbkdf2-sha512$", "$2a$", "$2b$", "$2y$",
                "$1$", "$5$", "$6$", "$argon2i$", "$argon2d$", "$argon2id$");
    }

    @Test
    void md5CryptVectorsFromOpenssl() {
        // openssl passwd -1 -salt saltsalt password, and so on
        assertThat(passwords.verify("password", "$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/")).isTrue();
        assertThat(passwords.verify("passwore", "$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/")).isFalse();
        assertThat(passwords.verify("a much longer password with more than sixteen bytes",
                "$1$xy.Z/9$dn2N2cknO6OPtnh1LGefO1")).isTrue();
        assertThat(passwords.verify("password", "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/")).isTrue();
        assertThat(Md5Crypt.crypt(new byte[0], "ab")).isEqualTo("$1$ab$rn6aQS/o7141mj179E/zA.");
    }

    @Test
    void phcPbkdf2IsStandardBase64WithoutPadding() {
        // RFC 6070 test vector 2 (sha1, "password"/"salt", 2 iterations) written in the PHC format
        assertThat(passwords.verify("password", "$pbkdf2-sha1$i=2$c2FsdA$6mwBTcctb4zNHtkqzh1B8NjeiVc")).isTrue();
        assertThat(passwords.verify("password", "$pbkdf2-sha1$i=3$c2FsdA$6mwBTcctb4zNHtkqzh1B8NjeiVc")).isFalse();
        // passlib's variant: bare rounds and '.' for '+'
        assertThat(passwords.verify("password", "$pbkdf2-sha1$2$c2FsdA$6mwBTcctb4zNHtkqzh1B8NjeiVc")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain-text-password", "{MD5}X03MO1qnZdYdgyfeuILPmQ==", "{SSHA}abcdef", "$pbkdf2-md5$i=1000$c2FsdA$6mwBTcctb4zNHtkqzh1B8NjeiVc",
        "$pbkdf2-sha256$i=0$c2FsdA$6mwBTcctb4zNHtkqzh1B8NjeiVc", "$pbkdf2-sha256$i=100000$c2FsdA$!!!",
        "$pbkdf2-sha256$i=99999999999$c2FsdA$6mwBTcctb4zNHtkqzh1B8NjeiVc", "$pbkdf2-sha256$i=1000$c2FsdA$6mwB",
        "$2b$10$short", "$2b$31$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW", "$2x$10$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW",
        "$1$toolongsalt$qjXMvbEw8oaL.CzflDtaK/", "$1$saltsalt$tooshort", "$6$salt$tooshort", "$5$rounds=10$salt$gruCpC7VkOTspMQTTSAR8mtlO9Upms.fwqE5y16JVM.",
        "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aMIyTAeaMm1bMQGmrjBigp88pHCvmJyYYsHwL9BygT0",
        "$argon2x$v=19$m=4096,t=2,p=1$c29tZXNhbHQ$aMIyTAeaMm1bMQGmrjBigp88pHCvmJyYYsHwL9BygT0", "$argon2id$garbage", "$7$whatever", ""})
    void unverifiableHashesAreRefusedAtImport(String hash) {
        assertThatThrownBy(() -> Passwords.checkImportable(hash)).isInstanceOf(GannetException.Invalid.class);
        assertThat(passwords.verify("password", hash)).isFalse();
    }

    static Stream<String> knownGood() {
        return Stream.of("$2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW",
                "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
                "pbkdf2_sha256$1000$salt$qN+JnzxPIE2WfgrWPAkph8EAVeuwF7PZ0ordIY1Peq0=");
    }

    @ParameterizedTest
    @MethodSource("knownGood")
    void hashesThatVerifiedBeforeAreStillImportable(String hash) {
        Passwords.checkImportable(hash);
    }
}
