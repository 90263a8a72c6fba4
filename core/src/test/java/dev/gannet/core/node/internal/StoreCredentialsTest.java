package dev.gannet.core.node.internal;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.node.StartupException;
import dev.gannet.core.testing.TestSecrets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A mongo.uri password never reaches the startup error line (nor, through the leak check, a log). */
class StoreCredentialsTest {

    private static final String PASSWORD = TestSecrets.register("mongo-pw-" + Long.toHexString(System.nanoTime()));

    private static StartupException open(String uri) {
        GannetConfig config = GannetConfig.defaults().with(Settings.MONGO_URI, uri);
        return catchThrowableOfType(StartupException.class, () -> StoreConnection.open(config, StoreConnection.Embedded.MEMORY));
    }

    @Test
    void anUnreachableStoreIsReportedWithoutThePassword() {
        StartupException e = open("mongodb://gannet:" + PASSWORD + "@127.0.0.1:1/?serverSelectionTimeoutMS=200&connectTimeoutMS=200");
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain(PASSWORD);
    }

    @Test
    void aBrokenConnectionStringIsReportedWithoutThePassword() {
        StartupException e = open("mongodb://gannet:" + PASSWORD + "@@127.0.0.1:1/?bogus=");
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("mongo.uri").doesNotContain(PASSWORD);
        assertThat(StoreConnection.withoutCredentials("invalid host 'p@ss-x@h:1'", "mongodb://u:p@ss-x@h:1/db"))
                .doesNotContain("ss-x").doesNotContain("p@ss");
    }
}
