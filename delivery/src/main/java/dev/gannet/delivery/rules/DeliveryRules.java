package dev.gannet.delivery.rules;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.SieveStore;
import dev.gannet.core.store.User;
import dev.gannet.delivery.sieve.Action;
import dev.gannet.delivery.sieve.Includes;
import dev.gannet.delivery.sieve.MessageContext;
import dev.gannet.delivery.sieve.Sieve;
import dev.gannet.delivery.sieve.SieveLimits;
import dev.gannet.delivery.sieve.SieveResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a user's rules on a message at delivery: gathers the scripts of every {@link RuleSource}, loads what
 * the scripts may ask about (the user's mailbox names, their scripts for include), and evaluates them off the
 * event loop. Script problems never fail the returned Mono (they become a keep and are logged with user,
 * script and line, never message content); only a store failure does, so the delivery can answer 4xx.
 */
public final class DeliveryRules {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRules.class);
    private static final SieveResult KEEP_ONLY = new SieveResult(List.of(new Action.Keep(Set.of())), List.of());

    private final MailStore store;
    private final Sieve sieve;
    private final List<RuleSource> sources;
    private final int maxBodyBytes;
    private final Path globalDir;

    public DeliveryRules(MailStore store, Sieve sieve, List<RuleSource> sources, int maxBodyBytes, Path globalDir) {
        this.store = store;
        this.sieve = sieve;
        this.sources = List.copyOf(sources);
        this.maxBodyBytes = maxBodyBytes;
        this.globalDir = globalDir;
    }

    /** The standard rules: {@link RuleSources#standard} with the {@code sieve.*} settings. */
    public static DeliveryRules from(MailStore store, GannetConfig config) {
        return from(store, config, RuleSources.standard(store, config));
    }

    public static DeliveryRules from(MailStore store, GannetConfig config, List<RuleSource> sources) {
        String dir = config.get(Settings.SIEVE_GLOBAL_DIR);
        return new DeliveryRules(store, new Sieve(SieveLimits.from(config)), sources,
                (int) Math.min(Integer.MAX_VALUE, config.get(Settings.SIEVE_MAX_BODY_BYTES)),
                dir.isEmpty() ? null : Path.of(dir));
    }

    public Sieve sieve() {
        return sieve;
    }

    /** What the user's rules say about {@code message}; a user without rules gets a keep without any store read beyond the sources'. */
    public Mono<Evaluated> evaluate(User user, MessageSource message, MessageContext.Envelope envelope) {
        return Flux.fromIterable(sources).concatMap(s -> s.scripts(user)).collectList().flatMap(scripts -> {
            if (scripts.isEmpty()) {
                return Mono.just(new Evaluated(KEEP_ONLY, null));
            }
            boolean include = scripts.stream().anyMatch(s -> s.source().contains("include"));
            Mono<Map<String, String>> personal = include
                    ? store.sieve().list(user.id()).collectMap(SieveStore.Script::name, SieveStore.Script::source)
                    : Mono.just(Map.of());
            Mono<Set<String>> boxes = store.mailboxes().list(user.id()).map(m -> m.name().path())
                    .collect(Collectors.toSet());
            return Mono.zip(personal, boxes).flatMap(t -> Mono.fromCallable(() -> {
                Set<String> names = t.getT2();
                // INBOX is case-insensitive (RFC 3501 §5.1), every other name exact
                MessageContext ctx = MessageContext.of(message, envelope,
                        b -> b.equalsIgnoreCase("INBOX") || names.contains(b),
                        maxBodyBytes);
                SieveResult result = sieve.evaluate(scripts, ctx, includes(t.getT1()));
                for (SieveResult.RuntimeFailure f : result.failures()) {
                    log.warn("sieve user={} origin={} script=\"{}\" line={} error=\"{}\": message kept in INBOX",
                            user.id().value(), f.origin(), printable(f.script()), f.line(), printable(f.reason()));
                }
                return new Evaluated(result, ctx);
            }).subscribeOn(Schedulers.boundedElastic()));
        });
    }

    /** The result and the context it was computed on (null when no script ran). */
    public record Evaluated(SieveResult result, MessageContext context) {
    }

    private Includes includes(Map<String, String> personal) {
        Map<String, String> globals = new HashMap<>();
        return new Includes() {
            @Override
            public Optional<String> personal(String name) {
                return Optional.ofNullable(personal.get(name));
            }

            @Override
            public Optional<String> global(String name) {
                if (globalDir == null || !name.matches("[A-Za-z0-9._-]{1,128}") || name.startsWith(".")) {
                    return Optional.empty();
                }
                return Optional.ofNullable(globals.computeIfAbsent(name, n -> {
                    Path f = globalDir.resolve(n + ".sieve");
                    try {
                        return Files.size(f) > sieve.limits().maxScriptBytes() ? null : Files.readString(f, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return null;
                    }
                }));
            }
        };
    }

    static String printable(String s) {
        return s.replaceAll("[\\p{Cntrl}\"]", " ");
    }
}
