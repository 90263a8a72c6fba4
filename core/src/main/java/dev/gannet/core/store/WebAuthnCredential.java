package dev.gannet.core.store;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A registered WebAuthn credential (W3C WebAuthn Level 2 §4, "credential record"): the id the API shows
 * ({@code id}, an ObjectId string as WildDuck's), the authenticator's credential id, its COSE public key, the
 * last signature counter seen, and the relying party it was registered for. Nothing here is secret.
 */
public record WebAuthnCredential(String id, UserId user, byte[] credentialId, byte[] publicKeyCose, long signCount,
        String description, String authenticatorAttachment, String rpId, Instant created, Instant lastUsed) {

    public WebAuthnCredential {
        Objects.requireNonNull(id);
        Objects.requireNonNull(user);
        credentialId = credentialId.clone();
        publicKeyCose = publicKeyCose.clone();
    }

    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    @Override
    public byte[] publicKeyCose() {
        return publicKeyCose.clone();
    }

    /** The credential id in lower-case hex, WildDuck's {@code rawId}. */
    public String rawIdHex() {
        return HexFormat.of().formatHex(credentialId);
    }

    /** What registration hands the store. */
    public record New(byte[] credentialId, byte[] publicKeyCose, long signCount, String description,
            String authenticatorAttachment, String rpId) {
        public New {
            credentialId = credentialId.clone();
            publicKeyCose = publicKeyCose.clone();
        }
    }
}
