package dev.gannet.core.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config/default.toml} is what users read to learn the options. It must list every key with its
 * real default; regenerate it with {@code ./mvnw -q -pl core test -Dtest=DefaultConfigFileTest -Dgannet.regenerate=true}.
 */
class DefaultConfigFileTest {

    private static final Path FILE = Path.of("..", "config", "default.toml");

    @Test
    void committedFileEqualsTheSettings() throws IOException {
        String rendered = DefaultConfigFile.render();
        if (Boolean.getBoolean("gannet.regenerate")) {
            Files.writeString(FILE, rendered);
        }
        assertThat(Files.readString(FILE))
                .as("config/default.toml is out of date; regenerate it (see this test's comment)")
                .isEqualTo(rendered);
    }

    @Test
    void loadingTheDefaultFileGivesTheDefaults() {
        GannetConfig loaded = ConfigLoader.load(Optional.of(FILE), Map.of(), List.of());
        assertThat(loaded.toString()).isEqualTo(GannetConfig.defaults().toString());
    }

    @Test
    void everyKeyHasALineInTheFile() throws IOException {
        String text = Files.readString(FILE);
        for (Setting<?> s : Settings.all()) {
            String leaf = s.key().substring(s.key().lastIndexOf('.') + 1);
            assertThat(text).as(s.key()).containsPattern("(?m)^" + leaf + " = ");
        }
    }
}
