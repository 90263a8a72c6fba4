package dev.gannet.managesieve;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.SieveStore;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's sieve-connect over STARTTLS: upload, list, activate, download, deactivate, delete. */
class SieveConnectTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("managesieve")
            .set(Settings.MANAGESIEVE_AUTH_FAILURE_DELAY, Duration.ZERO).build();

    @Test
    void uploadsActivatesListsDownloadsAndDeletes(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SieveConnect.available(), "sieve-connect not installed (apt-get install sieve-connect)");
        TestUser u = gannet.createUser();
        int port = gannet.port("managesieve");
        String script = "require [\"fileinto\"];\nif header :contains \"subject\" \"[list]\" {\n  fileinto \"Lists\";\n}\n";
        Files.writeString(dir.resolve("rules.sieve"), script);

        SieveConnect.ok(port, u.username(), u.password(), dir, "--upload", "--localsieve", "rules.sieve", "--remotesieve", "rules");
        SieveStore.Script stored = gannet.store().sieve().get(u.id(), "rules").block();
        assertThat(stored.source()).isEqualTo(script);
        assertThat(stored.active()).isFalse();

        SieveConnect.ok(port, u.username(), u.password(), dir, "--activate", "--remotesieve", "rules");
        assertThat(gannet.store().sieve().active(u.id()).block().name()).isEqualTo("rules");
        assertThat(SieveConnect.ok(port, u.username(), u.password(), dir, "--list").lines().map(String::strip))
                .containsExactly("\"rules\" ACTIVE");

        SieveConnect.ok(port, u.username(), u.password(), dir, "--download", "--remotesieve", "rules", "--localsieve", "back.sieve");
        assertThat(Files.readString(dir.resolve("back.sieve"))).isEqualTo(script);

        assertThat(SieveConnect.run(port, u.username(), u.password(), dir, "--delete", "--remotesieve", "rules").exit())
                .as("the active script cannot be deleted").isNotZero();
        SieveConnect.ok(port, u.username(), u.password(), dir, "--deactivate");
        SieveConnect.ok(port, u.username(), u.password(), dir, "--delete", "--remotesieve", "rules");
        assertThat(gannet.store().sieve().list(u.id()).collectList().block()).isEmpty();
        assertThat(SieveConnect.ok(port, u.username(), u.password(), dir, "--list").strip()).isEmpty();
    }

    @Test
    void aWrongPasswordFails(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SieveConnect.available(), "sieve-connect not installed (apt-get install sieve-connect)");
        TestUser u = gannet.createUser();
        SieveConnect.Result r = SieveConnect.run(gannet.port("managesieve"), u.username(),
                dev.gannet.core.testing.TestSecrets.register("not-the-password"), dir, "--list");
        assertThat(r.exit()).isNotZero();
    }
}
