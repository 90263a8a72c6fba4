package dev.gannet.api.twofa;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Request and response bodies of the WebAuthn routes, with WildDuck's field names: every binary value (challenge,
 * credential id, client data, attestation object, authenticator data, signature) is a hex string.
 */
public final class WebAuthnBodies {

    private WebAuthnBodies() {
    }

    public record RegistrationChallenge(String description, String origin, String authenticatorAttachment, String rpId,
            String sess, String ip) {
    }

    public record RegistrationAttestation(String challenge, String rawId, String clientDataJSON,
            String attestationObject, String rpId, String sess, String ip) {
    }

    public record AuthenticationChallenge(String origin, String authenticatorAttachment, String rpId,
            String twoFactorNonce, String sess, String ip) {
    }

    public record AuthenticationAssertion(String challenge, String rawId, String clientDataJSON,
            String authenticatorData, String signature, String rpId, String twoFactorNonce, Boolean token,
            String sess, String ip) {
    }

    public record Rp(String name, String id) {
    }

    public record RpUser(String id, String name, String displayName) {
    }

    public record PubKeyCredParam(String type, long alg) {
    }

    public record Selection(String authenticatorAttachment, String userVerification) {
    }

    public record ExcludedCredential(String rawId, String type, List<String> transports) {
    }

    public record AllowedCredential(String rawId, String type) {
    }

    public record RegistrationOptions(String challenge, Rp rp, RpUser user, List<PubKeyCredParam> pubKeyCredParams,
            long timeout, String attestation, Selection authenticatorSelection,
            List<ExcludedCredential> excludeCredentials) {
    }

    public record RegistrationChallengeResult(boolean success, RegistrationOptions registrationOptions) {
    }

    public record Credential(String id, String rawId, String description, String authenticatorAttachment) {
    }

    public record Registered(boolean success, String id, String rawId, String description,
            String authenticatorAttachment) {
    }

    public record RegistrationResult(boolean success, Registered response) {
    }

    public record CredentialList(boolean success, List<Credential> credentials) {
    }

    public record Deleted(boolean success, boolean deleted) {
    }

    public record AuthenticationOptions(String challenge, List<AllowedCredential> allowCredentials, String rpId,
            long timeout, String userVerification) {
    }

    public record AuthenticationChallengeResult(boolean success, AuthenticationOptions authenticationOptions) {
    }

    public record Authenticated(boolean authenticated, String credential) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AssertionResult(boolean success, Authenticated response, String token) {
        @Override
        public String toString() {
            return "AssertionResult[success=" + success + ", response=" + response + ", token=" + (token == null ? null : "***") + "]";
        }
    }
}
