package dev.gannet.api.twofa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.api.auth.TokenStore;
import dev.gannet.api.twofa.WebAuthnBodies.*;
import dev.gannet.api.twofa.WebAuthnChallenges.Ceremony;
import dev.gannet.api.twofa.WebAuthnChallenges.Pending;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.coord.KeyValueCache;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;
import dev.gannet.core.store.WebAuthnCredential;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * WebAuthn as a second factor at WildDuck's paths ({@code /users/{user}/2fa/webauthn/...}): registration
 * (challenge, then attestation), the credential list and delete, and authentication (challenge, then assertion).
 * Registering or deleting a credential needs a full token (or root); the authentication routes also take a token
 * that still waits for its second factor, and a verified assertion completes that token. A challenge is random,
 * bound to the user and the ceremony, good once and for {@code api.webauthnChallengeTtl}. Verification is
 * Yubico's ({@link WebAuthnRelyingParty}); the signature counter is then advanced by a conditional write, so a
 * counter that does not increase (a cloned authenticator, or a racing reuse) is refused.
 */
public final class WebAuthnRoutes {

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_ID_HEX = 2048;
    private static final int MAX_DATA_HEX = 1024 * 1024;

    private final MailStore store;
    private final TokenStore tokens;
    private final WebAuthnRelyingParty rp;
    private final WebAuthnChallenges challenges;

    public WebAuthnRoutes(MailStore store, GannetConfig config, KeyValueCache cache, TokenStore tokens) {
        this.store = store;
        this.tokens = tokens;
        this.rp = new WebAuthnRelyingParty(config);
        this.challenges = new WebAuthnChallenges(cache, config.get(Settings.API_WEBAUTHN_CHALLENGE_TTL));
    }

    public List<Route> routes() {
        String base = "/users/{user}/2fa/webauthn";
        return List.of(
                Route.get(base + "/credentials").doc("2fa", "The user's WebAuthn credentials")
                        .returns(CredentialList.class).handle(call -> new CredentialList(true,
                                store.webauthn().list(user(call).id()).map(WebAuthnRoutes::credential)
                                        .collectList().block())),
                Route.delete(base + "/credentials/{credential}").doc("2fa",
                                "Delete a WebAuthn credential; deleting the last one turns WebAuthn off for the user")
                        .returns(Deleted.class).handle(call -> {
                            User u = user(call);
                            if (!Boolean.TRUE.equals(store.webauthn().delete(u.id(), call.path("credential")).block())) {
                                throw ApiException.notFound("no such WebAuthn credential");
                            }
                            return new Deleted(true, true);
                        }),
                Route.post(base + "/registration-challenge").doc("2fa",
                                "Start registering a WebAuthn authenticator: the options for navigator.credentials.create()")
                        .body(RegistrationChallenge.class).returns(RegistrationChallengeResult.class)
                        .handle(this::registrationChallenge),
                Route.post(base + "/registration-attestation").doc("2fa",
                                "Finish registering a WebAuthn authenticator with its attestation")
                        .body(RegistrationAttestation.class).returns(RegistrationResult.class)
                        .handle(this::registrationAttestation),
                Route.post(base + "/authentication-challenge").doc("2fa",
                                "Start a WebAuthn authentication: the options for navigator.credentials.get()")
                        .body(AuthenticationChallenge.class).returns(AuthenticationChallengeResult.class)
                        .beforeSecondFactor().handle(this::authenticationChallenge),
                Route.post(base + "/authentication-assertion").doc("2fa",
                                "Finish a WebAuthn authentication; a verified assertion completes the caller's token")
                        .body(AuthenticationAssertion.class).returns(WebAuthnBodies.AssertionResult.class)
                        .beforeSecondFactor().handle(this::authenticationAssertion));
    }

    private User user(Call call) {
        return Call.await(store.users().get(call.user()), "no such user");
    }

