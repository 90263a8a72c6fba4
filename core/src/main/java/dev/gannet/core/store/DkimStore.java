package dev.gannet.core.store;

import java.time.Instant;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * DKIM signing keys (RFC 6376), one per domain (the {@code dkim} collection), as WildDuck's {@code /dkim} routes
 * manage them and the outbound sender signs with them. The store keeps the private key as the caller hands it
 * (already sealed when a key secret is configured) and never interprets it; the domain is stored normalised
 * (lower-case, IDNA ASCII), so a domain has at most one key whatever its spelling.
 */
public interface DkimStore {

    /**
     * One key. {@code privateKey} is the stored (possibly sealed) PKCS#8 PEM and is hidden by {@code toString()};
     * {@code publicKey} is the SubjectPublicKeyInfo PEM; {@code fingerprint} identifies the key pair.
     */
    record Key(String id, String domain, String selector, String description, String privateKey, String publicKey,
            String fingerprint, Instant created) {
        public Key {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(selector, "selector");
            description = description == null ? "" : description;
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(created, "created");
        }

        @Override
        public String toString() {
            return "Key[id=" + id + ", domain=" + domain + ", selector=" + selector + ", privateKey=***]";
        }
    }

    /**
     * Stores the key for {@code key.domain()}, replacing the domain's key if it has one (WildDuck replaces too);
     * emits the stored key, whose id is the existing key's id when one was replaced.
     */
    Mono<Key> put(Key key);

    /** Empty when there is no such key. */
    Mono<Key> get(String id);

    /** The key that signs for {@code domain} (normalised here); empty when none. */
    Mono<Key> byDomain(String domain);

    /** Every key, ordered by domain. */
    Flux<Key> list();

    /** Deletes a key; emits whether it did. */
    Mono<Boolean> delete(String id);
}
