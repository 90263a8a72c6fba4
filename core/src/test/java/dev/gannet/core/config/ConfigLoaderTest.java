package dev.gannet.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String toml) throws IOException {
        Path f = dir.resolve("gannet.toml");
        Files.writeString(f, toml);
        return f;
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        GannetConfig c = ConfigLoader.load(Optional.empty(), Map.of(), List.of());
        assertThat(c.get(Settings.IMAP_PORT)).isEqualTo(143);
        assertThat(c.get(Settings.ROLES)).containsExactly("imap", "pop3", "lmtp", "api", "tasks", "managesieve",
                "socketmap", "policy");
        assertThat(c.get(Settings.MONGO_URI)).isEmpty();
        assertThat(c.get(Settings.SHUTDOWN_GRACE)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void fileThenEnvironmentThenSetEachOverrideTheOneBefore() throws IOException {
        Path f = file("""
                hostname = "mail.example.org"
                roles = ["imap", "api"]
                [imap]
                port = 1143
                tlsPort = 1993
                [store]
                cacheMb = 64
                """);
        GannetConfig fromFile = ConfigLoader.load(Optional.of(f), Map.of(), List.of());
        assertThat(fromFile.get(Settings.IMAP_PORT)).isEqualTo(1143);
        assertThat(fromFile.get(Settings.ROLES)).containsExactly("imap", "api");
        assertThat(fromFile.hostname()).isEqualTo("mail.example.org");

        Map<String, String> env = Map.of("GANNET_IMAP_PORT", "2143", "GANNET_IMAP_TLS_PORT", "2993",
                "PATH", "/usr/bin", "GANNET_STORE_CACHE_MB", "32");
        GannetConfig withEnv = ConfigLoader.load(Optional.of(f), env, List.of());
        assertThat(withEnv.get(Settings.IMAP_PORT)).isEqualTo(2143);
        assertThat(withEnv.get(Settings.IMAP_TLS_PORT)).isEqualTo(2993);
        assertThat(withEnv.get(Settings.STORE_CACHE_MB)).isEqualTo(32);

        GannetConfig withSet = ConfigLoader.load(Optional.of(f), env,
                List.of("imap.port=3143", "roles=api", "shutdown.grace=2m"));
        assertThat(withSet.get(Settings.IMAP_PORT)).isEqualTo(3143);
        assertThat(withSet.get(Settings.IMAP_TLS_PORT)).isEqualTo(2993);
        assertThat(withSet.get(Settings.ROLES)).containsExactly("api");
        assertThat(withSet.get(Settings.SHUTDOWN_GRACE)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void portZeroMeansAnyAndMinusOneTurnsAListenerOff() {
        GannetConfig c = ConfigLoader.load(Optional.empty(), Map.of(), List.of("imap.port=0", "imap.tlsPort=-1"));
        assertThat(c.get(Settings.IMAP_PORT)).isZero();
        assertThat(c.get(Settings.IMAP_TLS_PORT)).isEqualTo(-1);
    }

    @Test
    void badValueFromSetNamesTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), List.of("imap.port=abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set: imap.port: expected an integer from -1 to 65535, got \"abc\"");
    }

    @Test
    void outOfRangePortIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), List.of("api.port=70000")))
                .hasMessageContaining("api.port").hasMessageContaining("70000");
    }

    @Test
    void unknownKeyInFileNamesTheKeyAndLine() throws IOException {
        Path f = file("""
                hostname = "x"
                [imap]
                prot = 1143
                """);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(f + ":3: unknown key imap.prot");
    }

    @Test
    void unknownKeyHintsAtTheRightCase() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), List.of("imap.tlsport=1")))
                .hasMessage("--set: unknown key imap.tlsport (did you mean imap.tlsPort?)");
    }

    @Test
    void wrongTomlTypeIsNamed() throws IOException {
        Path f = file("[imap]\nport = \"143\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of(), List.of()))
                .hasMessage(f + ":2: imap.port: expected an integer from -1 to 65535, got the string \"143\"");
    }

    @Test
    void unknownRoleIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), List.of("roles=imap,smtp")))
                .hasMessage("--set: roles: \"smtp\" is not one of imap, pop3, lmtp, api, tasks, managesieve, socketmap, policy");
    }

    @Test
    void unknownEnvironmentVariableWithThePrefixIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("GANNET_IMAP_PROT", "1"), List.of()))
                .hasMessageStartingWith("environment variable GANNET_IMAP_PROT names no setting");
    }

    @Test
    void badEnvironmentValueNamesTheVariableAndKey() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("GANNET_API_PORT", "http"), List.of()))
                .hasMessage("environment variable GANNET_API_PORT: api.port: expected an integer from 0 to 65535, got \"http\"");
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = dir.resolve("nope.toml");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of(), List.of()))
                .hasMessage("cannot read configuration file " + missing + ": no such file");
    }

    @Test
    void brokenTomlNamesTheLine() throws IOException {
        Path f = file("hostname = \"x\"\nroles = [\"imap\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":");
    }

    @Test
    void setWithoutEqualsIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), List.of("imap.port")))
                .hasMessage("--set imap.port: expected key=value");
    }

    @Test
    void secretsAreMaskedWhenPrinted() {
        GannetConfig c = ConfigLoader.load(Optional.empty(), Map.of(),
                List.of("api.accessToken=s3cret", "redis.uri=redis://:pw@127.0.0.1:6379"));
        assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("pw@").contains("api.accessToken=\"***\"");
    }

    @Test
    void sizesAndDurationsAcceptUnits() {
        assertThat(SettingType.SIZE.fromText("25MB")).isEqualTo(25L << 20);
        assertThat(SettingType.SIZE.fromText("512")).isEqualTo(512L);
        assertThat(SettingType.DURATION.fromText("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SettingType.DURATION.toToml(Duration.ofMinutes(30))).isEqualTo("\"30m\"");
        assertThatThrownBy(() -> SettingType.DURATION.fromText("soon"))
                .isInstanceOf(SettingType.InvalidValueException.class);
    }

    @Test
    void environmentNamesSplitCamelCase() {
        assertThat(Settings.IMAP_TLS_PORT.environmentName()).isEqualTo("GANNET_IMAP_TLS_PORT");
        assertThat(Settings.STORE_DATA_DIR.environmentName()).isEqualTo("GANNET_STORE_DATA_DIR");
        assertThat(Settings.HOSTNAME.environmentName()).isEqualTo("GANNET_HOSTNAME");
    }
}
