package dev.gannet.core.node;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.coord.Coordination;
import dev.gannet.core.net.NetworkResources;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.internal.MongoMailStore;
import dev.gannet.core.node.internal.NodeHealth;
import dev.gannet.core.node.internal.StoreConnection;
import dev.gannet.core.tls.TlsConfigException;
import dev.gannet.core.tls.TlsMaterial;
import dev.gannet.core.tls.TlsPolicy;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running Gannet: the store connection (embedded or remote), coordination (in-JVM or Redis), TLS
 * material, and the roles the configuration asks for. Start-up is all or nothing: if any step fails,
 * what was started is stopped again and a {@link StartupException} says why in one line. Shutdown runs
 * in the reverse order: stop accepting everywhere, let in-flight work finish within the grace time,
 * close connections, then coordination and the store.
 */
public final class GannetNode implements AutoCloseable {

    /** Lines operators and scripts look for ("api listening on 127.0.0.1:8080") go to this logger. */
    public static final Logger LIFECYCLE = LoggerFactory.getLogger("gannet.lifecycle");
    private static final Logger log = LoggerFactory.getLogger(GannetNode.class);

    private final GannetConfig config;
    private final StoreConnection store;
    private final Coordination coordination;
    private final NodeContext context;
    private final Map<String, RunningRole> roles;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GannetNode(GannetConfig config, StoreConnection store, Coordination coordination, NodeContext context,
            Map<String, RunningRole> roles) {
        this.config = config;
        this.store = store;
        this.coordination = coordination;
        this.context = context;
        this.roles = roles;
    }

    /** Starts a node with the durable embedded store when {@code mongo.uri} is empty. */
    public static GannetNode start(GannetConfig config) {
        return start(config, StoreConnection.Embedded.H2);
    }

    /**
     * Starts a node.
     *
     * @param embedded how the embedded store keeps data when {@code mongo.uri} is empty (tests may
     *     choose memory)
     * @throws StartupException when anything cannot start; nothing is left running
     */
    public static GannetNode start(GannetConfig config, StoreConnection.Embedded embedded) {
        long began = System.nanoTime();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            StoreConnection store = StoreConnection.open(config, embedded);
            started.add(store);
            log.info("store: {}", store.describe());

            Coordination coordination = openCoordination(config);
            started.add(coordination);
            log.info("coordination: {}", coordination.describe());

            MailStore mail = openMailStore(config, store, coordination);

            String hostname = config.hostname(); // may ask the resolver: once per start
            TlsMaterial tls = loadTls(config, hostname);

            CompositeMeterRegistry metrics = new CompositeMeterRegistry();
            NetworkResources network = NetworkResources.create();
            started.add(network);
            NodeHealth health = new NodeHealth(store, coordination, version());
            NodeContext context = new NodeContext(config, hostname, mail, coordination, tls, metrics, network, health);

            Map<String, RunningRole> roles = startRoles(config, context, started);
            health.rolesRunning(List.copyOf(roles.keySet()));
            GannetNode node = new GannetNode(config, store, coordination, context, roles);
            for (RunningRole role : roles.values()) {
                for (Listener l : role.listeners()) {
                    LIFECYCLE.info(l.announcement());
                }
            }
            log.info("Gannet {} started in {} ms", version(), (System.nanoTime() - began) / 1_000_000);
            return node;
        } catch (RuntimeException e) {
            closeAll(started);
            if (e instanceof StartupException) {
                throw e;
            }
            throw new StartupException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private static Coordination openCoordination(GannetConfig config) {
        String uri = config.get(Settings.REDIS_URI);
        Coordination coordination;
        try {
            coordination = Coordination.create(uri);
        } catch (RuntimeException e) {
            throw new StartupException("redis.uri " + Coordination.redact(uri) + ": " + e.getMessage(), e);
        }
        try {
            coordination.ping().block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            coordination.close();
            throw new StartupException("cannot reach Redis at " + Coordination.redact(uri) + ": " + e.getMessage(), e);
        }
        return coordination;
    }

    private static MailStore openMailStore(GannetConfig config, StoreConnection store, Coordination coordination) {
        MailStore mail = MongoMailStore.create(store.database(), coordination.notifier(), config);
        try {
            mail.ensureSchema().block(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            throw new StartupException("cannot prepare the store's collections and indexes: " + e.getMessage(), e);
        }
        return mail;
    }

    private static TlsMaterial loadTls(GannetConfig config, String hostname) {
        String cert = config.get(Settings.TLS_CERT);
        String key = config.get(Settings.TLS_KEY);
        try {
            return new TlsMaterial(cert.isBlank() ? Optional.empty() : Optional.of(Path.of(cert)),
                    key.isBlank() ? Optional.empty() : Optional.of(Path.of(key)),
                    config.dataDir(), hostname, TlsMaterial.DEFAULT_RELOAD_CHECK, TlsPolicy.from(config));
        } catch (TlsConfigException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static Map<String, RunningRole> startRoles(GannetConfig config, NodeContext context,
            List<AutoCloseable> started) {
        Map<String, Role> available = new LinkedHashMap<>();
        for (Role role : ServiceLoader.load(Role.class)) {
            available.put(role.name(), role);
        }
        Map<String, RunningRole> running = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : Settings.ALL_ROLES) {
            if (!config.runs(name)) {
                continue;
            }
            Role role = available.get(name);
            if (role == null) {
                missing.add(name);
                continue;
            }
            RunningRole r;
            try {
                r = role.start(context);
            } catch (StartupException e) {
                throw e;
            } catch (Exception e) {
                throw new StartupException(name + " cannot start: " + describe(e), e);
            }
            running.put(name, r);
            started.add(() -> {
                r.stopAccepting();
                r.close(Duration.ZERO);
            });
        }
        if (!missing.isEmpty()) {
            log.warn("roles not in this build, not started: {}", String.join(", ", missing));
        }
        return Collections.unmodifiableMap(running);
    }

    private static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.BindException) {
                return "address already in use (" + c.getMessage() + ")";
            }
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("while stopping after a failed start: {}", e.toString());
            }
        }
    }

    /** The version from the jar manifest, or "dev" when running from classes. */
    public static String version() {
        String v = GannetNode.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public NodeContext context() {
        return context;
    }

    public GannetConfig config() {
        return config;
    }

    /** Every bound listener of every role. */
    public List<Listener> listeners() {
        return roles.values().stream().flatMap(r -> r.listeners().stream()).toList();
    }

    /** The listener with this name ("api", "imap", "imaps", ...). */
    public Listener listener(String name) {
        return listeners().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no listener named " + name + " on this node"));
    }

    public StoreConnection storeConnection() {
        return store;
    }

    /** Stops with the configured grace time. */
    @Override
    public void close() {
        close(config.get(Settings.SHUTDOWN_GRACE));
    }

    public void close(Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long began = System.nanoTime();
        roles.values().forEach(RunningRole::stopAccepting);
        store.stopAccepting();
        List<RunningRole> reversed = new ArrayList<>(roles.values());
        Collections.reverse(reversed);
        long deadline = System.nanoTime() + grace.toNanos(); // one grace for the whole node, not per role
        reversed.forEach(r -> r.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        context.network().close();
        coordination.close();
        store.close();
        log.info("Gannet stopped in {} ms", (System.nanoTime() - began) / 1_000_000);
    }
}