    private RegistrationChallengeResult registrationChallenge(Call call) {
        User u = user(call);
        RegistrationChallenge req = call.body(RegistrationChallenge.class);
        String description = req.description() == null ? "" : req.description().strip();
        if (description.isEmpty()) {
            throw ApiException.badRequest("field description is required");
        }
        if (description.length() > 1024) {
            throw ApiException.badRequest("field description: at most 1024 characters");
        }
        String origin = rp.origin(req.origin());
        String rpId = rp.rpId(req.rpId());
        String attachment = WebAuthnRelyingParty.attachment(req.authenticatorAttachment());
        List<WebAuthnCredential> existing = store.webauthn().list(u.id()).collectList().block();
        if (existing.size() >= dev.gannet.core.store.WebAuthnStore.MAX_PER_USER) {
            throw ApiException.badRequest("a user may have at most " + dev.gannet.core.store.WebAuthnStore.MAX_PER_USER
                    + " WebAuthn credentials");
        }
        PublicKeyCredentialCreationOptions options = rp.startRegistration(u, rpId, origin, attachment, challenges.ttl());
        String challenge = options.getChallenge().getHex();
        Call.run(challenges.put(u.id(), Ceremony.REGISTRATION, challenge,
                new Pending(json(options), origin, rpId, description, attachment)));
        List<ExcludedCredential> exclude = existing.stream().filter(c -> attachment.equals(attachmentOf(c)))
                .map(c -> new ExcludedCredential(c.rawIdHex(), "public-key",
                        WebAuthnRelyingParty.PLATFORM.equals(attachment) ? List.of("internal") : List.of("usb", "nfc", "ble")))
                .toList();
        return new RegistrationChallengeResult(true, new RegistrationOptions(challenge,
                new Rp(options.getRp().getName(), options.getRp().getId()),
                new RpUser(u.id().value(), options.getUser().getName(), options.getUser().getDisplayName()),
                options.getPubKeyCredParams().stream()
                        .map(p -> new PubKeyCredParam(p.getType().getId(), p.getAlg().getId())).toList(),
                challenges.ttl().toMillis(), options.getAttestation().getValue(),
                new Selection(attachment, "discouraged"), exclude));
    }

    private WebAuthnBodies.RegistrationResult registrationAttestation(Call call) {
        User u = user(call);
        RegistrationAttestation req = call.body(RegistrationAttestation.class);
        String challenge = hexText("challenge", req.challenge(), MAX_ID_HEX);
        byte[] rawId = hex("rawId", req.rawId(), MAX_ID_HEX);
        byte[] clientData = hex("clientDataJSON", req.clientDataJSON(), MAX_DATA_HEX);
        byte[] attestation = hex("attestationObject", req.attestationObject(), MAX_DATA_HEX);
        Pending p = challenge(u.id(), Ceremony.REGISTRATION, challenge, req.rpId());
        List<WebAuthnCredential> existing = store.webauthn().list(u.id()).collectList().block();
        RegistrationResult result = rp.finishRegistration(u.id(), existing, p, rawId, clientData, attestation);
        WebAuthnCredential saved;
        try {
            saved = Call.await(store.webauthn().add(u.id(), new WebAuthnCredential.New(
                    result.getKeyId().getId().getBytes(), result.getPublicKeyCose().getBytes(),
                    result.getSignatureCount(), p.description(), p.authenticatorAttachment(), p.rpId())), "no such user");
        } catch (GannetException.AlreadyExists e) {
            throw ApiException.badRequest("field rawId: this credential is registered already");
        }
        return new WebAuthnBodies.RegistrationResult(true, new Registered(true, saved.id(), saved.rawIdHex(),
                saved.description(), attachmentOf(saved)));
    }

    private AuthenticationChallengeResult authenticationChallenge(Call call) {
        User u = user(call);
        AuthenticationChallenge req = call.body(AuthenticationChallenge.class);
        String origin = rp.origin(req.origin());
        String rpId = rp.rpId(req.rpId());
        String attachment = WebAuthnRelyingParty.attachment(req.authenticatorAttachment());
        List<WebAuthnCredential> all = store.webauthn().list(u.id()).collectList().block();
        if (all.isEmpty()) {
            throw new ApiException(400, "WebAuthnDisabled", "WebAuthn is not enabled for this user");
        }
        List<WebAuthnCredential> allowed = all.stream().filter(c -> attachment.equals(attachmentOf(c))).toList();
        AssertionRequest request = rp.startAssertion(u.id(), rpId, origin, allowed, challenges.ttl());
        PublicKeyCredentialRequestOptions options = request.getPublicKeyCredentialRequestOptions();
        String challenge = options.getChallenge().getHex();
        Call.run(challenges.put(u.id(), Ceremony.AUTHENTICATION, challenge,
                new Pending(json(request), origin, rpId, null, attachment)));
        List<AllowedCredential> allow = options.getAllowCredentials().orElse(List.of()).stream()
                .map(PublicKeyCredentialDescriptor::getId).map(id -> new AllowedCredential(id.getHex(), "public-key"))
                .toList();
        return new AuthenticationChallengeResult(true, new AuthenticationOptions(challenge, allow, options.getRpId(),
                challenges.ttl().toMillis(), "discouraged"));
    }

