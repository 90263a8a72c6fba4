package dev.gannet.server;

import ch.qos.logback.classic.Level;
import dev.gannet.core.config.ConfigException;
import dev.gannet.core.config.ConfigLoader;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.internal.embedded.EmbeddedStore;
import dev.gannet.core.internal.embedded.EmbeddedStoreException;
import dev.gannet.core.node.GannetNode;
import dev.gannet.core.node.Listener;
import dev.gannet.core.node.StartupException;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;

/**
 * The launcher. Exit status: 0 after a clean stop on SIGTERM or SIGINT; 1 when the node cannot start
 * (port in use, locked or corrupt store, unreachable MongoDB or Redis); 2 when the command line or the
 * configuration is wrong. Failures print exactly one line to standard error, starting with
 * {@code gannet:}.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_BAD_CONFIG = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (Invocation.UsageException e) {
            err.println("gannet: " + e.getMessage());
            err.println(Invocation.USAGE);
            return EXIT_BAD_CONFIG;
        }
        if (invocation instanceof Invocation.Run r) {
            return runNode(r, err);
        } else if (invocation instanceof Invocation.Store s) {
            return runStore(s, err);
        } else if (invocation instanceof Invocation.Version) {
            System.out.println("gannet " + GannetNode.version());
        } else {
            System.out.println(Invocation.USAGE);
        }
        return EXIT_OK;
    }

    private static int runNode(Invocation.Run run, PrintStream err) {
        GannetConfig config;
        try {
            config = ConfigLoader.load(run.configFile(), System.getenv(), run.sets());
        } catch (ConfigException e) {
            err.println("gannet: configuration error: " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        setLogLevel(config.get(Settings.LOG_LEVEL));
        Signals signals = new Signals();
        GannetNode node;
        try {
            node = GannetNode.start(config);
        } catch (StartupException e) {
            err.println("gannet: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        return awaitStop(signals, node::close);
    }

    private static int runStore(Invocation.Store store, PrintStream err) {
        Signals signals = new Signals();
        EmbeddedStore embedded;
        try {
            embedded = EmbeddedStore.openH2(store.dataDir(), store.cacheMb(), store.host(), store.port());
        } catch (EmbeddedStoreException e) {
            err.println("gannet: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        GannetNode.LIFECYCLE.info(new Listener("store", embedded.address()).announcement());
        return awaitStop(signals, embedded::close);
    }

    private static int awaitStop(Signals signals, Runnable stop) {
        try {
            String signal = signals.await();
            GannetNode.LIFECYCLE.info("{} received, stopping", signal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop.run();
        return EXIT_OK;
    }

    private static void setLogLevel(String level) {
        if (LoggerFactory.getLogger("dev.gannet") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
