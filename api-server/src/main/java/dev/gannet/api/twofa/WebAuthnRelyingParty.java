package dev.gannet.api.twofa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.AuthenticatorAttachment;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import dev.gannet.api.ApiException;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;
import dev.gannet.core.store.WebAuthnCredential;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relying party (W3C WebAuthn Level 2 §7) through Yubico's {@code webauthn-server-core}: the configured RP id
 * and origins, and the library's registration and authentication ceremonies over one user's credentials, loaded
 * before the ceremony (the library then never reaches the store itself, and never sees another user's credential).
 * A client names the origin and RP id it uses; both must be among the configured ones, and the library checks the
 * client data against exactly that origin.
 */
final class WebAuthnRelyingParty {

    static final String CROSS_PLATFORM = "cross-platform";
    static final String PLATFORM = "platform";

    private final String rpId;
    private final String rpName;
    private final Set<String> origins;

    WebAuthnRelyingParty(GannetConfig config) {
        this.origins = config.get(Settings.API_WEBAUTHN_ORIGINS).stream().map(WebAuthnRelyingParty::normalize)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String configured = config.get(Settings.API_WEBAUTHN_RP_ID).strip().toLowerCase(Locale.ROOT);
        if (configured.isEmpty() && !origins.isEmpty()) {
            configured = String.valueOf(URI.create(origins.iterator().next()).getHost()).toLowerCase(Locale.ROOT);
        }
        this.rpId = configured;
        this.rpName = config.get(Settings.API_WEBAUTHN_RP_NAME);
    }

    private static String normalize(String origin) {
        String o = origin.strip();
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    /** The origin a client asks for, if it is one of {@code api.webauthnOrigins}. */
    String origin(String requested) {
        if (origins.isEmpty()) {
            throw ApiException.badRequest("WebAuthn is not configured on this server (api.webauthnOrigins is empty)");
        }
        if (requested == null || requested.isBlank()) {
            throw ApiException.badRequest("field origin is required");
        }
        String o = normalize(requested);
        if (!origins.contains(o)) {
            throw ApiException.badRequest("field origin: " + o + " is not an origin this server accepts for WebAuthn");
        }
        return o;
    }

    /** The RP id a client names (absent or empty: the configured one); nothing but the configured one is taken. */
    String rpId(String requested) {
        if (requested == null || requested.isBlank()) {
            return rpId;
        }
        if (!requested.strip().toLowerCase(Locale.ROOT).equals(rpId)) {
            throw ApiException.badRequest("field rpId: not this server's WebAuthn relying party id");
        }
        return rpId;
    }

    static String attachment(String requested) {
        if (requested == null || requested.isEmpty()) {
            return CROSS_PLATFORM;
        }
        if (!requested.equals(CROSS_PLATFORM) && !requested.equals(PLATFORM)) {
            throw ApiException.badRequest("field authenticatorAttachment: one of platform, cross-platform");
        }
        return requested;
    }

    PublicKeyCredentialCreationOptions startRegistration(User user, String rpId, String origin, String attachment,
            Duration timeout) {
        UserIdentity identity = UserIdentity.builder().name(user.username())
                .displayName(user.displayName() == null || user.displayName().isEmpty() ? user.username() : user.displayName())
                .id(handle(user.id())).build();
        AuthenticatorSelectionCriteria selection = AuthenticatorSelectionCriteria.builder()
                .authenticatorAttachment(PLATFORM.equals(attachment) ? AuthenticatorAttachment.PLATFORM
                        : AuthenticatorAttachment.CROSS_PLATFORM)
                .userVerification(UserVerificationRequirement.DISCOURAGED).build();
        return party(rpId, origin, user.id(), List.of()).startRegistration(StartRegistrationOptions.builder()
                .user(identity).authenticatorSelection(selection).timeout(timeout.toMillis()).build());
    }

    /** Verifies an attestation against the request it answers; 400 naming what failed otherwise. */
    RegistrationResult finishRegistration(UserId user, List<WebAuthnCredential> existing, WebAuthnChallenges.Pending p,
            byte[] rawId, byte[] clientData, byte[] attestationObject) {
        PublicKeyCredentialCreationOptions request;
        try {
            request = PublicKeyCredentialCreationOptions.fromJson(p.request());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable registration request", e);
        }
        AuthenticatorAttestationResponse response;
        try {
            response = AuthenticatorAttestationResponse.builder().attestationObject(new ByteArray(attestationObject))
                    .clientDataJSON(new ByteArray(clientData)).build();
        } catch (Exception e) {
            throw ApiException.badRequest("fields clientDataJSON and attestationObject: not a WebAuthn attestation");
        }
        PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> credential =
                PublicKeyCredential.<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>builder()
                        .id(new ByteArray(rawId)).response(response)
                        .clientExtensionResults(ClientRegistrationExtensionOutputs.builder().build()).build();
        try {
            return party(p.rpId(), p.origin(), user, existing).finishRegistration(
                    FinishRegistrationOptions.builder().request(request).response(credential).build());
        } catch (RegistrationFailedException | RuntimeException e) {
            throw new ApiException(400, "WebAuthnFailed", "the attestation was not verified: " + reason(e));
        }
    }

    AssertionRequest startAssertion(UserId user, String rpId, String origin, List<WebAuthnCredential> allowed,
            Duration timeout) {
        return party(rpId, origin, user, allowed).startAssertion(StartAssertionOptions.builder()
                .username(user.value()).userVerification(UserVerificationRequirement.DISCOURAGED)
                .timeout(timeout.toMillis()).build());
    }

    /** Verifies an assertion made with {@code credential} against the request it answers; 403 otherwise. */
    AssertionResult finishAssertion(UserId user, WebAuthnCredential credential, WebAuthnChallenges.Pending p,
            byte[] rawId, byte[] clientData, byte[] authenticatorData, byte[] signature) {
        AssertionRequest request;
        try {
            request = AssertionRequest.fromJson(p.request());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable assertion request", e);
        }
        AuthenticatorAssertionResponse response;
        try {
            response = AuthenticatorAssertionResponse.builder().authenticatorData(new ByteArray(authenticatorData))
                    .clientDataJSON(new ByteArray(clientData)).signature(new ByteArray(signature)).build();
        } catch (Exception e) {
            throw ApiException.badRequest("fields clientDataJSON and authenticatorData: not a WebAuthn assertion");
        }
        PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> pkc =
                PublicKeyCredential.<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>builder()
                        .id(new ByteArray(rawId)).response(response)
                        .clientExtensionResults(ClientAssertionExtensionOutputs.builder().build()).build();
        AssertionResult result;
        try {
            result = party(p.rpId(), p.origin(), user, List.of(credential)).finishAssertion(
                    FinishAssertionOptions.builder().request(request).response(pkc).build());
        } catch (AssertionFailedException | RuntimeException e) {
            throw new ApiException(403, "WebAuthnFailed", "the assertion was not verified: " + reason(e));
        }
        if (!result.isSuccess()) {
            throw new ApiException(403, "WebAuthnFailed", "the assertion was not verified");
        }
        return result;
    }

    /** The library's own message names the ceremony step that failed; it quotes nothing secret. */
    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) : m;
    }

    static ByteArray handle(UserId user) {
        return new ByteArray(user.value().getBytes(StandardCharsets.UTF_8));
    }

    private RelyingParty party(String rpId, String origin, UserId user, List<WebAuthnCredential> credentials) {
        return RelyingParty.builder()
                .identity(RelyingPartyIdentity.builder().id(rpId).name(rpName).build())
                .credentialRepository(new OneUser(user, credentials))
                .origins(Set.of(origin))
                .allowUntrustedAttestation(true)
                .validateSignatureCounter(true)
                .build();
    }

    /** The credentials of one user, loaded before the ceremony; the user's id is its user name and handle. */
    private static final class OneUser implements CredentialRepository {
        private final UserId user;
        private final ByteArray handle;
        private final List<WebAuthnCredential> credentials;

        OneUser(UserId user, List<WebAuthnCredential> credentials) {
            this.user = user;
            this.handle = handle(user);
            this.credentials = credentials;
        }

        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
            if (!user.value().equals(username)) {
                return Set.of();
            }
            return credentials.stream().map(c -> PublicKeyCredentialDescriptor.builder()
                    .id(new ByteArray(c.credentialId())).build()).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String username) {
            return user.value().equals(username) ? Optional.of(handle) : Optional.empty();
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
            return handle.equals(userHandle) ? Optional.of(user.value()) : Optional.empty();
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
            return handle.equals(userHandle) ? lookupAll(credentialId).stream().findFirst() : Optional.empty();
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
            return credentials.stream().filter(c -> new ByteArray(c.credentialId()).equals(credentialId))
                    .map(c -> RegisteredCredential.builder().credentialId(new ByteArray(c.credentialId()))
                            .userHandle(handle).publicKeyCose(new ByteArray(c.publicKeyCose()))
                            .signatureCount(c.signCount()).build())
                    .collect(Collectors.toSet());
        }
    }
}