    private WebAuthnBodies.AssertionResult authenticationAssertion(Call call) {
        User u = user(call);
        AuthenticationAssertion req = call.body(AuthenticationAssertion.class);
        String challenge = hexText("challenge", req.challenge(), MAX_ID_HEX);
        byte[] rawId = hex("rawId", req.rawId(), MAX_ID_HEX);
        byte[] clientData = hex("clientDataJSON", req.clientDataJSON(), MAX_DATA_HEX);
        byte[] authData = hex("authenticatorData", req.authenticatorData(), MAX_DATA_HEX);
        byte[] signature = hex("signature", req.signature(), MAX_DATA_HEX);
        Pending p = challenge(u.id(), Ceremony.AUTHENTICATION, challenge, req.rpId());
        WebAuthnCredential credential = store.webauthn().find(u.id(), rawId).blockOptional()
                .orElseThrow(() -> new ApiException(400, "CredentialsNotFound", "field rawId: no such WebAuthn credential of this user"));
        AssertionResult result = rp.finishAssertion(u.id(), credential, p, rawId, clientData, authData, signature);
        if (!Boolean.TRUE.equals(store.webauthn().recordUse(credential.id(), result.getSignatureCount(), Instant.now()).block())) {
            throw new ApiException(403, "WebAuthnFailed",
                    "the authenticator's signature counter did not increase; it may be a clone");
        }
        if (!call.principal().root() && call.principal().tokenHash() != null) {
            Call.run(tokens.completeSecondFactor(call.principal().tokenHash()));
        }
        String token = Boolean.TRUE.equals(req.token()) ? Call.await(tokens.issue(u.id()), "token") : null;
        return new WebAuthnBodies.AssertionResult(true, new Authenticated(true, credential.id()), token);
    }

    /** Takes the challenge (once); a request that names an rpId must name the one the challenge was made for. */
    private Pending challenge(UserId user, Ceremony ceremony, String challengeHex, String rpId) {
        Pending p = challenges.take(user, ceremony, challengeHex).blockOptional().orElseThrow(() -> new ApiException(400,
                "ChallengeNotFound", "field challenge: unknown, expired or already used"));
        if (rpId != null && !rpId.isBlank() && !rp.rpId(rpId).equals(p.rpId())) {
            throw ApiException.badRequest("field rpId: not the relying party id of this challenge");
        }
        return p;
    }

    private static Credential credential(WebAuthnCredential c) {
        return new Credential(c.id(), c.rawIdHex(), c.description(), attachmentOf(c));
    }

    private static String attachmentOf(WebAuthnCredential c) {
        return c.authenticatorAttachment() == null ? WebAuthnRelyingParty.CROSS_PLATFORM : c.authenticatorAttachment();
    }

    /** A required hex field, checked and lower-cased, without decoding. */
    private static String hexText(String field, String value, int maxChars) {
        return HEX.formatHex(hex(field, value, maxChars));
    }

    /** A required hex field (WildDuck's encoding of binary values), at most {@code maxChars} long. */
    private static byte[] hex(String field, String value, int maxChars) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("field " + field + " is required");
        }
        if (value.length() > maxChars) {
            throw ApiException.badRequest("field " + field + ": at most " + maxChars + " hex digits");
        }
        try {
            return HEX.parseHex(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("field " + field + ": not a hex string");
        }
    }

    private static String json(PublicKeyCredentialCreationOptions o) {
        try {
            return o.toJson();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(AssertionRequest r) {
        try {
            return r.toJson();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
