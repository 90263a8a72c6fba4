package dev.gannet.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
